"""The screening wizard in a real browser on a phone: keyboard and taps, axe-core on every kind
of page (a question, a number, a bad reply, the emergency stop, the result, the history)."""

import pytest
from web_browser import browser_at, nav_to, set_up_admin


@pytest.mark.parametrize("size", ["phone"])
def test_the_screening_wizard_in_the_browser(size: str) -> None:
    with browser_at(size) as (url, browser, look):
        from playwright.sync_api import expect

        page = look.page
        set_up_admin(page, url)
        page.get_by_role("link", name="Start the screening").click()
        expect(page.get_by_text("Question 1")).to_be_visible()
        look.check("screen-first")

        page.get_by_label("No", exact=True).check()
        page.keyboard.press("Enter")  # the keyboard sends Next, never Back
        expect(page.get_by_text("Question 2")).to_be_visible()
        page.get_by_role("button", name="Back").click()
        expect(page.get_by_text("Question 1")).to_be_visible()
        expect(page.get_by_label("No", exact=True)).to_be_checked()
        page.get_by_role("button", name="Next").click()
        for _ in range(3):
            page.get_by_label("No", exact=True).check()
            page.get_by_role("button", name="Next").click()
        expect(page.get_by_text("Do you have pain, numbness or pins-and-needles")).to_be_visible()
        look.check("screen-choice")

        page.get_by_label("Yes, in both legs").check()
        page.get_by_role("button", name="Next").click()
        page.get_by_label("New, or spread since this back pain began").check()
        page.get_by_role("button", name="Next").click()
        expect(
            page.get_by_role("heading", name="GO TO AN EMERGENCY DEPARTMENT NOW")
        ).to_be_visible()
        look.check("screen-emergency")
        page.get_by_role("button", name="I chose that by mistake: change it").click()
        page.get_by_label("Long-standing and unchanged, eased by sitting").check()
        page.get_by_role("button", name="Next").click()
        expect(page.get_by_text("Is any of it numbness")).to_be_visible()
        page.goto(url + "/screen")
        for _ in range(23):  # calm answers up to the age question
            if page.get_by_label("How old are you?").count():
                break
            page.get_by_label("No", exact=True).check()
            page.get_by_role("button", name="Next").click()
        page.get_by_label("How old are you?").fill("old")
        page.get_by_role("button", name="Next").click()
        expect(page.get_by_text("'old' is not a whole number")).to_be_visible()
        look.check("screen-bad-number")
        page.get_by_label("How old are you?").fill("35")
        page.get_by_role("button", name="Next").click()
        page.get_by_label("How bad is the pain right now").fill("3")
        page.get_by_role("button", name="Next").click()
        page.goto(url + "/screen")
        page.get_by_label("Yes", exact=True).check()
        page.get_by_role("button", name="Next").click()
        page.get_by_role("button", name="Keep this answer and save the result").click()
        expect(page.get_by_role("heading", name="Your level now: emergency")).to_be_visible()
        look.check("screen-result")
        nav_to(page, "Screening")
        expect(page.get_by_role("heading", name="Past screenings")).to_be_visible()
        look.check("screen-history")
