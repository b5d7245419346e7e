"""Who may reach what, generated from the app's route table: a new route must join the table.

Every route is one of: public (anyone, signed in or not), account (the signed-in person's own
account), or runner (a runner's data). Signed out, account and runner routes send the browser
to sign in and change nothing; signed in as another runner, they show none of the first
runner's data, answer 404 for the first runner's ids, and change nothing of theirs.
"""

from typing import Literal

import pytest
from fastapi.testclient import TestClient
from screening_base import CALM
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

Access = Literal["public", "account", "runner"]
ROUTES: dict[tuple[str, str], Access] = {
    ("MOUNT", "/static"): "public",
    ("GET", "/health"): "public",
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
    ("GET", "/today"): "runner",
    ("POST", "/pain"): "runner",
    ("GET", "/profile"): "runner",
    ("POST", "/profile"): "runner",
    ("GET", "/routine"): "runner",
    ("GET", "/plan"): "runner",
    ("POST", "/plan/move"): "runner",
    ("POST", "/plan/moves/reset"): "runner",
    ("GET", "/plan.ics"): "runner",
}
"""Every route of the app and who may reach it."""

FORMS: dict[str, dict[str, str]] = {
    "/pain": {"score": "9", "when": "evening"},
    "/account/password": {"current_password": "guess", "new_password": "another long password"},
    "/account/sessions/end": {"key": "0123456789ab"},
    "/account/delete": {"password": "guess"},
    "/admin/registration": {"open": "no"},
    "/profile": {"units": "mi", "time_zone": "Asia/Tokyo", "run_mon": "long"},
    "/plan/move": {"move_from": "tue", "move_to": "mon", "runs": "tue:easy@07:00"},
    "/plan/moves/reset": {},
}
"""The form a route is sent in these tests (an attacker's, aimed at the first runner)."""

SECRET_NOTE = "anna-private-note"


def test_every_route_is_in_the_access_table() -> None:
    with web_app() as browser:
        assert route_table(list(browser.app.routes)) == set(ROUTES)  # type: ignore[attr-defined]


def _note_pain(client: TestClient) -> None:
    """The first runner's private pain entry, stored through the service."""
    from datetime import UTC, datetime

    from backstride.services.context import Action
    from backstride.services.pain import log_pain
    from backstride.storage.accounts import list_accounts

    with database_of(client).transaction() as session:
        user_id = list_accounts(session)[0].user_id
        action = Action(session, user_id, user_id, datetime.now(UTC))
        log_pain(action, 4, "morning", note=SECRET_NOTE)


def _export_of(client: TestClient) -> dict[str, object]:
    document = client.get("/account/export").json()
    document.pop("exported_at", None)
    return dict(document)


def _call(client: TestClient, method: str, path: str) -> object:
    if method == "GET":
        return client.get(path)
    return post_form(client, path, **FORMS.get(path, {}))


GUARDED = sorted(key for key, access in ROUTES.items() if access != "public")


@pytest.mark.parametrize(("method", "path"), GUARDED, ids=lambda v: str(v))
def test_signed_out_no_guarded_route_answers_or_changes_anything(method: str, path: str) -> None:
    with web_app() as anna:
        sign_up(anna, "anna")
        screen_as(anna, "anna", CALM)
        _note_pain(anna)
        before = _export_of(anna)
        stranger = another_browser(anna)
        form_token(stranger)  # a stranger can hold a form token; it signs nobody in
        response = _call(stranger, method, path)
        assert response.status_code == 303  # type: ignore[attr-defined]
        assert response.headers["location"].startswith("/login")  # type: ignore[attr-defined]
        assert _export_of(anna) == before


@pytest.mark.parametrize(("method", "path"), GUARDED, ids=lambda v: str(v))
def test_another_runner_sees_and_changes_nothing_of_the_first(method: str, path: str) -> None:
    with web_app() as anna:
        sign_up(anna, "anna")
        screen_as(anna, "anna", {**CALM, "saddle_numbness": True})
        _note_pain(anna)
        before = _export_of(anna)
        assert SECRET_NOTE in str(before["tables"])
        ben = another_browser(anna)
        sign_up(ben, "ben")
        response = _call(ben, method, path)
        status = response.status_code  # type: ignore[attr-defined]
        assert status < 500
        body = response.text  # type: ignore[attr-defined]
        assert SECRET_NOTE not in body
        assert "EMERGENCY DEPARTMENT NOW" not in body
        assert before["tables"] == _export_of(anna)["tables"]
