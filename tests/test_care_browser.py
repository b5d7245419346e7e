"""Care links in a real browser, on a phone and a laptop: a runner invites, a clinician accepts
and reads the timeline, the runner sees the trail and revokes, the clinician loses the page."""

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
def test_invite_accept_read_revoke_in_the_browser(size: str) -> None:
    with browser_at(size) as (url, browser, look):
        from playwright.sync_api import expect

        page = look.page
        calm_admin_with_pain(page, url, "anna")
        nav_to(page, "Care")
        expect(page.get_by_role("heading", name="Care: who sees your data")).to_be_visible()
        look.check("care-empty")
        invite = page.locator("form[action='/care/invites']")
        invite.get_by_label("See runs and training load").check()
        page.get_by_role("button", name="Make an invitation code").click()
        code = page.get_by_label("The code").input_value()
        assert code.startswith("care_")
        look.check("care-code")

        cleo = Looker(new_page(browser, size), size, look.shots)
        register(cleo.page, url, "cleo")
        cleo.page.goto(url + "/care/accept")
        cleo.page.get_by_label("The invitation code").fill("care_mistyped")
        cleo.page.get_by_role("button", name="Accept").click()
        expect(cleo.page.get_by_text("is not valid")).to_be_visible()
        cleo.check("accept-wrong")
        cleo.page.get_by_label("The invitation code").fill(code)
        cleo.page.get_by_role("button", name="Accept").click()
        expect(cleo.page.get_by_role("heading", name="Client anna")).to_be_visible()
        expect(cleo.page.get_by_text("pain 3/10")).to_be_visible()
        cleo.check("client")
        client_page = cleo.page.url
        cleo.page.get_by_role("link", name="All your clients").click()
        expect(cleo.page.get_by_role("link", name="anna")).to_be_visible()
        cleo.check("clients")

        page.goto(url + "/care")  # not a reload: that would send the invitation form again
        expect(page.get_by_text("read the timeline: pain and sessions")).to_be_visible()
        expect(page.get_by_text("unused code")).to_have_count(0)
        look.check("care-linked")
        page.get_by_role("button", name="Revoke cleo's access").click()
        expect(page.get_by_text("revoked", exact=False).first).to_be_visible()
        look.check("care-revoked")
        cleo.page.goto(url + "/clients")
        expect(cleo.page.get_by_text("No runner links to you yet.")).to_be_visible()
        cleo.check("clients-none")
        gone = cleo.page.goto(client_page)
        assert gone is not None and gone.status == 404
        expect(cleo.page.get_by_text("pain 3/10")).to_have_count(0)
