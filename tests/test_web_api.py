"""The REST API as programs meet it: every endpoint, tokens and their scopes, two runners kept
apart, errors in one shape, and hostile bodies refused with a 4xx."""

import hashlib
import json
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import pytest
from api_calls import (
    API,
    RUN_FILE,
    Runner,
    bearer,
    link_clinician,
    make_token,
    runner_with_data,
    with_programme_change,
    with_session,
)
from fastapi.testclient import TestClient
from pydantic import BaseModel, TypeAdapter
from screening_base import CALM
from sqlalchemy import select
from web_client import (
    PASSWORD,
    FakeClock,
    another_browser,
    database_of,
    post_form,
    sign_up,
    web_app,
)

from backstride.services.accounts import disable_account, reset_password
from backstride.services.exercise_result import (
    ExerciseResult,
    exercise_detail_result,
    exercise_list_result,
)
from backstride.services.exercises import list_exercises, show_exercise
from backstride.services.export_result import ExportResult
from backstride.services.import_result import ImportOutcomeResult
from backstride.services.load_result import LoadResult
from backstride.services.pain_result import StoredPainResult
from backstride.services.plan_result import PlanResult
from backstride.services.profile_result import ProfileResult
from backstride.services.routine_result import RoutineResult
from backstride.services.run_result import RunResult
from backstride.services.screening_result import ScreeningResult, StoredScreeningResult
from backstride.storage.tables import ApiTokenRow, CareAlertRow
from backstride.web.api.schema import api_routes
from backstride.web.auth import FORM_COOKIE, SESSION_COOKIE
from backstride.web.guards import HEADERS

M = TypeVar("M", bound=BaseModel)


def _as(model: type[M], body: Any) -> M:
    return model.model_validate(body)


def _list_of(model: type[BaseModel], body: Any) -> list[Any]:
    found: list[Any] = TypeAdapter(list[model]).validate_python(body)  # type: ignore[valid-type]
    return found


def _dumped(results: list[ExerciseResult]) -> list[dict[str, Any]]:
    return [result.model_dump(mode="json") for result in results]


def _problem(response: Any, status: int) -> dict[str, Any]:
    """The body of a refusal, checked to be {"detail": ..., "field": ...} with this status."""
    assert response.status_code == status, (response.status_code, response.text)
    body = response.json()
    assert set(body) == {"detail", "field"}, body
    assert isinstance(body["detail"], str) and body["detail"]
    return dict(body)


def test_every_endpoint_answers_with_the_cli_result_models() -> None:
    with web_app() as browser:
        anna = runner_with_data(browser, "anna")
        call = anna.call

        profile = call("GET", f"{API}/profile")
        assert _as(ProfileResult, profile.json()).time_zone == "UTC"
        changed = call("PATCH", f"{API}/profile", json={"name": "Anna", "equipment": ["mat"]})
        assert changed.status_code == 200, changed.text
        assert _as(ProfileResult, changed.json()).equipment == ["mat"]
        assert call("GET", f"{API}/profile").json()["name"] == "Anna"

        screened = call("POST", f"{API}/screenings", json=CALM)
        assert screened.status_code == 201
        result = _as(ScreeningResult, screened.json())
        assert result.triage == "self_care" and result.status is not None
        history = _list_of(StoredScreeningResult, call("GET", f"{API}/screenings").json())
        assert len(history) == 2 and anna.screening_id in {item.id for item in history}
        one = call("GET", f"{API}/screenings/{anna.screening_id}")
        assert _as(StoredScreeningResult, one.json()).id == anna.screening_id

        checked = call("POST", f"{API}/check-ins", json={"pain_now_0_10": 2})
        assert checked.status_code == 201, checked.text
        assert _as(ScreeningResult, checked.json()).triage == "self_care"
        kinds = [item["kind"] for item in call("GET", f"{API}/screenings").json()]
        assert sorted(kinds) == ["check_in", "screen", "screen"]

        entries = _list_of(StoredPainResult, call("GET", f"{API}/pain-entries").json())
        assert [entry.id for entry in entries] == [anna.pain_id]
        one_entry = _as(StoredPainResult, call("GET", f"{API}/pain-entries/{anna.pain_id}").json())
        assert one_entry.score == 3 and one_entry.note == "after the hills"
        edited = call("PATCH", f"{API}/pain-entries/{anna.pain_id}", json={"score": 5})
        assert edited.status_code == 200, edited.text
        after = _as(StoredPainResult, edited.json())
        assert after.score == 5 and after.recorded_at == one_entry.recorded_at
        assert after.note == "after the hills"
        gone = call("DELETE", f"{API}/pain-entries/{anna.pain_id}")
        assert gone.status_code == 204 and gone.content == b""
        _problem(call("GET", f"{API}/pain-entries/{anna.pain_id}"), 404)
        assert call("GET", f"{API}/pain-entries").json() == []

        every = call("GET", f"{API}/exercises").json()
        assert every == _dumped(exercise_list_result(list_exercises()))
        core = call("GET", f"{API}/exercises?category=core").json()
        assert core == _dumped(exercise_list_result(list_exercises(category="core")))
        assert core and all(item["category"] == "core" for item in core) and core != every
        bare = call("GET", f"{API}/exercises?equipment=none").json()
        assert bare == _dumped(exercise_list_result(list_exercises(["none"])))
        assert bare and all(item["equipment"] == ["none"] for item in bare)
        detail = call("GET", f"{API}/exercises/bird-dog").json()
        assert detail == exercise_detail_result(show_exercise("bird-dog")).model_dump(mode="json")
        unknown = _problem(call("GET", f"{API}/exercises?category=cardio"), 422)
        assert "cardio" in unknown["detail"] and unknown["field"] == "category"

        routine = _as(RoutineResult, call("GET", f"{API}/routine?minutes=15").json())
        assert routine.triage == "self_care" and routine.items
        plan = call("GET", f"{API}/plan?weeks=2&sessions=2")
        assert len(_as(PlanResult, plan.json()).days) == 14
        runs = _list_of(RunResult, call("GET", f"{API}/runs").json())
        assert [run.id for run in runs] == [anna.run_id]
        assert _as(RunResult, call("GET", f"{API}/runs/{anna.run_id}").json()).sport == "running"
        assert _as(LoadResult, call("GET", f"{API}/load?unit=minutes").json()).unit == "minutes"

        document = _as(ExportResult, call("GET", f"{API}/export").json())
        assert document.format == "backstride-export"
        assert len(document.tables["screenings"]) == 3
        again = call(
            "POST",
            f"{API}/imports",
            params={"name": RUN_FILE.name},
            content=RUN_FILE.read_bytes(),
            headers={"content-type": "application/octet-stream"},
        )
        assert again.status_code == 200
        assert _list_of(ImportOutcomeResult, again.json())[0].outcome == "duplicate"


def test_the_api_answers_as_the_cli_does_for_the_same_data() -> None:
    from backstride.services.context import Action
    from backstride.services.profile import show_profile
    from backstride.services.profile_result import profile_result
    from backstride.services.screening import screening_history
    from backstride.services.screening_result import stored_screening_result
    from backstride.storage.accounts import account_by_login

    with web_app() as browser:
        anna = runner_with_data(browser, "anna")
        clock = browser.app.state.clock  # type: ignore[attr-defined]
        with database_of(browser).transaction(write=False) as session:
            found = account_by_login(session, "anna")
            assert found is not None
            user_id = found[0].user_id
            action = Action(session, user_id, user_id, clock())
            cli_profile = profile_result(show_profile(action)).model_dump(mode="json")
            cli_history = [
                stored_screening_result(item).model_dump(mode="json")
                for item in screening_history(action)
            ]
        assert anna.call("GET", f"{API}/profile").json() == cli_profile
        assert anna.call("GET", f"{API}/screenings").json() == cli_history


# The two-runner access matrix: every /api/v1 route, called by a second runner with the first
# runner's ids. "foreign": the id is not theirs (404); "own": acts on their own data only;
# "catalogue": no runner's data at all. A new route fails test_the_matrix_names_every_route
# until it is added here.


@dataclass(frozen=True)
class Probe:
    """How the second runner calls a route, and what must come back."""

    kind: str
    path: str
    body: Any = None
    phase: int = 0
    """Calls run by phase: reads first (own lists are still empty), deleting everything last."""


PLAYED = {
    "started_at": "2026-01-05T08:00:00Z",
    "ended_at": "2026-01-05T08:01:00Z",
    "active_s": 60,
    "reached_end": False,
    "completions": [{"step": 0, "skipped": False}],
}
"""A report of one step played: valid for any session, so only the id decides the answer."""

MATRIX: dict[tuple[str, str], Probe] = {
    ("GET", "/api/v1/profile"): Probe("own", "/api/v1/profile"),
    ("PATCH", "/api/v1/profile"): Probe("own", "/api/v1/profile", {"name": "Bea"}, 2),
    ("POST", "/api/v1/screenings"): Probe("own", "/api/v1/screenings", CALM, 2),
    ("GET", "/api/v1/screenings"): Probe("own", "/api/v1/screenings"),
    ("GET", "/api/v1/screenings/{screening_id}"): Probe(
        "foreign", "/api/v1/screenings/{screening_id}"
    ),
    ("POST", "/api/v1/check-ins"): Probe("own", "/api/v1/check-ins", {"trauma": "minor"}, 3),
    ("POST", "/api/v1/pain-entries"): Probe(
        "own", "/api/v1/pain-entries", {"score": 8, "when": "evening"}, 2
    ),
    ("GET", "/api/v1/pain-entries"): Probe("own", "/api/v1/pain-entries"),
    ("GET", "/api/v1/pain-entries/{entry_id}"): Probe("foreign", "/api/v1/pain-entries/{pain_id}"),
    ("PATCH", "/api/v1/pain-entries/{entry_id}"): Probe(
        "foreign", "/api/v1/pain-entries/{pain_id}", {"score": 9}, 1
    ),
    ("DELETE", "/api/v1/pain-entries/{entry_id}"): Probe(
        "foreign", "/api/v1/pain-entries/{pain_id}", phase=1
    ),
    ("GET", "/api/v1/exercises"): Probe("catalogue", "/api/v1/exercises"),
    ("GET", "/api/v1/exercises/{exercise_id}"): Probe("catalogue", "/api/v1/exercises/bird-dog"),
    ("GET", "/api/v1/routine"): Probe("own", "/api/v1/routine"),
    ("GET", "/api/v1/plan"): Probe("own", "/api/v1/plan"),
    ("GET", "/api/v1/runs"): Probe("own", "/api/v1/runs"),
    ("GET", "/api/v1/runs/{run_id}"): Probe("foreign", "/api/v1/runs/{run_id}"),
    ("GET", "/api/v1/load"): Probe("own", "/api/v1/load"),
    ("GET", "/api/v1/export"): Probe("own", "/api/v1/export"),
    ("POST", "/api/v1/imports"): Probe("own", "/api/v1/imports", RUN_FILE, 2),
    ("GET", "/api/v1/imports/{job_id}"): Probe("foreign", "/api/v1/imports/{job_id}"),
    ("POST", "/api/v1/imports/{job_id}/cancel"): Probe(
        "foreign", "/api/v1/imports/{job_id}/cancel", phase=1
    ),
    ("DELETE", "/api/v1/data"): Probe("own", "/api/v1/data", {"confirm": "delete my data"}, 4),
    ("POST", "/api/v1/sessions"): Probe("own", "/api/v1/sessions", {"minutes": 10}, 2),
    ("GET", "/api/v1/sessions/{session_id}"): Probe("foreign", "/api/v1/sessions/{session_id}"),
    ("POST", "/api/v1/sessions/{session_id}/played"): Probe(
        "foreign", "/api/v1/sessions/{session_id}/played", PLAYED, 1
    ),
    ("GET", "/api/v1/care/links"): Probe("own", "/api/v1/care/links"),
    ("POST", "/api/v1/care/invites"): Probe(
        "own", "/api/v1/care/invites", {"scopes": ["notes"]}, 2
    ),
    ("PATCH", "/api/v1/care/links/{link_id}"): Probe(
        "foreign", "/api/v1/care/links/{link_id}", {"scopes": ["notes"]}, 1
    ),
    ("DELETE", "/api/v1/care/links/{link_id}"): Probe(
        "foreign", "/api/v1/care/links/{link_id}", phase=1
    ),
    ("POST", "/api/v1/care/accept"): Probe("own", "/api/v1/care/accept", {"code": "care_x"}, 2),
    ("POST", "/api/v1/care/requests"): Probe("own", "/api/v1/care/requests", phase=2),
    ("POST", "/api/v1/care/requests/accept"): Probe(
        "own", "/api/v1/care/requests/accept", {"code": "carereq_x", "scopes": ["notes"]}, 2
    ),
    ("GET", "/api/v1/care/audit"): Probe("own", "/api/v1/care/audit"),
    ("GET", "/api/v1/clients"): Probe("own", "/api/v1/clients"),
    ("GET", "/api/v1/alerts"): Probe("own", "/api/v1/alerts"),
    ("POST", "/api/v1/alerts/{alert_id}/acknowledge"): Probe(
        "foreign", "/api/v1/alerts/{alert_id}/acknowledge", phase=1
    ),
    ("GET", "/api/v1/clients/{runner_id}/screenings"): Probe(
        "foreign", "/api/v1/clients/{runner_id}/screenings"
    ),
    ("GET", "/api/v1/clients/{runner_id}/pain-entries"): Probe(
        "foreign", "/api/v1/clients/{runner_id}/pain-entries"
    ),
    ("GET", "/api/v1/clients/{runner_id}/sessions"): Probe(
        "foreign", "/api/v1/clients/{runner_id}/sessions"
    ),
    ("GET", "/api/v1/clients/{runner_id}/runs"): Probe(
        "foreign", "/api/v1/clients/{runner_id}/runs"
    ),
    ("GET", "/api/v1/clients/{runner_id}/load"): Probe(
        "foreign", "/api/v1/clients/{runner_id}/load"
    ),
    ("GET", "/api/v1/clients/{runner_id}/routine"): Probe(
        "foreign", "/api/v1/clients/{runner_id}/routine"
    ),
    ("GET", "/api/v1/clients/{runner_id}/programme-changes"): Probe(
        "foreign", "/api/v1/clients/{runner_id}/programme-changes"
    ),
    ("POST", "/api/v1/clients/{runner_id}/programme-changes"): Probe(
        "foreign",
        "/api/v1/clients/{runner_id}/programme-changes",
        {"kind": "pin", "exercise_id": "squat", "reason": "x"},
        1,
    ),
    ("POST", "/api/v1/clients/{runner_id}/programme-changes/{change_id}/undo"): Probe(
        "foreign",
        "/api/v1/clients/{runner_id}/programme-changes/{change_id}/undo",
        {"reason": "x"},
        1,
    ),
    ("GET", "/api/v1/programme-changes"): Probe("own", "/api/v1/programme-changes"),
}
OWN_LISTS = {"/api/v1/screenings", "/api/v1/pain-entries", "/api/v1/runs"}


def _routes(client: TestClient) -> set[tuple[str, str]]:
    return {
        (method, str(route.path))
        for route in api_routes(client.app)  # type: ignore[arg-type]
        for method in route.methods or ()
    }


def _ids(runner: Runner) -> dict[str, str]:
    return {
        "screening_id": runner.screening_id,
        "pain_id": runner.pain_id,
        "run_id": runner.run_id,
        "runner_id": runner.user_id,
        "link_id": runner.link_id or "no-link",
        "alert_id": runner.alert_id or "no-alert",
        "session_id": runner.session_id,
        "job_id": runner.job_id,
        "change_id": runner.change_id or "no-change",
    }


def _send(
    client: TestClient, method: str, probe: Probe, runner: Runner, headers: dict[str, str]
) -> Any:
    path = probe.path.format(**_ids(runner))
    if probe.body is RUN_FILE:
        return client.request(
            method,
            path,
            params={"name": RUN_FILE.name},
            content=RUN_FILE.read_bytes(),
            headers={**headers, "content-type": "application/octet-stream"},
        )
    if probe.body is None:
        return client.request(method, path, headers=headers)
    return client.request(method, path, json=probe.body, headers=headers)


def _alert_for(browser: TestClient, runner: Runner, clinician: Runner) -> str:
    """An alert about the runner for their clinician, stored as the alert service would."""
    from datetime import UTC, datetime

    from backstride.storage.care_alerts import add_care_alert

    with database_of(browser).transaction() as session:
        event = ("alarm", runner.screening_id, "screening", "new urgent doctor result")
        add_care_alert(session, runner.user_id, clinician.user_id, event, datetime.now(UTC))  # type: ignore[arg-type]
        alert_id = session.scalar(select(CareAlertRow.id))
    assert alert_id is not None
    assert clinician.call("GET", f"{API}/alerts").json()[0]["id"] == alert_id
    return str(alert_id)


def test_the_matrix_names_every_route() -> None:
    with web_app() as browser:
        routes = _routes(browser)
    assert len(routes) >= 21
    assert set(MATRIX) == routes, (
        f"add to MATRIX: {sorted(routes - set(MATRIX))}; gone: {sorted(set(MATRIX) - routes)}"
    )


def test_another_runner_cannot_reach_the_first_runners_data() -> None:
    with web_app() as browser:
        anna = runner_with_data(browser, "anna")
        anna.call("PATCH", f"{API}/profile", json={"name": "Anna Lindqvist"})
        cleo = runner_with_data(another_browser(browser), "cleo", note="the physio's own")
        anna = link_clinician(anna, cleo, ["screening", "programme"])
        anna = replace(anna, alert_id=_alert_for(browser, anna, cleo))
        bea = runner_with_data(another_browser(browser), "bea", note="a different note")
        bea.call("DELETE", f"{API}/pain-entries/{bea.pain_id}")
        anna = with_session(anna)
        anna = with_programme_change(anna, cleo)
        before = anna.export()
        changes = anna.call("GET", f"{API}/programme-changes").json()
        markers = [anna.screening_id, anna.pain_id, anna.run_id, anna.job_id, "Anna Lindqvist"]
        markers.append(anna.session_id)
        markers.append(anna.alert_id)
        markers.append("after the hills")
        assert set(MATRIX) == _routes(browser)
        for (method, route), probe in sorted(MATRIX.items(), key=lambda item: item[1].phase):
            response = _send(bea.program, method, probe, anna, bearer(bea.token))
            where = (method, route, response.status_code, response.text[:200])
            assert response.status_code < 500, where
            if probe.kind == "foreign":
                _problem(response, 404)
            else:
                assert response.status_code not in (401, 403, 404), where
            if probe.kind == "own" and route in OWN_LISTS and method == "GET":
                own = {"/api/v1/screenings": 1, "/api/v1/pain-entries": 0, "/api/v1/runs": 1}
                assert len(response.json()) == own[route], where
            sent = probe.path.format(**_ids(anna))
            for marker in markers:
                if marker not in sent:  # a 404 may repeat the id it was sent, nothing more
                    assert marker not in response.text, (where, marker)
            assert anna.export() == before, where
            assert anna.call("GET", f"{API}/programme-changes").json() == changes, where
        assert anna.call("GET", f"{API}/profile").json()["name"] == "Anna Lindqvist"
        assert bea.call("GET", f"{API}/profile").status_code == 401  # bea deleted her data


def test_a_read_token_reads_and_is_refused_on_every_write() -> None:
    with web_app() as browser:
        anna = runner_with_data(browser, "anna")
        anna = with_session(anna)
        before = anna.export()
        reader = bearer(anna.read_token)
        writes = 0
        for (method, route), probe in MATRIX.items():
            response = _send(anna.program, method, probe, anna, reader)
            if method == "GET":
                assert response.status_code not in (401, 403), (route, response.text)
            else:
                writes += 1
                body = _problem(response, 403)
                assert "only read" in body["detail"], route
        assert writes == 20
        assert anna.export() == before


def test_a_revoked_token_is_refused_at_once() -> None:
    with web_app() as browser:
        anna = runner_with_data(browser, "anna")
        assert anna.call("GET", f"{API}/profile").status_code == 200
        page = browser.get("/account").text
        assert "a script (read-write)" in page and "a dashboard (read)" in page
        assert anna.token not in page  # the secret is shown only once
        with database_of(browser).transaction(write=False) as session:
            rows = session.scalars(select(ApiTokenRow)).all()
        token_id = next(row.id for row in rows if row.name == "a script")
        revoked = post_form(browser, "/account/tokens/revoke", key=token_id)
        assert revoked.status_code == 303
        body = _problem(anna.call("GET", f"{API}/profile"), 401)
        assert "revoked" in body["detail"]
        assert anna.call("GET", f"{API}/profile").headers["www-authenticate"] == "Bearer"
        still = anna.program.get(f"{API}/profile", headers=bearer(anna.read_token))
        assert still.status_code == 200  # the other token lives on


def test_only_a_tokens_hash_is_stored_and_its_use_is_listed() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        assert "never used" not in browser.get("/account").text
        token = make_token(browser, "read", "my watch")
        assert "never used" in browser.get("/account").text
        with database_of(browser).transaction(write=False) as session:
            (row,) = session.scalars(select(ApiTokenRow)).all()
        assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in json.dumps([row.id, row.name, row.scope, row.token_hash])
        assert len(token) >= 40 and token.startswith("bst_")
        program = another_browser(browser)
        assert program.get(f"{API}/profile", headers=bearer(token)).status_code == 200
        page = browser.get("/account").text
        assert "my watch (read)" in page and "last used" in page and "never used" not in page


def test_forged_and_stray_tokens_are_refused() -> None:
    with web_app() as browser:
        anna = runner_with_data(browser, "anna")
        program = another_browser(browser)
        session_id = browser.cookies[SESSION_COOKIE]
        stored_hash = hashlib.sha256(anna.token.encode()).hexdigest()
        forged = [
            "bst_" + "A" * 43,
            anna.token[:-1],
            anna.token + "x",
            anna.token.upper(),
            stored_hash,
            "bst_" + stored_hash,
            session_id,
            "bst_" + "x" * 5000,
            "",
        ]
        for token in forged:
            response = program.get(f"{API}/profile", headers={"authorization": f"Bearer {token}"})
            _problem(response, 401)
        for header in ("Basic YW5uYTpwdw==", anna.token, "Bearer", "Token " + anna.token):
            _problem(program.get(f"{API}/profile", headers={"authorization": header}), 401)
        _problem(program.get(f"{API}/profile"), 401)  # no token, no cookie


def test_a_disabled_accounts_tokens_are_refused() -> None:
    with web_app() as browser:
        anna = runner_with_data(browser, "anna")
        with database_of(browser).transaction() as session:
            disable_account(session, "anna", True)
        _problem(anna.call("GET", f"{API}/profile"), 401)


def test_a_new_password_ends_every_token_and_a_reset_too() -> None:
    clock = FakeClock()
    with web_app(clock) as browser:
        anna = runner_with_data(browser, "anna")
        new = "an even calmer back today"
        changed = post_form(
            browser, "/account/password", current_password=PASSWORD, new_password=new
        )
        assert changed.status_code == 303
        for token in (anna.token, anna.read_token):
            _problem(anna.program.get(f"{API}/profile", headers=bearer(token)), 401)
        assert "a script (read-write)" not in browser.get("/account").text
        token = make_token(browser, "read", "after the change")
        assert anna.program.get(f"{API}/profile", headers=bearer(token)).status_code == 200
        with database_of(browser).transaction() as session:
            reset_password(session, "anna", "the admin gave a new one", clock.now)
        _problem(anna.program.get(f"{API}/profile", headers=bearer(token)), 401)


def test_the_session_cookie_reads_and_writes_only_with_the_form_token() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        assert browser.get(f"{API}/profile").status_code == 200
        refused = browser.patch(f"{API}/profile", json={"name": "Anna"})
        assert _problem(refused, 403)["field"] == "x-form-token"
        wrong = browser.patch(
            f"{API}/profile", json={"name": "Anna"}, headers={"x-form-token": "x"}
        )
        _problem(wrong, 403)
        assert browser.get(f"{API}/profile").json()["name"] is None
        token = browser.cookies[FORM_COOKIE]
        sent = browser.patch(
            f"{API}/profile", json={"name": "Anna"}, headers={"x-form-token": token}
        )
        assert sent.status_code == 200 and sent.json()["name"] == "Anna"
        cross = browser.patch(
            f"{API}/profile",
            json={"name": "Mallory"},
            headers={"x-form-token": token, "origin": "https://elsewhere.example"},
        )
        assert cross.status_code == 403
        assert browser.get(f"{API}/profile").json()["name"] == "Anna"


def test_token_names_and_scopes_are_checked_and_revoking_is_for_ones_own() -> None:
    with web_app() as browser:
        anna = runner_with_data(browser, "anna")
        for name, scope in (("", "read"), ("x" * 65, "read"), ("ok", "admin"), ("ok", "")):
            refused = post_form(browser, "/account/tokens", name=name, scope=scope)
            assert refused.status_code == 422, (name, scope)
            assert 'role="alert"' in refused.text
        bea = another_browser(browser)
        sign_up(bea, "bea")
        with database_of(browser).transaction(write=False) as session:
            ids = [row.id for row in session.scalars(select(ApiTokenRow))]
        for token_id in ids:
            assert post_form(bea, "/account/tokens/revoke", key=token_id).status_code == 404
        assert anna.call("GET", f"{API}/profile").status_code == 200


def test_deleting_everything_needs_the_confirmation_and_ends_the_tokens() -> None:
    with web_app() as browser:
        anna = runner_with_data(browser, "anna")
        bea = runner_with_data(another_browser(browser), "bea")
        before = anna.export()
        for body in (
            {},
            {"confirm": "yes"},
            {"confirm": True},
            {"confirm": "delete my data", "x": 1},
        ):
            _problem(anna.call("DELETE", f"{API}/data", json=body), 422)
        assert anna.export() == before
        deleted = anna.call("DELETE", f"{API}/data", json={"confirm": "delete my data"})
        assert deleted.status_code == 204
        _problem(anna.call("GET", f"{API}/profile"), 401)
        _problem(anna.program.get(f"{API}/profile", headers=bearer(anna.read_token)), 401)
        assert bea.call("GET", f"{API}/pain-entries").json()[0]["id"] == bea.pain_id


def test_a_check_in_needs_a_screening_and_raises_the_level() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        program = another_browser(browser)
        headers = bearer(make_token(browser))
        first = program.post(f"{API}/check-ins", json={"saddle_numbness": False}, headers=headers)
        _problem(first, 409)
        assert program.post(f"{API}/screenings", json=CALM, headers=headers).status_code == 201
        for body in ({"age": 40}, {"saddle_numbness": 1}, {"saddle_numbness": "yes"}):
            _problem(program.post(f"{API}/check-ins", json=body, headers=headers), 422)
        alarm = program.post(f"{API}/check-ins", json={"saddle_numbness": True}, headers=headers)
        assert alarm.status_code == 201 and alarm.json()["triage"] == "emergency"
        _problem(program.get(f"{API}/routine", headers=headers), 409)


HOSTILE: list[tuple[str, str, bytes, str]] = [
    ("POST", "/api/v1/pain-entries", b'{"score": false, "when": "morning"}', "score"),
    ("POST", "/api/v1/pain-entries", b'{"score": "3", "when": "morning"}', "score"),
    ("POST", "/api/v1/pain-entries", b'{"score": 3.0, "when": "morning"}', "score"),
    ("POST", "/api/v1/pain-entries", b'{"score": 11, "when": "morning"}', "score"),
    ("POST", "/api/v1/pain-entries", b'{"score": 1e400, "when": "morning"}', "score"),
    ("POST", "/api/v1/pain-entries", b'{"score": 100000000000000000000000, "when": "x"}', "score"),
    ("POST", "/api/v1/pain-entries", b'{"score": 3, "when": "sometime"}', "when"),
    ("POST", "/api/v1/pain-entries", b'{"score": 3, "when": "morning", "extra": 1}', "extra"),
    ("POST", "/api/v1/pain-entries", b'{"score": 3, "when": "morning", "score": 2}', ""),
    ("POST", "/api/v1/pain-entries", b'{"score": 1' + b"0" * 5000 + b', "when": "morning"}', ""),
    ("POST", "/api/v1/pain-entries", b"[" * 50_000 + b"]" * 50_000, ""),
    ("POST", "/api/v1/pain-entries", b'{"a":' * 20_000 + b"1" + b"}" * 20_000, ""),
    ("POST", "/api/v1/pain-entries", b"", ""),
    ("POST", "/api/v1/pain-entries", b"null", ""),
    ("POST", "/api/v1/pain-entries", b"[1, 2]", ""),
    ("POST", "/api/v1/pain-entries", b"\xff\xfe{}", ""),
    ("POST", "/api/v1/pain-entries", b'{"score": 3, "when": "morning", "note": NaN}', ""),
    ("POST", "/api/v1/screenings", json.dumps({**CALM, "saddle_numbness": 0}).encode(), ""),
    ("POST", "/api/v1/screenings", json.dumps({**CALM, "age": True}).encode(), "age"),
    ("POST", "/api/v1/screenings", json.dumps({**CALM, "age": 10**30}).encode(), "age"),
    ("POST", "/api/v1/screenings", json.dumps({**CALM, "duration_weeks": 1e308 * 10}).encode(), ""),
    ("POST", "/api/v1/screenings", b'{"age": 34}', ""),
    ("PATCH", "/api/v1/profile", b'{"birth_year": true}', "birth_year"),
    ("PATCH", "/api/v1/profile", b'{"birth_year": 99999999999999999999999}', "birth_year"),
    ("PATCH", "/api/v1/profile", b'{"time_zone": "' + b"a" * 5000 + b'"}', "time_zone"),
    ("PATCH", "/api/v1/profile", b'{"plan_moves": []}', ""),
    ("PATCH", "/api/v1/profile", b'{"run_days": [{"day": "someday"}]}', ""),
    ("PATCH", "/api/v1/profile", b'{"equipment": "mat"}', "equipment"),
]


@pytest.mark.parametrize(("method", "path", "body", "field_named"), HOSTILE)
def test_hostile_json_bodies_are_refused_and_change_nothing(
    method: str, path: str, body: bytes, field_named: str
) -> None:
    with web_app() as browser:
        anna = runner_with_data(browser, "anna")
        before = anna.export()
        response = anna.call(
            method, path, content=body, headers={"content-type": "application/json"}
        )
        refused = _problem(response, 422)
        if field_named:
            assert refused["field"] == field_named, refused
        assert anna.export() == before


def test_a_body_of_the_wrong_media_type_or_size_is_refused() -> None:
    with web_app(BACKSTRIDE_MAX_BODY_KB="7", BACKSTRIDE_MAX_UPLOAD_MB="1") as browser:
        anna = runner_with_data(browser, "anna")
        form = anna.call(
            "POST",
            f"{API}/pain-entries",
            content=b"score=3&when=morning",
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        _problem(form, 415)
        _problem(anna.call("POST", f"{API}/pain-entries", content=b'{"score": 3}'), 415)
        as_json = anna.call(
            "POST", f"{API}/imports", params={"name": "a.gpx"}, json={"not": "a file"}
        )
        _problem(as_json, 415)
        no_name = anna.call(
            "POST",
            f"{API}/imports",
            content=b"<gpx/>",
            headers={"content-type": "application/octet-stream"},
        )
        assert _problem(no_name, 422)["field"] == "name"
        big = anna.call(
            "POST",
            f"{API}/imports",
            params={"name": "big.gpx"},
            content=b"x" * (1024**2 + 1),
            headers={"content-type": "application/octet-stream"},
        )
        assert "BACKSTRIDE_MAX_UPLOAD_MB" in _problem(big, 413)["detail"]
        small_form = anna.call(
            "POST",
            f"{API}/pain-entries",
            json={"score": 3, "when": "morning", "note": "x" * 8000},
        )
        assert small_form.status_code == 413  # the other bodies keep their own smaller cap
        junk = anna.call(
            "POST",
            f"{API}/imports",
            params={"name": "junk.fit"},
            content=b"\x00" * 300,
            headers={"content-type": "application/octet-stream"},
        )
        assert junk.status_code == 200 and junk.json()[0]["outcome"] == "error"


def test_bad_parameters_are_named_in_the_api_shape_and_pages_keep_theirs() -> None:
    with web_app() as browser:
        anna = runner_with_data(browser, "anna")
        for path, field_named in (
            (f"{API}/routine?minutes=abc", "minutes"),
            (f"{API}/routine?minutes=99999999999999999999999", ""),
            (f"{API}/plan?weeks=0", ""),
            (f"{API}/plan?weeks=ten", "weeks"),
            (f"{API}/runs?all=maybe", "all"),
            (f"{API}/load?unit=furlongs", ""),
            (f"{API}/exercises?pattern=" + "x" * 100, "pattern"),
        ):
            refused = _problem(anna.call("GET", path), 422)
            assert refused["field"] == field_named or not field_named, (path, refused)
        _problem(anna.call("GET", f"{API}/exercises/no-such-move"), 422)
        _problem(anna.call("GET", f"{API}/screenings/{'x' * 5000}"), 404)
        page = post_form(browser, "/pain", when="morning")  # a page answers as a page
        assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")


def test_the_schema_and_its_docs_page_list_every_operation() -> None:
    with web_app() as browser:
        schema = browser.get("/api/openapi.json").json()
        operations = {
            (method.upper(), path) for path, item in schema["paths"].items() for method in item
        }
        assert operations == _routes(browser)
        assert all(path.startswith(API) for path in schema["paths"])
        assert schema["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
        answers = schema["components"]["schemas"]["ScreeningAnswers"]
        assert "saddle_numbness" in answers["properties"]
        assert schema["components"]["schemas"]["ScreeningResult"]["properties"]
        docs = browser.get("/api/docs")
        assert docs.status_code == 200
        for name, value in HEADERS.items():
            assert docs.headers[name] == value
        text = docs.text
        for method, path in operations:
            assert f"<code>{method} {path}</code>" in text
        assert "<script>" not in text and "style=" not in text and "<style" not in text
        assert 'src="http' not in text and 'href="http' not in text and "cdn" not in text.lower()
