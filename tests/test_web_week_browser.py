"""The profile, routine and plan pages in a real browser, on a phone and a laptop, with axe-core."""

import pytest
from screening_base import CALM
from web_browser import VIEWPORTS, browser_at, nav_to, set_up_admin
from web_server import screen_directly

ACCEPTANCE = "tue:easy@07:00,thu:intervals@18:00,sat:long@08:00,sun:easy@09:00"


@pytest.mark.parametrize("size", sorted(VIEWPORTS))
def test_the_week_pages_in_the_browser(size: str) -> None:
    with browser_at(size, timezone_id="Europe/Berlin") as (url, browser, look):
        from playwright.sync_api import expect

        page = look.page
        set_up_admin(page, url)
        expect(page.get_by_text("It starts with a short screening")).to_be_visible()

        nav_to(page, "Routine")
        expect(page.get_by_role("heading", name="No routine today")).to_be_visible()
        expect(page.get_by_role("link", name="Take the screening")).to_be_visible()
        look.check("routine-no-screening")

        screen_directly("anna", CALM)
        nav_to(page, "Profile")
        expect(page.get_by_label("Time zone")).to_have_value("Europe/Berlin")
        look.check("profile")
        page.get_by_label("Time zone").fill("America/Chicago")
        offer = page.get_by_role("button", name="Use this device's time zone: Europe/Berlin")
        page.get_by_label("Time zone").fill("Mars/Olympus")
        page.get_by_label("mat").check()
        page.get_by_label("Run", exact=True).first.select_option("easy")
        page.get_by_role("button", name="Save the profile").click()
        expect(page.get_by_text("unknown time zone 'Mars/Olympus'")).to_be_visible()
        look.check("profile-refused")
        page.reload()  # the page as it loads with a zone that is not this device's
        page.get_by_label("Time zone").fill("Asia/Tokyo")
        page.get_by_role("button", name="Save the profile").click()
        expect(page.get_by_text("Profile saved.")).to_be_visible()
        expect(offer).to_be_visible()
        offer.click()
        expect(page.get_by_label("Time zone")).to_have_value("Europe/Berlin")
        page.get_by_role("button", name="Save the profile").click()
        expect(page.get_by_text("Profile saved.")).to_be_visible()

        nav_to(page, "Routine")
        expect(page.get_by_text("exercises,").first).to_be_visible()
        look.check("routine")
        page.get_by_label("Minutes you have").fill("10")
        page.get_by_role("button", name="Show the routine").click()
        expect(page.get_by_label("Minutes you have")).to_have_value("10")
        page.goto(url + "/routine?minutes=200")  # past the browser's own check of max
        expect(page.get_by_text("minutes 200 is out of range")).to_be_visible()
        look.check("routine-refused-minutes")

        page.goto(url + "/plan?runs=" + ACCEPTANCE)
        expect(page.get_by_role("heading", name="Next week's doses")).to_be_visible()
        look.check("plan")
        page.get_by_label("Move the session on").select_option("tue")
        page.get_by_label("to", exact=True).select_option("fri")
        page.get_by_role("button", name="Move it").click()
        expect(page.get_by_role("alert")).to_contain_text("the day before your long run")
        look.check("plan-move-refused")

        screen_directly("anna", {**CALM, "saddle_numbness": True})
        nav_to(page, "Plan")
        expect(
            page.get_by_role("heading", name="GO TO AN EMERGENCY DEPARTMENT NOW")
        ).to_be_visible()
        look.check("plan-emergency")
        nav_to(page, "Routine")
        expect(
            page.get_by_role("heading", name="GO TO AN EMERGENCY DEPARTMENT NOW")
        ).to_be_visible()
        look.check("routine-emergency")
