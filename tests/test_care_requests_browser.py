"""A clinician's link request in a real browser, on a phone and a laptop: the clinician asks,
the runner opens the link, sees who asked, chooses two scopes, and the clinician reads exactly
those on the client's page."""

import pytest
from web_browser import (
    VIEWPORTS,
    Looker,
    browser_at,
    calm_admin_with_pain,
    nav_to,
    new_page,
    register,
)


@pytest.mark.parametrize("size", sorted(VIEWPORTS))
def test_ask_accept_with_two_scopes_and_read_in_the_browser(size: str) -> None:
    with browser_at(size) as (url, browser, look):
        from playwright.sync_api import expect

        page = look.page
        calm_admin_with_pain(page, url, "anna")
        nav_to(page, "Care")
        expect(
            page.get_by_role("heading", name="A clinician asked you to link them")
        ).to_be_visible()
        look.check("care-with-request-form")

        cleo = Looker(new_page(browser, size), size, look.shots)
        register(cleo.page, url, "cleo")
        cleo.page.goto(url + "/clients")
        expect(cleo.page.get_by_role("heading", name="Ask a runner to link you")).to_be_visible()
        cleo.check("clients-ask")
        cleo.page.get_by_role("button", name="Make a link request").click()
        link = cleo.page.get_by_label("The link").input_value()
        code = cleo.page.get_by_label("The code").input_value()
        assert code.startswith("carereq_") and link.endswith(f"/care/requests/accept?code={code}")
        cleo.check("request-made")

        page.goto(link)
        expect(page.get_by_text("asks to be linked to your record")).to_be_visible()
        expect(page.get_by_label("The clinician's code")).to_have_value(code)
        look.check("request-open")
        page.get_by_role("button", name="Link cleo").click()
        expect(page.get_by_text("choose at least one scope")).to_be_visible()
        look.check("request-no-scope")
        page.get_by_label("See screenings and check-ins").check()
        page.get_by_label("See pain entries and exercise sessions").check()
        page.get_by_role("button", name="Link cleo").click()
        expect(page.get_by_role("heading", name="Your care links")).to_be_visible()
        expect(
            page.get_by_text("can see screenings and check-ins, see pain entries and exercise")
        ).to_be_visible()
        look.check("care-linked-by-request")

        cleo.page.goto(url + "/clients")
        cleo.page.get_by_role("link", name="anna").click()
        expect(cleo.page.get_by_role("heading", name="Client anna")).to_be_visible()
        expect(cleo.page.get_by_text("pain 3/10")).to_be_visible()
        expect(cleo.page.get_by_text("screening: self care").first).to_be_visible()
        expect(cleo.page.get_by_text("Training load")).to_have_count(0)
        cleo.check("client-by-request")
