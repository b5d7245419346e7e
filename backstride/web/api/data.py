"""The API's data moves: the export document and everything deleted (imports: imports.py)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from backstride.jobs.kept_files import forget_uploads
from backstride.services.export_result import ExportResult
from backstride.services.portability import delete_my_data, export_data
from backstride.web.api.body import json_text, model_body_doc, validated
from backstride.web.api.caller import Reader, Writer, api_action
from backstride.web.api.problems import ApiRoute
from backstride.web.api.requests import DataDeletion
from backstride.web.auth import database, settings

router = APIRouter(route_class=ApiRoute, tags=["data"])


@router.get("/export", response_model=ExportResult)
def get_export(request: Request, caller: Reader) -> ExportResult:
    """Everything recorded, as the document `backstride export` writes."""
    with api_action(request, caller, write=False) as action:
        return export_data(action)


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
    forget_uploads(settings(request).data_dir, caller.user_id)
    database(request).forget_deleted()
    return Response(status_code=204)
