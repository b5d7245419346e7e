"""The clinician's dashboard in a real browser with three clients: the one with an emergency
result first, then the one whose pain is worse by the minimal important change, then the one
with nothing but no session in a week; each row with its numbers. axe-core is clean."""

from datetime import timedelta

import pytest
from screening_base import CALM, answers_with
from web_browser import PASSWORD, VIEWPORTS, browser_at, set_up_admin
from web_server import screen_directly, served_action

from backstride.services.context import Action


def _account(login: str) -> None:
    """An account made by the machine's owner (`backstride users create`), in the served app."""
    from datetime import UTC, datetime

    from backstride.config import load_settings
    from backstride.services.accounts import create_account
    from backstride.storage.database import Database

    settings = load_settings()
    database = Database(settings.effective_database_url, settings.limits)
    try:
        with database.transaction() as session:
            create_account(session, login, PASSWORD, datetime.now(UTC), by_machine=True)
    finally:
        database.close()


def _linked_client(login: str, clinician: str, pains: list[tuple[int, int]]) -> None:
    """A calm client linked to the clinician with the read scopes, with pain (days ago, score)."""
    from backstride.services.care import accept_invitation, invite_clinician
    from backstride.services.pain import log_pain

    _account(login)
    screen_directly(login, CALM)
    with served_action(login) as own:
        code = invite_clinician(own, ["screening", "pain_sessions", "runs_load"])
        for days_ago, score in pains:
            then = own.now - timedelta(days=days_ago)
            log_pain(Action(own.session, own.actor_id, own.runner_id, then), score, "morning")
    with served_action(clinician) as action:
        accept_invitation(action, code)


@pytest.mark.parametrize("size", sorted(VIEWPORTS))
def test_the_dashboard_orders_three_clients_by_need(size: str) -> None:
    with browser_at(size) as (url, _, look):
        from playwright.sync_api import expect

        set_up_admin(look.page, url, "cleo")
        steady = [(day, 3) for day in range(0, 13, 2)]
        _linked_client("anna", "cleo", steady)
        worse = [(12, 2), (10, 2), (8, 2), (4, 5), (2, 5), (0, 5)]
        _linked_client("ben", "cleo", worse)
        _linked_client("dora", "cleo", steady)
        screen_directly("dora", answers_with(saddle_numbness=True))
        look.page.goto(url + "/clients")
        rows = look.page.locator("main ul.rows:not(.alerts) > li")
        expect(rows).to_have_count(3)
        order = [rows.nth(i).locator("a").first.inner_text() for i in range(3)]
        assert order == ["dora", "ben", "anna"]
        expect(rows.nth(0)).to_contain_text("latest screening result: emergency")
        expect(rows.nth(1)).to_contain_text("minimal important change")
        expect(rows.nth(2)).to_contain_text("no exercise session yet")
        expect(rows.nth(1).locator("svg.sparkline")).to_have_attribute(
            "aria-label",
            "daily mean pain on the 6 of the last 14 days with entries (a dot each): "
            f"2.0 to 5.0 out of 10, latest 5.0 on {_today_words()}",
        )
        expect(rows.nth(2)).to_contain_text("0 of 6 sessions finished in the last 14 days")
        alerts = look.page.locator("section[aria-labelledby=alerts-heading]")
        expect(alerts).to_contain_text("dora")
        look.check("dashboard-three")


def _today_words() -> str:
    from datetime import datetime

    return f"{datetime.now().astimezone():%a %d %b}"
