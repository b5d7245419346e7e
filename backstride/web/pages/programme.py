"""A clinician's programme changes on a client's page: one form per kind, the versions with
their undo buttons; every write through services/programme_changes (the gate audits it)."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from backstride.domain.care import SCOPE_WORDS, SCOPES
from backstride.domain.load import UNIT_LABELS
from backstride.domain.plain_sources import for_people
from backstride.domain.programme_changes import KIND_WORDS, KINDS, ChangeAsked
from backstride.errors import BackstrideError, InvalidInput
from backstride.services.care import login_of
from backstride.services.client_records import READ_SCOPES, client_records, client_routine
from backstride.services.exercises import catalogue
from backstride.services.programme_changes import client_programme, make_change, undo_change
from backstride.services.routine_result import routine_result
from backstride.web.auth import FORM_FIELD, check_form_token, signed_in
from backstride.web.care_action import client_action
from backstride.web.errors import status_of
from backstride.web.pages.routine import DECISION_WORDS
from backstride.web.templating import page

router = APIRouter()
Text = Annotated[str, Form(max_length=1024)]
Token = Annotated[str | None, Form(alias=FORM_FIELD)]


def client_page(
    request: Request, runner_id: str, status_code: int = 200, **extra: object
) -> Response:
    """A client's timeline, and their programme changes where the scopes allow (404 with none)."""
    who = signed_in(request)
    with client_action(request, who.account.user_id, runner_id) as action:
        records = client_records(action)
        login = login_of(action, runner_id)
        changing = bool({"programme", "notes"} & records.scopes)
        programme = client_programme(action) if changing else None
        current = client_routine(action) if "programme" in records.scopes else None
    cat = catalogue()
    response = page(
        request,
        "client.html",
        status_code,
        title=f"Client {login}",
        login=login,
        runner_id=runner_id,
        records=records,
        scope_words=SCOPE_WORDS,
        scopes_in_force=[scope for scope in SCOPES if scope in records.scopes],
        reads=bool(records.scopes & set(READ_SCOPES)),
        unit_words=UNIT_LABELS,
        zone=action.zone,
        programme=programme,
        exercises=[(e.id, e.name) for e in cat.exercises],
        describe=lambda change: change.describe(cat),
        kind_words=KIND_WORDS,
        current=current,
        shown=routine_result(current.plan) if current and current.plan else None,
        plan=current.plan if current else None,
        plain=for_people,
        decision_words=DECISION_WORDS,
        **extra,
    )
    response.headers["cache-control"] = "no-store"
    return response


def _number(name: str, value: str) -> int | None:
    text = value.strip()
    if not text:
        return None
    if not text.isdigit() or len(text) > 6:
        raise InvalidInput(f"{name} {text[:20]!r} is not valid: give a whole number", field=name)
    return int(text)


@router.post("/clients/{runner_id}/programme-changes")
def new_change(
    request: Request,
    runner_id: str,
    kind: Text = "",
    reason: Text = "",
    exercise_id: Text = "",
    max_reps: Text = "",
    max_hold_s: Text = "",
    sessions: Text = "",
    note: Text = "",
    token: Token = None,
) -> Response:
    """Make one programme change for the client; a refused one shows the rule's reason."""
    check_form_token(request, token)
    who = signed_in(request)
    try:
        with client_action(request, who.account.user_id, runner_id) as action:
            found = next((k for k in KINDS if k == kind), None)
            asked = ChangeAsked(
                found or "pin",
                reason,
                exercise_id or None,
                _number("max_reps", max_reps),
                _number("max_hold_s", max_hold_s),
                _number("sessions", sessions),
                note,
            )
            if found is None:
                raise InvalidInput(f"kind {kind[:40]!r} is not valid: choose {', '.join(KINDS)}")
            make_change(action, asked)
    except BackstrideError as error:
        status = status_of(error)
        if status == 404:
            raise
        return client_page(request, runner_id, status, change_error=str(error))
    return RedirectResponse(f"/clients/{runner_id}#programme-heading", status_code=303)


@router.post("/clients/{runner_id}/programme-changes/{change_id}/undo")
def undo(
    request: Request, runner_id: str, change_id: str, reason: Text = "", token: Token = None
) -> Response:
    """Undo one change: a new version, and the state before it comes back."""
    check_form_token(request, token)
    who = signed_in(request)
    try:
        with client_action(request, who.account.user_id, runner_id) as action:
            undo_change(action, change_id, reason)
    except BackstrideError as error:
        if status_of(error) == 404:
            raise
        return client_page(request, runner_id, status_of(error), change_error=str(error))
    return RedirectResponse(f"/clients/{runner_id}#programme-heading", status_code=303)
