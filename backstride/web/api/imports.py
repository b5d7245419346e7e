"""The API's imports: a file or a whole export sent as the body, imported at once when small,
else queued as a job that can be watched and cancelled."""

from functools import partial
from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from backstride.jobs.kept_files import upload_staging
from backstride.services.import_job_result import ImportJobResult, import_job_result
from backstride.services.import_jobs import cancel_import_job, import_job_progress
from backstride.services.import_result import ImportOutcomeResult, import_outcome_result
from backstride.web.api.body import FILE_BODY_DOC
from backstride.web.api.caller import Caller, Reader, Writer, api_action
from backstride.web.api.problems import ApiRefusal, ApiRoute
from backstride.web.auth import settings
from backstride.web.upload_import import take_upload
from backstride.web.upload_stream import UPLOAD_CEILING, StagedUpload, UploadRefused, stage_body

router = APIRouter(route_class=ApiRoute, tags=["data"])
OCTET_STREAM = "application/octet-stream"


@router.post(
    "/imports",
    response_model=list[ImportOutcomeResult],
    responses={202: {"model": ImportJobResult, "description": "a large upload, queued"}},
    openapi_extra=FILE_BODY_DOC,
    max_body_size=UPLOAD_CEILING,
)
async def post_import(
    request: Request,
    caller: Writer,
    name: Annotated[str, Query(min_length=1, max_length=255)],
) -> JSONResponse:
    """Import one activity file (FIT, GPX or TCX, also .gz) or a whole export .zip sent as the
    body; `name` is its file name (its ending says how to read it). A small upload answers 200
    with what happened to each file in it (as `backstride import --json` reports it); a larger
    one answers 202 with the queued job, to follow at /imports/{job_id}."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != OCTET_STREAM:
        raise ApiRefusal(
            415, "send the file's bytes as the body, with 'Content-Type: application/octet-stream'"
        )
    found = settings(request)
    folder = upload_staging(found.data_dir)
    try:
        upload = await stage_body(request, folder, found.max_upload_mb * 1024**2, name)
    except UploadRefused as refused:
        raise ApiRefusal(refused.status, str(refused)) from None
    return await anyio.to_thread.run_sync(partial(_taken, request, caller, upload))


def _taken(request: Request, caller: Caller, upload: StagedUpload) -> JSONResponse:
    taken = take_upload(
        request, caller.user_id, upload, lambda: api_action(request, caller, write=True)
    )
    if taken.job_id is None:
        body = [import_outcome_result(o).model_dump(mode="json") for o in taken.outcomes]
        return JSONResponse(body)
    with api_action(request, caller, write=False) as action:
        job = import_job_result(import_job_progress(action, taken.job_id))
    return JSONResponse(job.model_dump(mode="json"), status_code=202)


@router.get("/imports/{job_id}", response_model=ImportJobResult)
def get_import(request: Request, caller: Reader, job_id: str) -> ImportJobResult:
    """A queued import: files read of those planned, bytes, the rate and each file's outcome."""
    with api_action(request, caller, write=False) as action:
        return import_job_result(import_job_progress(action, job_id))


@router.post("/imports/{job_id}/cancel", response_model=ImportJobResult)
def post_cancel_import(request: Request, caller: Writer, job_id: str) -> ImportJobResult:
    """Stop a queued import after the file at hand (the files done stay imported)."""
    with api_action(request, caller, write=True) as action:
        cancel_import_job(action, job_id)
        return import_job_result(import_job_progress(action, job_id))
