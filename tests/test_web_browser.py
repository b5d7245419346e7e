"""The web app in a real browser (Debian's chromium via Playwright), on a phone and a laptop.

Each page is checked by a Looker (tests/web_browser.py): axe-core finds no serious or critical
problem and the console no error; screenshots go to BACKSTRIDE_SCREENSHOTS when it is set.
"""

import pytest
from screening_base import CALM
from web_browser import PASSWORD, VIEWPORTS, Looker, browser_at, new_page
from web_server import screen_directly


@pytest.mark.parametrize("size", sorted(VIEWPORTS))
def test_a_runners_day_in_the_browser(size: str) -> None:
    with browser_at(size) as (url, browser, look):
        from playwright.sync_api import expect

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

        other = Looker(new_page(browser, size), size, look.shots)
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
