"""The runs, a run, load, cadence and the calendar feed in a real browser, with axe-core."""

import pytest
from screening_base import CALM
from web_browser import VIEWPORTS, browser_at, nav_to, set_up_admin
from web_runs import FIT_RUN, TCX_RIDE, TCX_RUN, import_directly
from web_server import screen_directly


@pytest.mark.parametrize("size", sorted(VIEWPORTS))
def test_the_numbers_pages_in_the_browser(size: str) -> None:
    with browser_at(size, timezone_id="Europe/Berlin") as (url, browser, look):
        from playwright.sync_api import expect

        page = look.page
        set_up_admin(page, url)
        screen_directly("anna", CALM)
        import_directly("anna", FIT_RUN, TCX_RUN, TCX_RIDE)

        nav_to(page, "Runs")
        expect(page.get_by_role("heading", name="2 runs, 14.36 km, 1.7 h in all")).to_be_visible()
        look.check("runs")
        page.get_by_label("Sport").select_option("all")
        page.get_by_role("button", name="Show").click()
        expect(
            page.get_by_role("heading", name="3 activities, 29.71 km, 2.5 h in all")
        ).to_be_visible()
        page.goto(url + "/runs?since=someday")
        expect(page.get_by_text("since 'someday' is not a date")).to_be_visible()
        look.check("runs-refused")

        page.goto(url + "/runs")
        page.get_by_role("link", name="2022-05-29 17:53 +02:00").click()
        expect(page.get_by_role("heading", name="The numbers")).to_be_visible()
        look.check("run")
        page.get_by_role("link", name="Delete this run").click()
        expect(page.get_by_role("heading", name="Delete this run?")).to_be_visible()
        look.check("run-delete")
        page.get_by_role("button", name="Delete it").click()
        expect(page.get_by_text("The run is deleted.")).to_be_visible()
        expect(page.get_by_role("heading", name="1 run, 11.04 km, 1.3 h in all")).to_be_visible()

        nav_to(page, "Load")
        expect(
            page.get_by_role("heading", name="How these numbers are made, with yours")
        ).to_be_visible()
        look.check("load")
        nav_to(page, "Cadence")
        expect(page.get_by_role("heading", name="Cadence")).to_be_visible()
        look.check("cadence")

        nav_to(page, "Plan")
        page.get_by_role("button", name="Make a calendar address").click()
        address = page.get_by_label("Calendar address")
        value = address.input_value()
        assert value.startswith(url + "/calendar/") and value.endswith(".ics")
        look.check("plan-feed")
        page.get_by_role("button", name="Revoke the address").click()
        expect(page.get_by_text("The calendar address is revoked")).to_be_visible()
