"""The web app in a real browser (Debian's chromium via Playwright), on a phone and a laptop.

Each page is checked by a Looker (tests/web_browser.py): axe-core finds no serious or critical
problem and the console no error; screenshots go to BACKSTRIDE_SCREENSHOTS when it is set.
"""

import pytest
from web_browser import (
    PASSWORD,
    VIEWPORTS,
    Looker,
    answer_calmly,
    browser_at,
    nav_to,
    new_page,
    register,
    sign_out,
)


@pytest.mark.parametrize("size", sorted(VIEWPORTS))
def test_a_runners_day_in_the_browser(size: str) -> None:
    """Register, screen calm through the wizard, today, log pain and change it, the routine and
    an exercise, sign out and back; a second runner's emergency from question 1."""
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

        page.get_by_role("link", name="Start the screening").click()
        assert answer_calmly(page) >= 20
        expect(page.get_by_role("heading", name="Your level now: self care")).to_be_visible()
        look.check("screen-result-calm")
        page.get_by_role("link", name="Go to today").click()
        expect(page.get_by_role("heading", name="Today's routine")).to_be_visible()
        look.check("today-routine")
        page.get_by_role("button", name="Morning pain 3 out of 10").click()
        expect(page.get_by_text("Morning pain today: 3/10")).to_be_visible()

        nav_to(page, "Pain")
        page.get_by_label("After a run").check()
        page.get_by_role("button", name="Pain 5 out of 10").click()
        expect(page.get_by_text("Logged.")).to_be_visible()
        look.check("pain-logged")
        page.get_by_role("link", name="Change the entry").first.click()
        expect(page.get_by_role("heading", name="Change a pain entry")).to_be_visible()
        look.check("pain-edit")
        page.get_by_text("Where it reached, and a note (optional)").click()
        page.get_by_label("Note").fill("stiff after the hills")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text("stiff after the hills")).to_be_visible()

        nav_to(page, "Routine")
        expect(page.get_by_role("heading", name="Today's routine")).to_be_visible()
        look.check("routine")
        first = page.locator("ol.routine h3 a").first
        name = first.inner_text()
        first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(name.split(":")[0][:12])
        look.check("exercise")

        nav_to(page, "Account")
        expect(page.get_by_role("heading", name="Your account")).to_be_visible()
        look.check("account")
        sign_out(page)
        expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
        page.go_back()  # the browser's back after signing out shows no one's data
        page.reload()
        expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
        page.get_by_label("Login").fill("anna")
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_text("do not match an account")).to_be_visible()
        look.check("sign-in-failed")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        # back on the page the runner was on before signing out, with the data still there
        expect(page.get_by_role("heading", name="Your account")).to_be_visible()
        nav_to(page, "Today")
        expect(page.get_by_text("Morning pain today: 3/10")).to_be_visible()

        other = Looker(new_page(browser, size), size, look.shots)
        register(other.page, url, "ben")
        other.page.get_by_role("link", name="Start the screening").click()
        expect(other.page.get_by_text("Question 1")).to_be_visible()
        other.page.get_by_label("Yes", exact=True).check()
        other.page.get_by_role("button", name="Next").click()
        expect(
            other.page.get_by_role("heading", name="GO TO AN EMERGENCY DEPARTMENT NOW")
        ).to_be_visible()
        other.check("screen-emergency-q1")
        other.page.get_by_role("button", name="Keep this answer and save the result").click()
        other.page.goto(url + "/today")
        expect(
            other.page.get_by_role("heading", name="GO TO AN EMERGENCY DEPARTMENT NOW")
        ).to_be_visible()
        expect(other.page.get_by_role("heading", name="Today's routine")).to_have_count(0)
        expect(other.page.locator("a[href^='/exercises/']")).to_have_count(0)
        other.check("today-emergency")
