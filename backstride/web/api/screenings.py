"""The API's screenings and check-ins: answers in (the screening-answers contract), results out."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from backstride.domain.check_in import CHECK_IN_FIELDS
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.services.screening import (
    answers_from_json,
    check_in_from_json,
    record_screening,
    screen_answers,
    screening_history,
    screening_of,
)
from backstride.services.screening_result import (
    ScreeningResult,
    StoredScreeningResult,
    screening_result,
    stored_screening_result,
)
from backstride.web.api.body import REF, json_body_doc, json_text, model_body_doc
from backstride.web.api.caller import Reader, Writer, api_action
from backstride.web.api.problems import ApiRoute

router = APIRouter(route_class=ApiRoute, tags=["screening"])
Body = Annotated[str, Depends(json_text)]


def _check_in_schema() -> dict[str, Any]:
    """The answers a check-in may give: the warning-sign fields of the contract, each optional."""
    full = ScreeningAnswers.model_json_schema(ref_template=REF)
    return {
        "title": "CheckInAnswers",
        "type": "object",
        "properties": {name: full["properties"][name] for name in CHECK_IN_FIELDS},
        "additionalProperties": False,
    }


@router.post(
    "/screenings",
    status_code=201,
    response_model=ScreeningResult,
    openapi_extra=model_body_doc(ScreeningAnswers),
)
def post_screening(request: Request, caller: Writer, body: Body) -> ScreeningResult:
    """Screen a full answers object and store the result; with the level now."""
    result = screen_answers(answers_from_json(body, "the body"))
    with api_action(request, caller, write=True) as action:
        status = record_screening(action, result, "screen")
    return screening_result(result, status)


@router.get("/screenings", response_model=list[StoredScreeningResult])
def list_screenings(request: Request, caller: Reader) -> list[StoredScreeningResult]:
    """Every stored screening and check-in, newest first."""
    with api_action(request, caller, write=False) as action:
        return [stored_screening_result(item) for item in screening_history(action)]


@router.get("/screenings/{screening_id}", response_model=StoredScreeningResult)
def get_screening(request: Request, caller: Reader, screening_id: str) -> StoredScreeningResult:
    """One stored screening or check-in."""
    with api_action(request, caller, write=False) as action:
        return stored_screening_result(screening_of(action, screening_id))


@router.post(
    "/check-ins",
    status_code=201,
    response_model=ScreeningResult,
    openapi_extra=json_body_doc("CheckInAnswers", _check_in_schema()),
)
def post_check_in(request: Request, caller: Writer, body: Body) -> ScreeningResult:
    """A check-in: some warning-sign answers, merged onto the last screening (needs one first)."""
    with api_action(request, caller, write=True) as action:
        result = check_in_from_json(action, body, "the body")
        status = record_screening(action, result, "check_in")
    return screening_result(result, status)
