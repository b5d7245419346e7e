"""Import jobs: an upload too large for its request, imported on the queue by a worker.

The runner starts, watches and cancels a job; a worker claims it, stores each file in one
transaction together with that file's outcome and the job's progress, and so a worker killed
at any moment leaves a job another worker finishes without storing anything twice.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from backstride.errors import NotFound
from backstride.services.context import Action
from backstride.services.imports import FileOutcome, ReadFile, failed_outcome
from backstride.services.uploads import Upload, store_upload_item
from backstride.storage.import_jobs import (
    JobItem,
    add_job,
    add_job_item,
    job_items,
    job_owner,
    job_row,
    locked_job,
    stale_jobs,
)
from backstride.storage.tables import ImportJobRow

FINISHED = ("done", "cancelled", "failed")
TRIES = 3
"""Claims without one file stored before a job is given up as failed: a file that kills or
breaks every worker must end, not be handed on every minute for ever (app policy)."""
ItemCounter = Callable[[Upload], int]
"""How many files an upload holds, by the adapter that has the files (jobs/kept_files.py)."""


@dataclass(frozen=True, slots=True)
class JobProgress:
    """Where a job stands: files read of those planned, bytes, the rate, each file's outcome."""

    id: str
    status: str
    items_done: int
    items_total: int
    bytes_done: int
    bytes_total: int
    rate_per_s: float | None
    cancelled: bool
    outcomes: tuple[FileOutcome, ...]
    error: str | None = None
    """What stopped a failed job."""

    @property
    def finished(self) -> bool:
        """Whether the job will change no more."""
        return self.status in FINISHED


@dataclass(frozen=True, slots=True)
class Claim:
    """A job a worker now holds: its kept files and how many items were done before."""

    files: tuple[Upload, ...]
    items_done: int


def start_import_job(action: Action, files: list[Upload]) -> str:
    """Queue an import of the kept files; returns the job's id."""
    job_id = str(uuid.uuid4())
    listed = [{"name": f.name, "sha256": f.sha256, "size_bytes": f.size_bytes} for f in files]
    add_job(action.session, job_id, action.runner_id, listed, action.now)
    return job_id


def _own_job(action: Action, job_id: str) -> ImportJobRow:
    row = job_row(action.session, action.runner_id, job_id)
    if row is None:
        raise NotFound(f"no import {job_id[:40]!r} among yours")
    return row


def import_job_progress(action: Action, job_id: str) -> JobProgress:
    """Where one of the runner's jobs stands; NotFound for another's."""
    row = _own_job(action, job_id)
    rate = None
    if row.started_at is not None and row.heartbeat_at is not None and row.items_done:
        elapsed_s = (row.heartbeat_at - row.started_at).total_seconds()
        rate = row.items_done / max(elapsed_s, 1e-3)
    outcomes = tuple(
        FileOutcome(i.path, i.outcome, i.reason, i.activities, i.size_bytes)  # type: ignore[arg-type]
        for i in job_items(action.session, job_id)
    )
    return JobProgress(
        row.id,
        row.status,
        row.items_done,
        max(row.items_total, row.items_done),
        row.bytes_done,
        row.bytes_total,
        rate,
        row.cancelled,
        outcomes,
        row.error if row.status == "failed" else None,
    )


def cancel_import_job(action: Action, job_id: str) -> None:
    """Ask a job to stop after the file it is on; a queued one stops at once."""
    row = _own_job(action, job_id)
    if row.status in FINISHED:
        return
    row.cancelled = True
    if row.status == "queued":
        row.status, row.finished_at = "cancelled", action.now
    action.session.flush()


def job_runner(session: Session, job_id: str) -> str | None:
    """The runner a job imports for (a worker acts for them), or None for no such job."""
    return job_owner(session, job_id)


def claim_import_job(
    action: Action,
    job_id: str,
    worker: str,
    lease: timedelta,
    count: ItemCounter,
) -> Claim | None:
    """Hold a job for this worker; None when it is finished, cancelled, or another worker
    holding it reported within the lease."""
    row = locked_job(action.session, job_id)
    if row is None or row.user_id != action.runner_id or row.status in FINISHED:
        return None
    beat = row.heartbeat_at
    if row.status == "running" and beat is not None and action.now - beat < lease:
        return None
    if row.cancelled:
        row.status, row.finished_at = "cancelled", action.now
        return None
    if row.tries >= TRIES:
        reason = row.error or "the worker stopped without a word (killed, or out of memory)"
        _give_up(action, row, f"stopped after {row.tries} tries with no file stored: {reason}")
        return None
    row.tries += 1
    files = [Upload(str(f["name"]), str(f["sha256"]), int(f["size_bytes"])) for f in row.files]
    if row.started_at is None:
        row.started_at = action.now
        row.items_total = sum(count(upload) for upload in files)
    row.status, row.worker, row.heartbeat_at = "running", worker, action.now
    action.session.flush()
    return Claim(tuple(files), row.items_done)


def _give_up(action: Action, row: ImportJobRow, error: str) -> None:
    row.status, row.finished_at, row.worker, row.error = "failed", action.now, None, error[:2000]
    action.session.flush()


def release_import_job(action: Action, job_id: str, worker: str | None, error: Exception) -> None:
    """A try broke off with an error outside any one file: keep it for the runner and leave
    the job to be handed on (or give it up, once it has had its tries).

    `worker` None: the claim itself broke off (its transaction, and the try it counted, rolled
    back), so the try is counted here.
    """
    row = locked_job(action.session, job_id)
    if row is None or row.status in FINISHED:
        return
    if worker is None:
        row.tries += 1
    elif row.worker != worker:
        return  # another worker took it over meanwhile
    words = f"{type(error).__name__}: {error}"
    if row.tries >= TRIES:
        _give_up(action, row, f"stopped after {row.tries} tries with no file stored: {words}")
        return
    row.status, row.worker, row.heartbeat_at, row.error = "queued", None, None, words[:2000]
    action.session.flush()


def _held(action: Action, job_id: str, worker: str) -> ImportJobRow | None:
    """The job while this worker still holds it and it is not cancelled, else None."""
    row = locked_job(action.session, job_id)
    if row is None or row.worker != worker or row.status != "running":
        return None
    if row.cancelled:
        row.status, row.finished_at = "cancelled", action.now
        action.session.flush()
        return None
    return row


def store_job_item(
    action: Action, job_id: str, worker: str, read: ReadFile, upload: Upload
) -> bool:
    """Store one file of a job with its outcome and the progress, in the action's transaction.

    False (nothing stored) when the job was cancelled or another worker took it over.
    """
    row = _held(action, job_id, worker)
    if row is None:
        return False
    outcome = store_upload_item(action, read, upload)
    row.items_total += read.item.adds_items  # a zip inside the upload, opened: its true count
    _note(action, row, outcome)
    return True


def note_job_failure(
    action: Action, job_id: str, worker: str, outcome: FileOutcome | tuple[ReadFile, Exception]
) -> bool:
    """Record a file that could not be stored (or read) as the job's next outcome."""
    row = _held(action, job_id, worker)
    if row is None:
        return False
    if isinstance(outcome, tuple):
        row.items_total += outcome[0].item.adds_items
        outcome = failed_outcome(*outcome)
    _note(action, row, outcome)
    return True


def _note(action: Action, row: ImportJobRow, outcome: FileOutcome) -> None:
    o = outcome
    item = JobItem(o.path, o.outcome, o.reason, o.activities, o.size_bytes)
    add_job_item(action.session, row, item, action.now)


def finish_import_job(action: Action, job_id: str, worker: str) -> None:
    """Mark a job this worker holds as done (or cancelled, when it was asked to stop)."""
    row = _held(action, job_id, worker)
    if row is not None:
        row.status, row.finished_at = "done", action.now
        action.session.flush()


def jobs_to_hand_on(session: Session, now: datetime, lease: timedelta) -> list[str]:
    """Jobs no live worker holds: queued and never taken for a lease, or their worker quiet."""
    return stale_jobs(session, now, lease)
