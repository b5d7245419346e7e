"""Runs as training load reads them: a few columns of each, and a count of the older ones."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backstride.domain.load_report import RunLoad
from backstride.storage.read_once import read_once
from backstride.storage.tables import ActivityRow


@read_once
def run_loads(session: Session, user_id: str, since: datetime | None = None) -> list[RunLoad]:
    """The user's runs, oldest first (those starting at or after `since`, if given): only the
    columns load needs, never the summary document (decoding it cost more than the rest of
    the load page on a long history) nor the samples."""
    query = select(
        ActivityRow.start_utc,
        ActivityRow.local_offset_min,
        ActivityRow.elapsed_s,
        ActivityRow.moving_s,
        ActivityRow.distance_m,
    ).where(ActivityRow.user_id == user_id, ActivityRow.sport == "running")
    if since is not None:
        query = query.where(ActivityRow.start_utc >= since)
    return [RunLoad(*row) for row in session.execute(query.order_by(ActivityRow.start_utc))]


@dataclass(frozen=True, slots=True)
class EarlierRuns:
    """The user's runs before a moment, counted: how many, how many with a distance, the first."""

    runs: int
    with_distance: int
    first: RunLoad


def earlier_runs(session: Session, user_id: str, before: datetime) -> EarlierRuns | None:
    """The user's runs starting before `before`, counted in the database; None if there are none."""
    kept = (
        ActivityRow.user_id == user_id,
        ActivityRow.sport == "running",
        ActivityRow.start_utc < before,
    )
    runs, with_distance = session.execute(
        select(func.count(), func.count(ActivityRow.distance_m)).where(*kept)
    ).one()
    if not runs:
        return None
    first = session.execute(
        select(
            ActivityRow.start_utc,
            ActivityRow.local_offset_min,
            ActivityRow.elapsed_s,
            ActivityRow.moving_s,
            ActivityRow.distance_m,
        )
        .where(*kept)
        .order_by(ActivityRow.start_utc)
        .limit(1)
    ).one()
    return EarlierRuns(int(runs), int(with_distance), RunLoad(*first))
