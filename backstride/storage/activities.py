"""Imported activities: one row each, samples packed, the raw file's hash for duplicates."""

import hashlib
import math
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from backstride.domain.activity import Activity
from backstride.domain.activity_metrics import ActivityMetrics
from backstride.storage.read_once import read_once
from backstride.storage.sample_codec import pack_samples
from backstride.storage.tables import ActivityRow

SAME_START = timedelta(seconds=60)  # the same run exported twice starts within a minute
SAME_DURATION = 0.05  # and lasts within 5 %


@dataclass(frozen=True, slots=True)
class StoredActivity:
    """An activity as listed: its summary numbers, without the samples."""

    id: str
    source: str
    start: datetime
    local_offset_min: int | None
    sport: str
    sub_sport: str | None
    elapsed_s: float
    moving_s: float | None
    distance_m: float | None
    summary: dict[str, Any]
    """The stored metrics document; read it through the typed properties below."""

    def _number(self, key: str) -> float | None:
        value = self.summary.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return float(value) if math.isfinite(value) else None

    @property
    def avg_pace_s_per_km(self) -> float | None:
        """Moving (else elapsed) time over distance, when both are known."""
        return self._number("avg_pace_s_per_km")

    @property
    def avg_cadence_spm(self) -> float | None:
        """Mean cadence in steps per minute, when the device recorded it."""
        return self._number("avg_cadence_spm")

    @property
    def avg_hr_bpm(self) -> float | None:
        """Mean heart rate, when the device recorded it."""
        return self._number("avg_hr_bpm")

    @property
    def elevation_gain_m(self) -> float | None:
        """Metres climbed, when the file has altitudes."""
        return self._number("elevation_gain_m")

    @property
    def name(self) -> str | None:
        """The activity's own name (a Strava title), if it has one."""
        value = self.summary.get("name")
        return value if isinstance(value, str) else None


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
    rows = session.execute(
        select(ActivityRow.source, ActivityRow.elapsed_s).where(
            ActivityRow.user_id == user_id,
            ActivityRow.start_utc >= activity.start - SAME_START,
            ActivityRow.start_utc <= activity.start + SAME_START,
        )
    )
    for source, elapsed_s in rows:
        if abs(elapsed_s - activity.elapsed_s) <= SAME_DURATION * max(elapsed_s, 1.0):
            return str(source)
    return None


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


@read_once
def list_activities(session: Session, user_id: str, runs_only: bool) -> list[StoredActivity]:
    """The user's activities, oldest first; their packed samples are never read here."""
    query = (
        select(ActivityRow)
        .options(defer(ActivityRow.samples, raiseload=True))
        .where(ActivityRow.user_id == user_id)
    )
    if runs_only:
        query = query.where(ActivityRow.sport == "running")
    return [
        StoredActivity(
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
        for row in session.scalars(query.order_by(ActivityRow.start_utc))
    ]
