"""The screening wizard in a real browser on a phone: keyboard and taps, axe-core on every kind
of page (a question, a number, a bad reply, the emergency stop, the result, the history)."""

import os
from pathlib import Path

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, browser_or_skip
from test_web_browser import PASSWORD, VIEWPORTS, Looker
from web_server import served


@pytest.mark.parametrize("size", ["phone"])
def test_the_screening_wizard_in_the_browser(size: str) -> None:
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
            page.get_by_label("Login").fill("anna")
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Create the admin account").click()
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
            expect(
                page.get_by_text("Do you have pain, numbness or pins-and-needles")
            ).to_be_visible()
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
            page.get_by_role("link", name="Screening", exact=True).click()
            expect(page.get_by_role("heading", name="Past screenings")).to_be_visible()
            look.check("screen-history")
        finally:
            browser.close()
