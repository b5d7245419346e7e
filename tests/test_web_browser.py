"""The web app in a real browser (Debian's chromium via Playwright), on a phone and a laptop.

Each page is checked with axe-core (vendored under tests/vendor) for serious or critical
problems, and for console errors (a CSP violation shows there). Screenshots go to
BACKSTRIDE_SCREENSHOTS when it is set, for a person to look at.
"""

import os
from pathlib import Path
from typing import Any

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, browser_or_skip
from screening_base import CALM
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


@pytest.mark.parametrize("size", sorted(VIEWPORTS))
def test_a_runners_day_in_the_browser(size: str) -> None:
    browser_or_skip()
    from playwright.sync_api import expect, sync_playwright

    shots_dir = os.environ.get("BACKSTRIDE_SCREENSHOTS")
    shots = Path(shots_dir) if shots_dir else None
    width, height = VIEWPORTS[size]
    with served() as (url, _), sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            look = Looker(context.new_page(), size, shots)
            page = look.page
            page.goto(url + "/")
            expect(page.get_by_role("heading", name="Set up backstride")).to_be_visible()
            look.check("setup")
            page.get_by_label("Login").fill("anna")
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Create the admin account").click()
            expect(page.get_by_text("It starts with a short screening")).to_be_visible()
            look.check("today-new")

            screen_directly("anna", CALM)
            page.reload()
            expect(page.get_by_role("heading", name="Today's routine")).to_be_visible()
            look.check("today-routine")
            page.get_by_role("button", name="Morning pain 3 out of 10").click()
            expect(page.get_by_text("Morning pain today: 3/10")).to_be_visible()
            look.check("today-logged")

            page.get_by_role("link", name="Account").click()
            expect(page.get_by_role("heading", name="Your account")).to_be_visible()
            look.check("account")
            page.get_by_role("button", name="Sign out").click()
            expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
            look.check("sign-in")
            page.get_by_label("Login").fill("anna")
            page.get_by_label("Password").fill("not the password")
            page.get_by_role("button", name="Sign in").click()
            expect(page.get_by_text("do not match an account")).to_be_visible()
            look.check("sign-in-failed")
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            expect(page.get_by_text("Morning pain today: 3/10")).to_be_visible()

            other = Looker(
                browser.new_context(viewport={"width": width, "height": height}).new_page(),
                size,
                shots,
            )
            other.page.goto(url + "/register")
            other.page.get_by_label("Login").fill("ben")
            other.page.get_by_label("Password").fill(PASSWORD)
            other.page.get_by_role("button", name="Create the account").click()
            expect(other.page.get_by_text("It starts with a short screening")).to_be_visible()
            screen_directly("ben", {**CALM, "saddle_numbness": True})
            other.page.reload()
            expect(
                other.page.get_by_role("heading", name="GO TO AN EMERGENCY DEPARTMENT NOW")
            ).to_be_visible()
            expect(other.page.get_by_role("heading", name="Today's routine")).to_have_count(0)
            other.check("today-emergency")
        finally:
            browser.close()
