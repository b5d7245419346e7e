"""A care alert in a real browser: raised by a client's emergency result, it shows at the top of
the clinician's dashboard with what, when and a link to the client, and is acknowledged."""

import pytest
from screening_base import CALM, answers_with
from web_browser import VIEWPORTS, Looker, browser_at, new_page, register, set_up_admin
from web_server import screen_directly, served_action


@pytest.mark.parametrize("size", sorted(VIEWPORTS))
def test_an_alert_shows_on_the_dashboard_and_is_acknowledged(size: str) -> None:
    with browser_at(size) as (url, browser, look):
        from playwright.sync_api import expect

        from backstride.services.care import accept_invitation, invite_clinician

        set_up_admin(look.page, url, "anna")
        screen_directly("anna", CALM)
        cleo = Looker(new_page(browser, size), size, look.shots)
        register(cleo.page, url, "cleo")
        with served_action("anna") as action:
            code = invite_clinician(action, ["screening"])
        with served_action("cleo") as action:
            accept_invitation(action, code)
        cleo.page.goto(url + "/clients")
        expect(cleo.page.get_by_text("No alert waits for you.")).to_be_visible()
        screen_directly("anna", answers_with(saddle_numbness=True))
        cleo.page.goto(url + "/clients")
        alerts = cleo.page.locator("section[aria-labelledby=alerts-heading]")
        expect(alerts.get_by_text("new emergency result in a screening")).to_be_visible()
        expect(alerts.get_by_role("link", name="anna")).to_have_attribute(
            "href", f"/clients/{_user_id('anna')}"
        )
        cleo.check("clients-alert")
        alerts.get_by_role("button", name="Acknowledge the alert for anna").click()
        expect(cleo.page.get_by_text("No alert waits for you.")).to_be_visible()
        expect(cleo.page.get_by_text("latest screening result: emergency")).to_be_visible()
        cleo.check("clients-alert-seen")


def _user_id(login: str) -> str:
    with served_action(login) as action:
        return action.runner_id
