"""Uploading runs: the upload page, a queued import's page with its progress, each run's
original file to download."""

from functools import partial
from typing import Annotated, Any
from urllib.parse import quote

import anyio.to_thread
from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from backstride.jobs.kept_files import original_file, upload_staging
from backstride.services.accounts import Current
from backstride.services.import_jobs import JobProgress, cancel_import_job, import_job_progress
from backstride.services.import_words import file_label, outcome_totals
from backstride.services.imports import FileOutcome
from backstride.services.uploads import run_origin
from backstride.web.auth import (
    FORM_FIELD,
    check_form_token,
    runner_action,
    settings,
    signed_in,
)
from backstride.web.templating import page
from backstride.web.upload_import import take_upload
from backstride.web.upload_stream import UPLOAD_CEILING, StagedUpload, UploadRefused, stage_form

router = APIRouter()
STATUS_WORDS = {
    "queued": "Waiting for a worker",
    "running": "Importing",
    "done": "Imported",
    "cancelled": "Cancelled",
    "failed": "Stopped by an error",
}


def upload_page(
    request: Request,
    status_code: int = 200,
    error: str | None = None,
    outcomes: list[FileOutcome] | None = None,
) -> Response:
    """The upload form, with a refusal or each file's outcome when there is one."""
    signed_in(request)
    found = settings(request)
    return page(
        request,
        "upload.html",
        status_code,
        title="Upload runs",
        error=error,
        outcomes=outcomes or [],
        totals=outcome_totals(outcomes or []),
        label=file_label,
        max_upload_mb=found.max_upload_mb,
        inline_mb=found.inline_import_mb,
    )


@router.get("/runs/upload")
def get_upload(request: Request) -> Response:
    """The upload form."""
    return upload_page(request)


@router.post("/runs/upload", max_body_size=UPLOAD_CEILING)
async def post_upload(request: Request) -> Response:
    """Files written to disk as they arrive, kept, then imported now or on the queue."""
    who = await anyio.to_thread.run_sync(signed_in, request)
    folder = upload_staging(settings(request).data_dir)
    cap = settings(request).max_upload_mb * 1024**2
    try:
        upload = await stage_form(request, folder, cap)
    except UploadRefused as refused:
        return await anyio.to_thread.run_sync(
            partial(upload_page, request, refused.status, str(refused))
        )
    return await anyio.to_thread.run_sync(partial(_taken, request, who, upload))


def _taken(request: Request, who: Current, upload: StagedUpload) -> Response:
    try:
        check_form_token(request, upload.fields.get(FORM_FIELD))
    except Exception:
        upload.discard()
        raise
    if not upload.files:
        return upload_page(request, 422, "choose at least one file to upload")
    taken = take_upload(
        request,
        who.account.user_id,
        upload,
        lambda: runner_action(request, who, write=True),
    )
    if taken.job_id is not None:
        return RedirectResponse(f"/runs/jobs/{taken.job_id}", status_code=303)
    return upload_page(request, outcomes=taken.outcomes)


def _progress(request: Request, job_id: str) -> JobProgress:
    who = signed_in(request)
    with runner_action(request, who, write=False) as action:
        return import_job_progress(action, job_id)


LATEST = 10
"""Files listed while a job runs (the page asks again every second; an export holds thousands)."""


def _job_context(job: JobProgress) -> dict[str, Any]:
    outcomes = list(job.outcomes)
    return {
        "job": job,
        "outcomes": outcomes,
        "latest": outcomes[-LATEST:],
        "problems": [o for o in outcomes if o.outcome in ("error", "skipped")],
        "totals": outcome_totals(outcomes),
        "label": file_label,
        "status_words": STATUS_WORDS,
    }


@router.get("/runs/jobs/{job_id}")
def get_job(request: Request, job_id: str) -> Response:
    """A queued import: its progress (refreshed while it runs), outcomes and a cancel button."""
    job = _progress(request, job_id)
    return page(request, "import_job.html", title="Importing", **_job_context(job))


@router.get("/runs/jobs/{job_id}/progress")
def get_job_progress(request: Request, job_id: str) -> Response:
    """The progress part of a job's page, which the page fetches again while the job runs."""
    job = _progress(request, job_id)
    return page(request, "import_job_progress.html", **_job_context(job))


@router.post("/runs/jobs/{job_id}/cancel")
def post_cancel(
    request: Request, job_id: str, form_token: Annotated[str | None, Form()] = None
) -> Response:
    """Stop a queued import after the file at hand."""
    check_form_token(request, form_token)
    who = signed_in(request)
    with runner_action(request, who, write=True) as action:
        cancel_import_job(action, job_id)
    return RedirectResponse(f"/runs/jobs/{job_id}", status_code=303)


@router.get("/runs/{run_id}/original")
def get_original(request: Request, run_id: str) -> Response:
    """The file a run was imported from, as it was uploaded (or the entry of its export)."""
    who = signed_in(request)
    found = settings(request)
    with runner_action(request, who, write=False) as action:
        origin = run_origin(action, run_id)
    original = original_file(found.data_dir, who.account.user_id, origin, found.limits)
    if original.path is not None:
        return FileResponse(
            original.path, filename=original.name, media_type="application/octet-stream"
        )
    disposition = f"attachment; filename*=UTF-8''{quote(original.name)}"
    return Response(
        original.data or b"",
        media_type="application/octet-stream",
        headers={"content-disposition": disposition},
    )
