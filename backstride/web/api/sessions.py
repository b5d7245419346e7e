"""The API's guided sessions: start today's routine, report what was played, read one back."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from backstride.services.browser_session_result import (
    SessionResult,
    SessionStartResult,
    session_result,
    session_start_result,
)
from backstride.services.browser_sessions import (
    finish_played,
    next_doses,
    open_session,
    session_of,
)
from backstride.web.api.body import json_text, model_body_doc, validated
from backstride.web.api.caller import Reader, Writer, api_action
from backstride.web.api.problems import ApiRoute
from backstride.web.api.session_bodies import PlayedReport, SessionNew, played_steps

router = APIRouter(route_class=ApiRoute, tags=["sessions"])
Body = Annotated[str, Depends(json_text)]


@router.post(
    "/sessions",
    status_code=201,
    response_model=SessionStartResult,
    openapi_extra=model_body_doc(SessionNew),
)
def post_session(request: Request, caller: Writer, body: Body) -> SessionStartResult:
    """Start today's routine: its id and timeline (409 with the reason when it is not safe now)."""
    new = validated(SessionNew, body)
    with api_action(request, caller, write=True) as action:
        return session_start_result(open_session(action, new.minutes, new.goal))


@router.post(
    "/sessions/{session_id}/played",
    response_model=SessionResult,
    openapi_extra=model_body_doc(PlayedReport),
)
def post_played(request: Request, caller: Writer, session_id: str, body: Body) -> SessionResult:
    """Report what was played; the same report again returns the same result (409 if different)."""
    report = played_steps(validated(PlayedReport, body))
    with api_action(request, caller, write=True) as action:
        record = finish_played(action, session_id, report)
        return session_result(record, next_doses(action, record))


@router.get("/sessions/{session_id}", response_model=SessionResult)
def get_session(request: Request, caller: Reader, session_id: str) -> SessionResult:
    """One session: open until its report comes, then what it did and the doses that follow."""
    with api_action(request, caller, write=False) as action:
        record = session_of(action, session_id)
        return session_result(record, next_doses(action, record))
