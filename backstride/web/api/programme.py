"""The API's programme changes: a clinician's for a client (make, list, undo) and the runner's
own list; every one through the authorize gate (services/programme_changes.py)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from backstride.domain.programme_changes import ChangeAsked
from backstride.services.exercises import catalogue
from backstride.services.programme_changes import (
    client_programme,
    make_change,
    my_programme,
    undo_change,
)
from backstride.services.programme_result import (
    ProgrammeChangeResult,
    programme_change_result,
    programme_results,
)
from backstride.web.api.body import json_text, model_body_doc, validated
from backstride.web.api.caller import Reader, Writer, api_action
from backstride.web.api.problems import ApiRoute
from backstride.web.api.requests import ProgrammeChangeNew, UndoReason
from backstride.web.care_action import client_action

router = APIRouter(route_class=ApiRoute, tags=["care"])
Body = Annotated[str, Depends(json_text)]


@router.get("/clients/{runner_id}/programme-changes", response_model=list[ProgrammeChangeResult])
def client_changes(request: Request, caller: Reader, runner_id: str) -> list[ProgrammeChangeResult]:
    """A client's programme changes, newest first (scope: programme; notes alone: the notes)."""
    with client_action(request, caller.user_id, runner_id) as action:
        return programme_results(catalogue(), client_programme(action))


@router.post(
    "/clients/{runner_id}/programme-changes",
    status_code=201,
    response_model=ProgrammeChangeResult,
    openapi_extra=model_body_doc(ProgrammeChangeNew),
)
def post_change(
    request: Request, caller: Writer, runner_id: str, body: Body
) -> ProgrammeChangeResult:
    """Make one programme change for a client; one the safety rules forbid is refused (409)
    with the rule's reason, and nothing is stored."""
    sent = validated(ProgrammeChangeNew, body)
    asked = ChangeAsked(
        sent.kind,  # type: ignore[arg-type]  # the service checks the kind first
        sent.reason,
        sent.exercise_id,
        sent.max_reps,
        sent.max_hold_s,
        sent.sessions,
        sent.note,
    )
    with client_action(request, caller.user_id, runner_id) as action:
        return programme_change_result(catalogue(), make_change(action, asked))


@router.post(
    "/clients/{runner_id}/programme-changes/{change_id}/undo",
    status_code=201,
    response_model=ProgrammeChangeResult,
    openapi_extra=model_body_doc(UndoReason),
)
def post_undo(
    request: Request, caller: Writer, runner_id: str, change_id: str, body: Body
) -> ProgrammeChangeResult:
    """Undo one change: a new version that takes it out of force (the state before returns)."""
    sent = validated(UndoReason, body)
    with client_action(request, caller.user_id, runner_id) as action:
        return programme_change_result(catalogue(), undo_change(action, change_id, sent.reason))


@router.get("/programme-changes", response_model=list[ProgrammeChangeResult])
def own_changes(request: Request, caller: Reader) -> list[ProgrammeChangeResult]:
    """The runner's own programme changes: every version, who made it, which are in force."""
    with api_action(request, caller, write=False) as action:
        return programme_results(catalogue(), my_programme(action))
