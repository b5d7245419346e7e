"""Who may reach what, generated from the app's route table: a new route must join the table.

Every route is one of: public (anyone, signed in or not), account (the signed-in person's own
account), or runner (a runner's data). Signed out, account and runner routes send the browser
to sign in and change nothing; signed in as another runner, they show none of the first
runner's data, answer 404 for the first runner's ids, and change nothing of theirs.
"""

import re
from typing import Literal

import pytest
from api_calls import RUN_FILE
from fastapi.testclient import TestClient
from screening_base import CALM
from sqlalchemy import select
from web_client import (
    another_browser,
    database_of,
    form_token,
    post_form,
    route_table,
    screen_as,
    sign_up,
    web_app,
)
from web_runs import TCX_RUN, import_for

Access = Literal["public", "account", "runner"]
ROUTES: dict[tuple[str, str], Access] = {
    ("MOUNT", "/static"): "public",
    ("GET", "/health"): "public",
    ("GET", "/api/docs"): "public",
    ("GET", "/api/openapi.json"): "public",
    ("GET", "/"): "public",
    ("GET", "/setup"): "public",
    ("POST", "/setup"): "public",
    ("GET", "/register"): "public",
    ("POST", "/register"): "public",
    ("GET", "/login"): "public",
    ("POST", "/login"): "public",
    ("POST", "/logout"): "account",
    ("GET", "/account"): "account",
    ("POST", "/account/password"): "account",
    ("POST", "/account/sessions/end"): "account",
    ("GET", "/account/export"): "runner",
    ("POST", "/account/delete"): "account",
    ("POST", "/admin/registration"): "account",
    ("POST", "/admin/invites"): "account",
    ("POST", "/admin/invites/end"): "account",
    ("POST", "/account/tokens"): "account",
    ("POST", "/account/tokens/revoke"): "account",
    ("GET", "/today"): "runner",
    ("POST", "/pain"): "runner",
    ("GET", "/exercises"): "public",
    ("GET", "/exercises/{exercise_id}"): "public",
    ("GET", "/exercises/{exercise_id}/figure.svg"): "public",
    ("GET", "/learn"): "public",
    ("GET", "/learn/{topic_id}"): "public",
    ("GET", "/pain"): "runner",
    ("GET", "/pain/{entry_id}/edit"): "runner",
    ("POST", "/pain/{entry_id}/edit"): "runner",
    ("POST", "/pain/{entry_id}/delete"): "runner",
    ("GET", "/screen"): "runner",
    ("POST", "/screen"): "runner",
    ("GET", "/check-in"): "runner",
    ("POST", "/check-in"): "runner",
    ("GET", "/screen/result/{record_id}"): "runner",
    ("GET", "/screen/history"): "runner",
    ("GET", "/player"): "runner",
    ("GET", "/metronome"): "runner",
    ("GET", "/sw.js"): "public",
    ("GET", "/profile"): "runner",
    ("POST", "/profile"): "runner",
    ("GET", "/routine"): "runner",
    ("GET", "/routine/handout"): "runner",
    ("GET", "/routine/handout.pdf"): "runner",
    ("GET", "/plan"): "runner",
    ("POST", "/plan/move"): "runner",
    ("POST", "/plan/moves/reset"): "runner",
    ("GET", "/plan.ics"): "runner",
    ("GET", "/runs/upload"): "runner",
    ("POST", "/runs/upload"): "runner",
    ("GET", "/runs/jobs/{job_id}"): "runner",
    ("GET", "/runs/jobs/{job_id}/progress"): "runner",
    ("POST", "/runs/jobs/{job_id}/cancel"): "runner",
    ("GET", "/runs/{run_id}/original"): "runner",
    ("GET", "/runs"): "runner",
    ("GET", "/runs/{run_id}"): "runner",
    ("GET", "/runs/{run_id}/delete"): "runner",
    ("POST", "/runs/{run_id}/delete"): "runner",
    ("GET", "/load"): "runner",
    ("GET", "/cadence"): "runner",
    ("GET", "/report"): "runner",
    ("GET", "/calendar/{secret}.ics"): "public",
    ("POST", "/plan/calendar-feed"): "runner",
    ("POST", "/plan/calendar-feed/revoke"): "runner",
    ("GET", "/care"): "runner",
    ("POST", "/care/invites"): "runner",
    ("POST", "/care/links/{link_id}/scopes"): "runner",
    ("POST", "/care/links/{link_id}/revoke"): "runner",
    ("GET", "/care/accept"): "account",
    ("POST", "/care/accept"): "account",
    ("GET", "/care/requests/accept"): "runner",
    ("POST", "/care/requests/accept"): "runner",
    ("GET", "/clients"): "account",
    ("POST", "/clients/requests"): "account",
    ("GET", "/clients/{runner_id}"): "runner",
    ("POST", "/clients/alerts/{alert_id}/acknowledge"): "account",
    ("POST", "/account/alert-email"): "account",
    ("POST", "/admin/clinicians"): "account",
    ("POST", "/clients/{runner_id}/programme-changes"): "runner",
    ("POST", "/clients/{runner_id}/programme-changes/{change_id}/undo"): "runner",
}
"""Every route of the app and who may reach it."""

FORMS: dict[str, dict[str, str]] = {
    "/pain": {"score": "9", "when": "evening"},
    "/account/password": {"current_password": "guess", "new_password": "another long password"},
    "/account/sessions/end": {"key": "0123456789ab"},
    "/account/delete": {"password": "guess"},
    "/admin/registration": {"open": "no"},
    "/account/tokens": {"name": "sync", "scope": "read-write"},
    "/account/tokens/revoke": {"key": "0123456789ab"},
    "/pain/{entry_id}/edit": {"score": "0", "when": "evening", "note": "changed by another"},
    "/profile": {"units": "mi", "time_zone": "Asia/Tokyo", "run_mon": "long"},
    "/plan/move": {"move_from": "tue", "move_to": "mon", "runs": "tue:easy@07:00"},
    "/plan/moves/reset": {},
    "/care/invites": {"scopes": "notes"},
    "/care/links/{link_id}/scopes": {"scopes": "notes"},
    "/care/accept": {"code": "care_not-a-real-code"},
    "/care/requests/accept": {"code": "carereq_not-a-real-code", "scopes": "notes"},
    "/account/alert-email": {"alert_email": "someone@elsewhere.example"},
    "/admin/clinicians": {"restricted": "yes"},
    "/clients/{runner_id}/programme-changes": {
        "kind": "pin",
        "exercise_id": "squat",
        "reason": "x",
    },
    "/clients/{runner_id}/programme-changes/{change_id}/undo": {"reason": "x"},
}
"""The form a route is sent in these tests (an attacker's, aimed at the first runner)."""

SECRET_NOTE = "anna-private-note"


API = "/api/v1"
"""The REST API has its own matrix (tests/test_web_api.py), with tokens as well as cookies."""


def test_every_route_is_in_the_access_table() -> None:
    with web_app() as browser:
        routes = route_table(list(browser.app.routes))  # type: ignore[attr-defined]
    assert {route for route in routes if not route[1].startswith(API + "/")} == set(ROUTES)


def _note_pain(client: TestClient) -> None:
    """The first runner's private pain entry, stored through the service."""
    from datetime import UTC, datetime

    from backstride.domain.care import Scope
    from backstride.domain.care_alerts import AlertKind
    from backstride.domain.programme_changes import ChangeAsked
    from backstride.services.context import Action
    from backstride.services.pain import log_pain
    from backstride.storage.accounts import list_accounts
    from backstride.storage.care_alerts import add_care_alert
    from backstride.storage.care_links import add_care_link
    from backstride.storage.programme_changes import add_programme_change
    from backstride.storage.users import ensure_user

    with database_of(client).transaction() as session:
        user_id = list_accounts(session)[0].user_id
        action = Action(session, user_id, user_id, datetime.now(UTC))
        log_pain(action, 4, "morning", note=SECRET_NOTE)
        # A care link to a clinician, so the care routes have one of the runner's links to aim at.
        clinician_id = ensure_user(session, "anna-physio", action.now)
        add_care_link(session, user_id, clinician_id, frozenset({"screening"}), action.now)
        # An alert of that clinician's about the runner, for the acknowledge route to aim at.
        words = "new emergency result in a screening"
        event: tuple[AlertKind, str, Scope, str] = ("alarm", "a-screening", "screening", words)
        add_care_alert(session, user_id, clinician_id, event, action.now)
        # A programme change by that clinician, so the undo route has one of hers to aim at.
        asked = ChangeAsked("note", "hello", note="a note")
        add_programme_change(session, user_id, (clinician_id, "anna-physio"), asked, action.now)
    import_for(client, "anna", TCX_RUN)


def _export_of(client: TestClient) -> dict[str, object]:
    """The first runner's export, with her programme changes (not exported) beside its tables."""
    from backstride.storage.accounts import list_accounts
    from backstride.storage.programme_changes import programme_changes

    document = client.get("/account/export").json()
    document.pop("exported_at", None)
    with database_of(client).transaction(write=False) as session:
        accounts = list_accounts(session)
        changes = programme_changes(session, accounts[0].user_id) if accounts else []
    if isinstance(document.get("tables"), dict):
        document["tables"]["programme_changes"] = [repr(change) for change in changes]
    return dict(document)


OWN_IDS = {
    "entry_id",
    "record_id",
    "run_id",
    "job_id",
    "link_id",
    "runner_id",
    "alert_id",
    "change_id",
}
"""Path parameters that name one of the first runner's rows (or, alert_id, an alert about her
that only her clinician may see): another runner gets 404."""
PUBLIC_IDS = {
    "exercise_id": "plank",
    "topic_id": "why-runners-hurt",
    "secret": "a-made-up-calendar-secret",
}


def _call(client: TestClient, method: str, path: str, ids: dict[str, str]) -> object:
    filled = path.format(**ids, **PUBLIC_IDS)
    if method == "GET":
        return client.get(filled)
    return post_form(client, filled, **FORMS.get(path, {}))


def _ids_of(client: TestClient, document: dict[str, object]) -> dict[str, str]:
    from backstride.storage.accounts import list_accounts
    from backstride.storage.care_links import runner_care_links
    from backstride.storage.programme_changes import programme_changes
    from backstride.storage.tables import CareAlertRow

    tables = document["tables"]
    assert isinstance(tables, dict)
    with database_of(client).transaction(write=False) as session:
        runner_id = list_accounts(session)[0].user_id
        link_id = runner_care_links(session, runner_id)[0].id
        alert_id = session.scalar(select(CareAlertRow.id))
        change_id = programme_changes(session, runner_id)[0].id
    assert alert_id is not None
    return {
        "alert_id": alert_id,
        "entry_id": str(tables["pain_entries"][0]["id"]),
        "record_id": str(tables["screenings"][0]["id"]),
        "run_id": str(tables["activities"][0]["id"]),
        "link_id": link_id,
        "runner_id": runner_id,
        "change_id": change_id,
    }


def _upload_run(client: TestClient) -> str:
    """The first runner's run uploaded (its original kept), and a queued import of theirs:
    returns the queued import's id."""
    from upload_calls import upload_files

    assert upload_files(client, [RUN_FILE]).status_code == 200
    with web_app(BACKSTRIDE_INLINE_IMPORT_MB="0") as again:
        again.cookies.update(client.cookies)
        queued = upload_files(again, [RUN_FILE])
    assert queued.status_code == 303, queued.text
    return str(queued.headers["location"].rsplit("/", 1)[-1])


def _params(path: str) -> list[str]:
    return re.findall(r"\{(\w+)\}", path)


def test_every_path_parameter_is_known() -> None:
    for _, path in ROUTES:
        assert set(_params(path)) <= OWN_IDS | set(PUBLIC_IDS), path


GUARDED = sorted(key for key, access in ROUTES.items() if access != "public")


@pytest.mark.parametrize(("method", "path"), GUARDED, ids=lambda v: str(v))
def test_signed_out_no_guarded_route_answers_or_changes_anything(method: str, path: str) -> None:
    with web_app() as anna:
        sign_up(anna, "anna")
        screen_as(anna, "anna", CALM)
        _note_pain(anna)
        job_id = _upload_run(anna)
        before = _export_of(anna)
        stranger = another_browser(anna)
        form_token(stranger)  # a stranger can hold a form token; it signs nobody in
        response = _call(stranger, method, path, {**_ids_of(anna, before), "job_id": job_id})
        assert response.status_code == 303  # type: ignore[attr-defined]
        assert response.headers["location"].startswith("/login")  # type: ignore[attr-defined]
        assert _export_of(anna) == before


def _reaches_nothing(
    other: TestClient,
    anna: TestClient,
    method: str,
    path: str,
    before: dict[str, object],
    job_id: str,
) -> None:
    """Someone else calls one of the first runner's routes: no 500, a 404 for her ids, none
    of her data in the answer, and nothing of hers changed."""
    response = _call(other, method, path, {**_ids_of(anna, before), "job_id": job_id})
    status = response.status_code  # type: ignore[attr-defined]
    assert status < 500
    if OWN_IDS & set(_params(path)):
        assert status == 404
    body = response.text  # type: ignore[attr-defined]
    assert SECRET_NOTE not in body
    assert "EMERGENCY DEPARTMENT NOW" not in body
    assert before["tables"] == _export_of(anna)["tables"]


@pytest.mark.parametrize(("method", "path"), GUARDED, ids=lambda v: str(v))
def test_another_runner_sees_and_changes_nothing_of_the_first(method: str, path: str) -> None:
    with web_app() as anna:
        sign_up(anna, "anna")
        screen_as(anna, "anna", {**CALM, "saddle_numbness": True})
        _note_pain(anna)
        job_id = _upload_run(anna)
        before = _export_of(anna)
        assert SECRET_NOTE in str(before["tables"])
        ben = another_browser(anna)
        sign_up(ben, "ben")
        _reaches_nothing(ben, anna, method, path, before, job_id)


def _link_all_scopes(client: TestClient, runner: str, clinician: str) -> None:
    """The runner invites the clinician with every scope and the clinician accepts."""
    from datetime import UTC, datetime

    from backstride.domain.care import SCOPES
    from backstride.services.care import accept_invitation, invite_clinician
    from backstride.services.context import Action
    from backstride.storage.users import user_id_of

    with database_of(client).transaction() as session:
        runner_id, clinician_id = user_id_of(session, runner), user_id_of(session, clinician)
        assert runner_id and clinician_id
        moment = datetime.now(UTC)
        code = invite_clinician(Action(session, runner_id, runner_id, moment), SCOPES)
        accept_invitation(Action(session, clinician_id, clinician_id, moment), code)


CLINICIAN_ROUTES = {
    ("GET", "/clients/{runner_id}"),
    ("GET", "/clients"),
    ("POST", "/clients/{runner_id}/programme-changes"),
    ("POST", "/clients/{runner_id}/programme-changes/{change_id}/undo"),
}
"""Where a linked clinician does reach the runner's data, audited (tests/test_care.py checks how
much: the client's timeline and the dashboard of clients; tests/test_programme_changes.py the
programme changes)."""


@pytest.mark.parametrize(
    ("method", "path"),
    [key for key in GUARDED if key not in CLINICIAN_ROUTES],
    ids=lambda v: str(v),
)
def test_a_linked_clinician_reaches_nothing_through_the_runners_own_routes(
    method: str, path: str
) -> None:
    with web_app() as anna:
        sign_up(anna, "anna")
        screen_as(anna, "anna", {**CALM, "saddle_numbness": True})
        _note_pain(anna)
        cleo = another_browser(anna)
        sign_up(cleo, "cleo")
        _link_all_scopes(anna, "anna", "cleo")
        job_id = _upload_run(anna)
        before = _export_of(anna)
        _reaches_nothing(cleo, anna, method, path, before, job_id)  # no audit row either


def test_every_next_step_link_goes_to_a_page_of_the_app() -> None:
    from typing import get_args

    from backstride.errors import Hint
    from backstride.web.next_steps import HINT_LINKS

    assert set(HINT_LINKS) == set(get_args(Hint))
    with web_app() as browser:
        pages = {path for method, path in route_table(list(browser.app.routes)) if method == "GET"}  # type: ignore[attr-defined]
    for hint, link in HINT_LINKS.items():
        if link is not None:
            assert link.path.split("#")[0] in pages, hint
