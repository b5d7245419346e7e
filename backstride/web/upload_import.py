"""What the web does with a staged upload, for the page and the API alike: keep its files,
then import a small one in the request or queue a job for a large one."""

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import partial

from fastapi import Request

from backstride.jobs.clash import once_more_on_clash
from backstride.jobs.kept_files import KeptFile, keep_upload, read_kept
from backstride.jobs.queue import queue_import
from backstride.services.context import Action
from backstride.services.import_jobs import start_import_job
from backstride.services.imports import FileOutcome, ReadFile, failed_outcome
from backstride.services.uploads import Upload, store_upload_item
from backstride.web.auth import settings
from backstride.web.upload_stream import StagedUpload

Acting = Callable[[], AbstractContextManager[Action]]
"""Opens one writing transaction acting as the uploading runner."""


@dataclass(frozen=True, slots=True)
class Taken:
    """An upload taken: each file's outcome when imported at once, else the queued job's id."""

    outcomes: list[FileOutcome]
    job_id: str | None


def take_upload(request: Request, runner_id: str, upload: StagedUpload, act: Acting) -> Taken:
    """Keep the files by digest, then import them now (small) or queue a job (large)."""
    found = settings(request)
    kept = [
        keep_upload(found.data_dir, runner_id, f.path, Upload(f.name, f.sha256, f.size_bytes))
        for f in upload.files
    ]
    if upload.size_bytes <= found.inline_import_mb * 1024**2:
        return Taken(_imported(kept, request, act), None)
    with act() as action:
        job_id = start_import_job(action, [file.upload for file in kept])
    queue_import(found, job_id)
    return Taken([], job_id)


def _imported(kept: list[KeptFile], request: Request, act: Acting) -> list[FileOutcome]:
    """Each file read, then stored in its own brief transaction, as the CLI's import does."""
    limits = settings(request).limits
    outcomes: list[FileOutcome] = []
    for file in kept:
        try:
            for read in read_kept(file, limits):
                try:
                    outcomes.append(once_more_on_clash(partial(_store, act, read, file)))
                except Exception as error:  # one file's storing failed: the others go on
                    outcomes.append(failed_outcome(read, error))
        except Exception as error:  # reading the kept file broke off (a disk error)
            reason = f"cannot read: {error}"
            outcomes.append(
                FileOutcome(file.upload.name, "error", reason, 0, file.upload.size_bytes)
            )
    return outcomes


def _store(act: Acting, read: ReadFile, file: KeptFile) -> FileOutcome:
    with act() as action:
        return store_upload_item(action, read, file.upload)
