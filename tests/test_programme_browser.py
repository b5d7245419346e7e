"""Programme changes in a real browser, on a phone and a laptop: the clinician pins an exercise
with a reason and leaves a note; the runner sees the pin and the note on Today, and the changes
in force on the care page. axe-core is clean at every stop."""

import pytest
from screening_base import CALM
from web_browser import VIEWPORTS, Looker, browser_at, new_page, register, set_up_admin
from web_server import screen_directly


@pytest.mark.parametrize("size", sorted(VIEWPORTS))
def test_a_clinician_pins_and_notes_and_the_runner_sees_both(size: str) -> None:
    with browser_at(size) as (url, browser, look):
        from playwright.sync_api import expect

        page = look.page
        set_up_admin(page, url, "anna")
        screen_directly("anna", CALM)
        page.goto(url + "/care")
        invite = page.get_by_role("region", name="Invite a clinician")
        invite.get_by_label("Adjust the exercise programme").check()
        invite.get_by_label("Send notes").check()
        page.get_by_role("button", name="Make an invitation code").click()
        code = page.get_by_label("The code").input_value()

        cleo = Looker(new_page(browser, size), size, look.shots)
        register(cleo.page, url, "cleo")
        cleo.page.goto(url + "/care/accept")
        cleo.page.get_by_label("The invitation code").fill(code)
        cleo.page.get_by_role("button", name="Accept").click()
        expect(cleo.page.get_by_role("heading", name="Programme changes")).to_be_visible()
        cleo.check("programme-empty")
        cap = cleo.page.locator("#form-cap")
        cap.get_by_label("Exercise").select_option("squat")
        cap.get_by_label("Most reps").fill("99")
        cap.get_by_label("Reason").fill("a big block")
        cap.get_by_role("button").click()
        expect(cleo.page.get_by_role("alert")).to_contain_text("above the ladder")
        cleo.check("programme-cap-refused")
        pin = cleo.page.locator("#form-pin")
        pin.get_by_label("Exercise").select_option("squat")
        pin.get_by_label("Reason").fill("strong legs for the hills")
        pin.get_by_role("button").click()
        note = cleo.page.locator("#form-note")
        note.get_by_label("The note").fill("Keep the long run easy this week.")
        note.get_by_label("Reason").fill("race in ten days")
        note.get_by_role("button").click()
        expect(cleo.page.get_by_text("Version 2", exact=True)).to_be_visible()
        cleo.check("programme-versions")
        current = cleo.page.locator("section[aria-labelledby=current-heading]")
        expect(current.get_by_role("heading", name="Current programme")).to_be_visible()
        expect(current.get_by_text("Pinned by cleo: strong legs for the hills")).to_be_visible()
        expect(current.get_by_text("Level now: self care")).to_be_visible()
        cleo.check("programme-current")

        page.goto(url + "/today")
        expect(page.get_by_role("heading", name="A note from cleo")).to_be_visible()
        expect(page.get_by_text("Keep the long run easy this week.")).to_be_visible()
        expect(page.get_by_text("Pinned by cleo: strong legs for the hills")).to_be_visible()
        look.check("today-pinned")
        page.goto(url + "/care")
        expect(page.get_by_text("pin Bodyweight squat", exact=False)).to_be_visible()
        look.check("care-changes")
