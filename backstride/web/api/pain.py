"""The API's pain journal: log a score, list the entries, change or delete one by its id."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from backstride.services.pain import (
    delete_pain_entry,
    edit_pain_entry,
    log_pain,
    pain_entries_by_id,
    pain_entry_of,
)
from backstride.services.pain_result import StoredPainResult, stored_pain_result
from backstride.web.api.body import json_text, model_body_doc, validated
from backstride.web.api.caller import Reader, Writer, api_action
from backstride.web.api.problems import ApiRoute
from backstride.web.api.requests import PainChange, PainNew

router = APIRouter(route_class=ApiRoute, tags=["pain"])
Body = Annotated[str, Depends(json_text)]


@router.post(
    "/pain-entries",
    status_code=201,
    response_model=StoredPainResult,
    openapi_extra=model_body_doc(PainNew),
)
def post_pain_entry(request: Request, caller: Writer, body: Body) -> StoredPainResult:
    """Log one pain score (0-10), timed now."""
    new = validated(PainNew, body)
    with api_action(request, caller, write=True) as action:
        stored = log_pain(action, new.score, new.when, new.reaches, new.side, new.note)
    return stored_pain_result(stored)


@router.get("/pain-entries", response_model=list[StoredPainResult])
def list_pain_entries(request: Request, caller: Reader) -> list[StoredPainResult]:
    """Every entry, oldest first, on the runner's clock."""
    with api_action(request, caller, write=False) as action:
        return [stored_pain_result(stored) for stored in pain_entries_by_id(action)]


@router.get("/pain-entries/{entry_id}", response_model=StoredPainResult)
def get_pain_entry(request: Request, caller: Reader, entry_id: str) -> StoredPainResult:
    """One entry."""
    with api_action(request, caller, write=False) as action:
        return stored_pain_result(pain_entry_of(action, entry_id))


@router.patch(
    "/pain-entries/{entry_id}",
    response_model=StoredPainResult,
    openapi_extra=model_body_doc(PainChange),
)
def patch_pain_entry(
    request: Request, caller: Writer, entry_id: str, body: Body
) -> StoredPainResult:
    """Change the values given; the entry keeps its time."""
    change = validated(PainChange, body)
    with api_action(request, caller, write=True) as action:
        stored = edit_pain_entry(
            action,
            entry_id,
            score=change.score,
            when=change.when,
            reaches=change.reaches,
            side=change.side,
            note=change.note,
        )
    return stored_pain_result(stored)


@router.delete("/pain-entries/{entry_id}", status_code=204, response_class=Response)
def remove_pain_entry(request: Request, caller: Writer, entry_id: str) -> Response:
    """Delete one entry for good."""
    with api_action(request, caller, write=True) as action:
        delete_pain_entry(action, entry_id)
    return Response(status_code=204)
