"""Import jobs: the upload's files, the progress, one row per file read, who holds the job."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backstride.storage.tables import ImportJobItemRow, ImportJobRow


@dataclass(frozen=True, slots=True)
class JobItem:
    """One file's outcome in a job, as stored."""

    path: str
    outcome: str
    reason: str
    activities: int
    size_bytes: int


def add_job(
    session: Session, job_id: str, user_id: str, files: list[dict[str, Any]], now: datetime
) -> None:
    """Store a new job, queued."""
    session.add(
        ImportJobRow(
            id=job_id,
            user_id=user_id,
            status="queued",
            files=files,
            items_total=0,
            items_done=0,
            bytes_total=sum(int(file["size_bytes"]) for file in files),
            bytes_done=0,
            cancelled=False,
            created_at=now,
        )
    )
    session.flush()


def job_row(session: Session, user_id: str, job_id: str) -> ImportJobRow | None:
    """The user's job by id, or None when there is none of theirs by that id."""
    row = session.get(ImportJobRow, job_id)
    return row if row is not None and row.user_id == user_id else None


def job_owner(session: Session, job_id: str) -> str | None:
    """The user a job belongs to (the worker acts for them), or None."""
    return session.scalar(select(ImportJobRow.user_id).where(ImportJobRow.id == job_id))


def locked_job(session: Session, job_id: str) -> ImportJobRow | None:
    """The job, locked for this transaction where the database can (PostgreSQL)."""
    return session.scalar(select(ImportJobRow).where(ImportJobRow.id == job_id).with_for_update())


def job_items(session: Session, job_id: str) -> list[JobItem]:
    """Every file's outcome of a job, in the order they were read."""
    rows = session.scalars(
        select(ImportJobItemRow)
        .where(ImportJobItemRow.job_id == job_id)
        .order_by(ImportJobItemRow.position)
    )
    return [JobItem(r.path, r.outcome, r.reason, r.activities, r.size_bytes) for r in rows]


def add_job_item(session: Session, job: ImportJobRow, item: JobItem, now: datetime) -> None:
    """Store a file's outcome as the job's next and move its progress on."""
    session.add(
        ImportJobItemRow(
            job_id=job.id,
            position=job.items_done,
            user_id=job.user_id,
            path=item.path,
            outcome=item.outcome,
            reason=item.reason,
            activities=item.activities,
            size_bytes=item.size_bytes,
        )
    )
    job.items_done += 1
    job.bytes_done += item.size_bytes
    job.heartbeat_at = now
    job.tries = 0
    session.flush()


def stale_jobs(session: Session, now: datetime, lease: timedelta) -> list[str]:
    """Jobs waiting or held by a worker that has been quiet for longer than the lease."""
    quiet = now - lease
    rows = session.scalars(
        select(ImportJobRow.id).where(
            ImportJobRow.status.in_(("queued", "running")),
            (ImportJobRow.heartbeat_at.is_(None) & (ImportJobRow.created_at < quiet))
            | (ImportJobRow.heartbeat_at < quiet),
        )
    )
    return list(rows)
