"""Imported activities: one row each, samples packed, the raw file's hash for duplicates."""

import hashlib
import uuid
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from backstride.domain.activity import Activity
from backstride.domain.activity_metrics import ActivityMetrics
from backstride.domain.activity_record import StoredActivity
from backstride.storage.read_once import read_once
from backstride.storage.sample_codec import pack_samples
from backstride.storage.tables import ActivityRow

SAME_START = timedelta(seconds=60)  # the same run exported twice starts within a minute
SAME_DURATION = 0.05  # and lasts within 5 %


def has_file(session: Session, user_id: str, sha256: str) -> bool:
    """Whether a file with these bytes was imported before."""
    found = session.scalar(
        select(ActivityRow.id).where(
            ActivityRow.user_id == user_id, ActivityRow.raw_sha256 == sha256
        )
    )
    return found is not None


def same_activity(session: Session, user_id: str, activity: Activity) -> str | None:
    """The source of a stored activity with the same start and duration, if any."""
    earliest, latest = _around(activity.start)
    rows = session.execute(
        select(ActivityRow.source, ActivityRow.elapsed_s).where(
            ActivityRow.user_id == user_id,
            ActivityRow.start_utc >= earliest,
            ActivityRow.start_utc <= latest,
        )
    )
    for source, elapsed_s in rows:
        if abs(elapsed_s - activity.elapsed_s) <= SAME_DURATION * max(elapsed_s, 1.0):
            return str(source)
    return None


def _around(start: datetime) -> tuple[datetime, datetime]:
    """SAME_START either side of a start, cut at the first and last moments a datetime holds."""
    try:
        earliest = start - SAME_START
    except OverflowError:
        earliest = datetime.min.replace(tzinfo=UTC)
    try:
        latest = start + SAME_START
    except OverflowError:
        latest = datetime.max.replace(tzinfo=UTC)
    return earliest, latest


def activity_key(file_sha256: str, index: int) -> str:
    """The stored hash of the index-th activity of a file: the file's own hash for the first."""
    if index == 0:
        return file_sha256
    return hashlib.sha256(f"{file_sha256}:{index}".encode()).hexdigest()


def save_activity(
    session: Session,
    user_id: str,
    activity: Activity,
    numbers: ActivityMetrics,
    sha256: str,
) -> str:
    """Store one activity with its metrics as the summary; returns its id."""
    summary = asdict(numbers)
    summary["splits"] = [asdict(split) for split in numbers.splits]
    summary["cadence_histogram"] = {str(k): v for k, v in numbers.cadence_histogram.items()}
    summary["name"] = activity.name
    row = ActivityRow(
        id=str(uuid.uuid4()),
        user_id=user_id,
        source=activity.source[-255:],
        raw_sha256=sha256,
        start_utc=activity.start,
        local_offset_min=activity.local_offset_min,
        sport=activity.sport,
        sub_sport=activity.sub_sport,
        elapsed_s=activity.elapsed_s,
        moving_s=numbers.moving_s,
        distance_m=numbers.distance_m,
        summary=summary,
        samples=pack_samples(activity.samples),
    )
    session.add(row)
    session.flush()
    return row.id


SUMMARY_COLUMNS = (
    ActivityRow.id,
    ActivityRow.source,
    ActivityRow.start_utc,
    ActivityRow.local_offset_min,
    ActivityRow.sport,
    ActivityRow.sub_sport,
    ActivityRow.elapsed_s,
    ActivityRow.moving_s,
    ActivityRow.distance_m,
    ActivityRow.summary,
)
"""Everything of an activity but its samples (columns, not ORM objects: cheaper to read)."""


def stored_activity(row: Row[Any]) -> StoredActivity:
    """An activity as listed, from a row of SUMMARY_COLUMNS."""
    return StoredActivity(
        id=row.id,
        source=row.source,
        start=row.start_utc,
        local_offset_min=row.local_offset_min,
        sport=row.sport,
        sub_sport=row.sub_sport,
        elapsed_s=row.elapsed_s,
        moving_s=row.moving_s,
        distance_m=row.distance_m,
        summary=row.summary,
    )


@read_once
def list_activities(
    session: Session, user_id: str, runs_only: bool, since: datetime | None = None
) -> list[StoredActivity]:
    """The user's activities, oldest first (those starting at or after `since`, if given);
    their packed samples are never read here."""
    # Columns, not ORM objects: a long history has thousands of rows, and building an ORM
    # instance for each cost more than the query (bench/web_bench.py, 5,000 runs).
    query = select(*SUMMARY_COLUMNS).where(ActivityRow.user_id == user_id)
    if runs_only:
        query = query.where(ActivityRow.sport == "running")
    if since is not None:
        query = query.where(ActivityRow.start_utc >= since)
    return [stored_activity(row) for row in session.execute(query.order_by(ActivityRow.start_utc))]
