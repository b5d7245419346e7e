"""The web app in a real browser for tests: a served app, chromium at a viewport, a Looker.

A Looker checks a page with axe-core (vendored under tests/vendor) for serious or critical
problems and for console errors (a CSP violation shows there), and saves a screenshot to
BACKSTRIDE_SCREENSHOTS when it is set, for a person to look at.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from browser import CHROMIUM, CHROMIUM_ARGS, browser_or_skip
from web_server import screen_directly, served

AXE = (Path(__file__).parent / "vendor" / "axe-4.14.1.min.js").read_text(encoding="utf-8")

PASSWORD = "a calm back on long runs"
VIEWPORTS = {"phone": (390, 844), "laptop": (1280, 800)}


class Looker:
    """One page in one viewport: axe-core and console errors checked at every stop."""

    def __init__(self, page: Any, size: str, shots: Path | None) -> None:
        self.page = page
        self.size = size
        self.shots = shots
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("response", self._response)

    def _console(self, message: Any) -> None:
        # A page answered 401 or 422 on purpose is logged as a failed load: the response
        # listener below judges loads (a missing script or style fails there).
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(message.text)

    def _response(self, response: Any) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            self.errors.append(f"{response.status} for {response.url}")

    def check(self, name: str) -> None:
        """No serious or critical axe finding, no console error; a screenshot if asked."""
        self.page.wait_for_load_state("networkidle")
        self.page.evaluate(AXE)
        found = self.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))"
        )
        bad = [v for v in found if v["impact"] in ("serious", "critical")]
        assert bad == [], f"{name} at {self.size}: {bad}"
        assert self.errors == [], f"{name} at {self.size}: {self.errors}"
        if self.shots is not None:
            self.shots.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(self.shots / f"{self.size}-{name}.png"), full_page=True)


@contextmanager
def browser_at(size: str, **context: Any) -> Iterator[tuple[str, Any, Looker]]:
    """A fresh served app, chromium, and a Looker on a first page at this viewport.

    Yields the app's address, the browser (for more contexts) and the Looker.
    """
    browser_or_skip()
    from playwright.sync_api import sync_playwright

    shots_dir = os.environ.get("BACKSTRIDE_SCREENSHOTS")
    shots = Path(shots_dir) if shots_dir else None
    with served() as (url, _), sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield url, browser, Looker(new_page(browser, size, **context), size, shots)
        finally:
            browser.close()


def new_page(browser: Any, size: str, **context: Any) -> Any:
    """A page in a new context (its own cookies) at one of the viewports."""
    width, height = VIEWPORTS[size]
    return browser.new_context(viewport={"width": width, "height": height}, **context).new_page()


def set_up_admin(page: Any, url: str, login: str = "anna") -> None:
    """The first visit: create the admin account through the setup page."""
    page.goto(url + "/")
    page.get_by_label("Login").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create the admin account").click()


def calm_admin_with_pain(page: Any, url: str, login: str) -> None:
    """The admin, screened calm (through the service), with a morning pain of 3 tapped on
    Today: a runner with something for a clinician to read."""
    from screening_base import CALM

    set_up_admin(page, url, login)
    screen_directly(login, CALM)
    page.goto(url + "/today")
    page.get_by_role("button", name="Morning pain 3 out of 10").click()


def register(page: Any, url: str, login: str) -> None:
    """A second account, through the registration page (open until the admin closes it)."""
    page.goto(url + "/register")
    page.get_by_label("Login").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create the account").click()


def answer_calmly(page: Any, limit: int = 60) -> int:
    """Walk the screening wizard as a calm runner would, tapping each reply's label (the
    replies of tests/screening_base.CALM_REPLIES, else "No"); the number of questions."""
    from screening_base import CALM_REPLIES

    # The link that opened the wizard may still be loading (a busy machine): wait for its
    # first question before counting questions, or a count of 0 would end the walk at once.
    page.locator("input[name=question]").first.wait_for(state="attached")
    for number in range(1, limit + 1):
        question = page.locator("input[name=question]")
        if question.count() == 0:
            return number - 1
        reply = CALM_REPLIES.get(question.get_attribute("value") or "", "n")
        typed = page.locator("input#reply[type=text]")
        if typed.count():
            typed.fill(reply)
        else:
            page.locator(f'label.choice:has(input[name=reply][value="{reply}"])').click()
        page.get_by_role("button", name="Next").click()
        page.wait_for_load_state()
    raise AssertionError(f"the wizard did not end within {limit} questions")


def nav_to(page: Any, name: str) -> None:
    """Follow a link of the main menu as a person would: on a phone, open "More" first."""
    menu = page.get_by_role("navigation", name="Main")
    link = menu.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        menu.get_by_text("More", exact=True).click()
    link.click()


def sign_out(page: Any) -> None:
    """Sign out through the main menu (behind "More" on a phone)."""
    menu = page.get_by_role("navigation", name="Main")
    button = menu.get_by_role("button", name="Sign out")
    if not button.is_visible():
        menu.get_by_text("More", exact=True).click()
    button.click()
