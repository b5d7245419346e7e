"""The API's data moves: the export document, one activity file imported, everything deleted."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from backstride.services.export_result import ExportResult
from backstride.services.import_result import ImportOutcomeResult, import_outcome_result
from backstride.services.imports import import_file
from backstride.services.portability import delete_my_data, export_data
from backstride.web.api.body import FILE_BODY_DOC, file_bytes, json_text, model_body_doc, validated
from backstride.web.api.caller import Reader, Writer, api_action
from backstride.web.api.problems import ApiRoute
from backstride.web.api.requests import DataDeletion
from backstride.web.auth import database

router = APIRouter(route_class=ApiRoute, tags=["data"])


@router.get("/export", response_model=ExportResult)
def get_export(request: Request, caller: Reader) -> ExportResult:
    """Everything recorded, as the document `backstride export` writes."""
    with api_action(request, caller, write=False) as action:
        return export_data(action)


@router.post(
    "/imports",
    response_model=list[ImportOutcomeResult],
    openapi_extra=FILE_BODY_DOC,
)
def post_import(
    request: Request,
    caller: Writer,
    data: Annotated[bytes, Depends(file_bytes)],
    name: Annotated[str, Query(min_length=1, max_length=255)],
) -> list[ImportOutcomeResult]:
    """Import one activity file (FIT, GPX or TCX, also .gz, or a .zip) sent as the body; `name`
    is its file name (its ending says how to read it). What happened to each file in it, with
    200 whatever it was (as `backstride import --json` reports it)."""
    limits = database(request).limits
    with api_action(request, caller, write=True) as action:
        outcomes = import_file(action, name, data, limits=limits)
    return [import_outcome_result(outcome) for outcome in outcomes]


@router.delete(
    "/data", status_code=204, response_class=Response, openapi_extra=model_body_doc(DataDeletion)
)
def delete_data(
    request: Request, caller: Writer, body: Annotated[str, Depends(json_text)]
) -> Response:
    """Delete every record, and the account with its tokens, for good: the body must be
    {"confirm": "delete my data"}."""
    validated(DataDeletion, body)
    with api_action(request, caller, write=True) as action:
        delete_my_data(action)
    database(request).forget_deleted()
    return Response(status_code=204)
