"""Care links through the API and the pages: a third party in the access matrix, exactly the
scopes in force, revoking at once, and an audit row for every allowed read."""

from datetime import timedelta
from typing import Any

import pytest
from api_calls import API, Runner, link_clinician, runner_with_data
from screening_base import CALM
from sqlalchemy import select
from web_client import FakeClock, another_browser, post_form, web_app

from backstride.domain.care import SCOPES
from backstride.storage.tables import CareInviteRow

CLIENT_ROUTES: dict[str, str] = {
    "/screenings": "screening",
    "/pain-entries": "pain_sessions",
    "/sessions": "pain_sessions",
    "/runs": "runs_load",
    "/load": "runs_load",
    "/routine": "programme",
}
"""Every API read under /api/v1/clients/{runner_id} and the scope it needs."""
PROGRAMME_ROUTES = {"/programme-changes", "/programme-changes/{change_id}/undo"}
"""The programme changes under a client (tests/test_programme_changes.py covers them)."""


def _trail(runner: Runner) -> list[dict[str, Any]]:
    response = runner.call("GET", f"{API}/care/audit")
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()
    return found


def _three(browser: Any) -> tuple[Runner, Runner, Runner]:
    anna = runner_with_data(browser, "anna", note="anna-private-note")
    cleo = runner_with_data(another_browser(browser), "cleo", note="cleo's own")
    dan = runner_with_data(another_browser(browser), "dan", note="dan's own")
    return anna, cleo, dan


def test_the_client_routes_are_every_route_under_clients() -> None:
    from backstride.web.api.schema import api_routes

    with web_app() as browser:
        paths = {str(route.path) for route in api_routes(browser.app)}  # type: ignore[arg-type]
    prefix = f"{API}/clients/{{runner_id}}"
    under = {path.removeprefix(prefix) for path in paths if path.startswith(prefix)}
    assert under == set(CLIENT_ROUTES) | PROGRAMME_ROUTES


def test_a_clinician_without_a_link_gets_404_on_every_client_route_and_page() -> None:
    with web_app() as browser:
        anna, cleo, dan = _three(browser)
        link_clinician(anna, dan, list(SCOPES))  # a link to someone else opens nothing for cleo
        for route in CLIENT_ROUTES:
            response = cleo.call("GET", f"{API}/clients/{anna.user_id}{route}")
            assert response.status_code == 404, (route, response.text)
            assert "anna-private-note" not in response.text
        assert cleo.browser.get(f"/clients/{anna.user_id}").status_code == 404
        assert cleo.call("GET", f"{API}/clients").json() == []
        assert {entry["clinician_login"] for entry in _trail(anna)} <= {"dan"}


@pytest.mark.parametrize("scope", SCOPES)
def test_each_scope_opens_exactly_its_routes_and_each_read_leaves_one_audit_row(
    scope: str,
) -> None:
    with web_app() as browser:
        anna, cleo, _ = _three(browser)
        anna = link_clinician(anna, cleo, [scope])
        for route, needs in CLIENT_ROUTES.items():
            before = len(_trail(anna))
            response = cleo.call("GET", f"{API}/clients/{anna.user_id}{route}")
            trail = _trail(anna)
            if needs == scope:
                assert response.status_code == 200, (route, response.text)
                assert len(trail) == before + 1, route
                newest = trail[0]
                assert newest["clinician_login"] == "cleo" and newest["scope"] == scope
                assert newest["change"] is False
            else:
                assert response.status_code == 404, (route, response.text)
                assert len(trail) == before, route
        clients = cleo.call("GET", f"{API}/clients").json()
        assert [(item["runner_login"], item["scopes"]) for item in clients] == [("anna", [scope])]
        page = cleo.browser.get(f"/clients/{anna.user_id}")
        assert page.status_code == 200
        assert ("pain 3/10" in page.text) == (scope == "pain_sessions")
        assert ("screening: self care" in page.text) == (scope == "screening")
        assert ("Training load" in page.text) == (scope == "runs_load")
        assert ("Current programme" in page.text) == (scope == "programme")


def test_a_scope_change_and_a_revoke_take_effect_on_the_next_request() -> None:
    with web_app() as browser:
        anna, cleo, _ = _three(browser)
        anna = link_clinician(anna, cleo, ["screening"])
        screenings = f"{API}/clients/{anna.user_id}/screenings"
        pain = f"{API}/clients/{anna.user_id}/pain-entries"
        assert cleo.call("GET", screenings).status_code == 200
        changed = anna.call(
            "PATCH", f"{API}/care/links/{anna.link_id}", json={"scopes": ["pain_sessions"]}
        )
        assert changed.status_code == 200 and changed.json()["scopes"] == ["pain_sessions"]
        assert cleo.call("GET", screenings).status_code == 404
        entries = cleo.call("GET", pain)
        assert entries.status_code == 200 and entries.json()[0]["note"] == "anna-private-note"
        kept = len(_trail(anna))
        revoked = anna.call("DELETE", f"{API}/care/links/{anna.link_id}")
        assert revoked.status_code == 200 and revoked.json()["live"] is False
        for route in CLIENT_ROUTES:
            assert cleo.call("GET", f"{API}/clients/{anna.user_id}{route}").status_code == 404
        assert cleo.browser.get(f"/clients/{anna.user_id}").status_code == 404
        assert len(_trail(anna)) == kept == 2  # the trail outlives the link
        links = anna.call("GET", f"{API}/care/links").json()
        assert [(link["clinician_login"], link["live"]) for link in links] == [("cleo", False)]
        # Only the runner manages the link: the clinician cannot bring it back or widen it.
        again = cleo.call("PATCH", f"{API}/care/links/{anna.link_id}", json={"scopes": ["notes"]})
        assert again.status_code == 404


def test_an_invitation_code_is_shown_once_stored_as_a_hash_used_once_and_ends_in_7_days() -> None:
    clock = FakeClock()
    with web_app(clock) as browser:
        anna, cleo, dan = _three(browser)
        made = anna.call("POST", f"{API}/care/invites", json={"scopes": ["runs_load"]})
        code = made.json()["code"]
        from web_client import database_of

        with database_of(browser).transaction(write=False) as session:
            stored = list(session.scalars(select(CareInviteRow)))
        assert (
            len(stored) == 1
            and stored[0].token_hash != code
            and code not in str([vars(row) for row in stored])
        )
        assert anna.call("POST", f"{API}/care/accept", json={"code": code}).status_code == 422
        assert cleo.call("POST", f"{API}/care/accept", json={"code": code}).status_code == 201
        used = dan.call("POST", f"{API}/care/accept", json={"code": code})
        assert used.status_code == 422 and "used already" in used.json()["detail"]
        late = anna.call("POST", f"{API}/care/invites", json={"scopes": ["notes"]}).json()["code"]
        clock.now += timedelta(days=7, seconds=1)
        expired = dan.call("POST", f"{API}/care/accept", json={"code": late})
        assert expired.status_code == 422 and "expired" in expired.json()["detail"]
        bad = anna.call("POST", f"{API}/care/invites", json={"scopes": ["everything"]})
        assert bad.status_code == 422 and "'everything'" in bad.json()["detail"]
        assert "screening" in bad.json()["detail"] and bad.json()["field"] == "scopes"
        none = anna.call("POST", f"{API}/care/invites", json={"scopes": []})
        assert none.status_code == 422 and "at least one" in none.json()["detail"]


def test_the_care_page_invites_changes_scopes_revokes_and_shows_the_trail() -> None:
    with web_app() as browser:
        anna, cleo, _ = _three(browser)
        made = post_form(anna.browser, "/care/invites", scopes="screening")
        assert made.status_code == 201 and made.headers["cache-control"] == "no-store"
        code = made.text.split('id="new-code" class="token" type="text" readonly value="')[1]
        code = code.split('"')[0]
        assert code.startswith("care_")
        assert code not in anna.browser.get("/care").text  # shown only once
        link = made.text.split('id="new-link" class="token" type="text" readonly value="')[1]
        assert link.split('"')[0].endswith(f"/care/accept?code={code}")
        opened = cleo.browser.get("/care/accept", params={"code": code})
        assert f'value="{code}"' in opened.text  # the link fills the code in
        assert opened.headers["referrer-policy"] == "no-referrer"
        assert opened.headers["cache-control"] == "no-store"
        accepted = post_form(cleo.browser, "/care/accept", code=code)
        assert accepted.status_code == 303
        assert accepted.headers["location"] == f"/clients/{anna.user_id}"
        page = cleo.browser.get(accepted.headers["location"])
        assert page.status_code == 200 and "screening: self care" in page.text
        assert "anna-private-note" not in page.text
        assert "anna" in cleo.browser.get("/clients").text
        care = anna.browser.get("/care").text
        assert "cleo" in care and "read the timeline: screenings and check-ins" in care
        assert "read the timeline" in anna.browser.get("/account").text
        link_id = anna.call("GET", f"{API}/care/links").json()[0]["id"]
        post_form(anna.browser, f"/care/links/{link_id}/scopes", scopes="pain_sessions")
        page = cleo.browser.get(f"/clients/{anna.user_id}")
        assert "anna-private-note" not in page.text and "pain 3/10" in page.text
        assert "screening: self care" not in page.text
        refused = post_form(anna.browser, f"/care/links/{link_id}/scopes")
        assert refused.status_code == 422 and "at least one" in refused.text
        assert post_form(anna.browser, f"/care/links/{link_id}/revoke").status_code == 303
        assert cleo.browser.get(f"/clients/{anna.user_id}").status_code == 404
        assert "revoked" in anna.browser.get("/care").text
        wrong = post_form(cleo.browser, "/care/accept", code="care_nothing")
        assert wrong.status_code == 422 and "not valid" in wrong.text


def test_the_trail_is_in_the_export_and_restores_strictly() -> None:
    from web_client import database_of

    from backstride.errors import InvalidInput
    from backstride.services.context import Action
    from backstride.services.portability import export_csv_files, export_data, import_data
    from backstride.storage.portable import dump_user
    from backstride.storage.portable_csv import csv_to_rows
    from backstride.storage.users import delete_user, ensure_user

    with web_app() as browser:
        anna, cleo, _ = _three(browser)
        anna = link_clinician(anna, cleo, ["runs_load"])
        assert cleo.call("GET", f"{API}/clients/{anna.user_id}/runs").status_code == 200
        exported = anna.export()
        rows = exported["tables"]["care_audit"]  # type: ignore[index]
        assert [(row["clinician_login"], row["scope"], row["what"]) for row in rows] == [
            ("cleo", "runs_load", "read runs")
        ]
        database = database_of(browser)
        with database.transaction() as session:
            now = browser.app.state.clock()  # type: ignore[attr-defined]
            document = export_data(Action(session, anna.user_id, anna.user_id, now)).model_dump()
            delete_user(session, anna.user_id)
            again = ensure_user(session, "anna-again", now)
            action = Action(session, again, again, now)
            bad = {**document, "tables": {"care_audit": [{**rows[0], "scope": "everything"}]}}
            with pytest.raises(InvalidInput, match="care_audit row 1: scope"):
                import_data(action, bad)
            files = export_csv_files(export_data(Action(session, again, again, now)))
            assert "care_audit.csv" in files
            restored = import_data(action, document)
            assert restored.added["care_audit"] == 1
            assert dump_user(session, again)["care_audit"] == rows
            files = export_csv_files(export_data(action))
            csv_rows = csv_to_rows("care_audit", files["care_audit.csv"], 1_000_000)
            assert csv_rows == rows


def test_the_dashboard_orders_clients_by_need_within_what_each_shares() -> None:
    from web_client import screen_as

    with web_app() as browser:
        cleo = runner_with_data(browser, "cleo", note="cleo's own")
        anna = link_clinician(
            runner_with_data(another_browser(browser), "anna"), cleo, ["screening"]
        )
        bea = runner_with_data(another_browser(browser), "bea")
        browser.app.state.clock.now += timedelta(minutes=5)  # type: ignore[attr-defined]
        screen_as(browser, "bea", {**CALM, "saddle_numbness": True})
        bea = link_clinician(bea, cleo, ["screening"])
        carl = link_clinician(
            runner_with_data(another_browser(browser), "carl"), cleo, ["pain_sessions"]
        )
        page = cleo.browser.get("/clients")
        assert page.status_code == 200, page.text
        text = page.text
        assert text.index(">bea<") < text.index(">carl<") < text.index(">anna<")
        assert "latest screening result: emergency" in text
        assert "no exercise session yet" in text
        assert "not shared, so not judged: pain sessions, runs load" in text
        assert [entry["what"] for entry in _trail(carl)] == [
            "read for the dashboard: pain and sessions"
        ]
        assert [entry["what"] for entry in _trail(anna)] == [
            "read for the dashboard: the latest screening"
        ]
        assert len(_trail(bea)) == 1


def test_each_dashboard_row_carries_its_numbers_and_says_how_they_were_computed() -> None:
    with web_app() as browser:
        cleo = runner_with_data(browser, "cleo", note="cleo's own")
        anna = link_clinician(
            runner_with_data(another_browser(browser), "anna"), cleo, list(SCOPES)
        )
        dan = link_clinician(runner_with_data(another_browser(browser), "dan"), cleo, ["notes"])
        rows = {row["runner_login"]: row for row in cleo.call("GET", f"{API}/clients").json()}
        full, bare = rows["anna"], rows["dan"]
        assert len(full["pain_daily"]) == 14 and full["pain_daily"][-1] == 3.0
        assert full["pain_daily"][:-1] == [None] * 13
        assert (full["sessions_finished"], full["sessions_planned"]) == (0, 6)
        assert (full["exercises_done"], full["exercises_planned"]) == (0, 0)
        assert full["last_session"] == "no exercise session yet"
        assert full["level"] == "self_care"
        for field in ("pain_daily", "sessions_finished", "last_session", "load_change_pct"):
            assert bare[field] is None, field  # dan shares only notes: nothing is read
        assert bare["level"] is None
        page = cleo.browser.get("/clients").text
        assert page.count('<svg class="sparkline" role="img"') == 1
        assert (
            "on the 1 of the last 14 days with entries (a dot each): 3.0 to 3.0 out of 10" in page
        )
        assert "0 of 6 sessions finished in the last 14 days (3 planned a week)" in page
        assert page.count("not shared") >= 4  # dan's level, pain, adherence, load
        assert [e["what"] for e in _trail(dan)] == []
        assert anna.user_id in page and dan.user_id in page


def test_two_clinicians_accepting_one_invitation_at_once_store_one_link() -> None:
    """On PostgreSQL the second acceptance waits on the invitation the first deleted, then finds
    it gone; SQLite writers queue at BEGIN IMMEDIATE, so there the race cannot happen."""
    from datetime import UTC, datetime

    from race_calls import race, race_database

    from backstride.services.care import INVITE_GONE, accept_invitation, invite_clinician
    from backstride.services.context import Action
    from backstride.storage.tables import CareLinkRow
    from backstride.storage.users import ensure_user

    now = datetime(2026, 12, 4, 9, tzinfo=UTC)
    with race_database() as database:
        with database.transaction() as session:
            anna = ensure_user(session, "anna", now)
            cleo = ensure_user(session, "cleo", now)
            dan = ensure_user(session, "dan", now)
            code = invite_clinician(Action(session, anna, anna, now), ["screening"])
        results = race(
            database,
            lambda session: accept_invitation(Action(session, cleo, cleo, now), code),
            lambda session: accept_invitation(Action(session, dan, dan, now), code),
        )
        assert len(results) == 2 and str(results[1]) == INVITE_GONE
        with database.transaction(write=False) as session:
            links = list(session.scalars(select(CareLinkRow)))
            assert [(link.user_id, link.clinician_id) for link in links] == [(anna, cleo)]
