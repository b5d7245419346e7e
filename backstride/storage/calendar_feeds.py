"""Calendar feeds: stored by the hash of their secret, one a runner, gone when revoked."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from backstride.storage.tables import CalendarFeedRow


@dataclass(frozen=True, slots=True)
class StoredFeed:
    """Whose plan a feed carries, since when, and which plan (weeks, sessions a week)."""

    user_id: str
    created_at: datetime
    weeks: int
    sessions: int


def replace_feed(
    session: Session, user_id: str, token_hash: str, now: datetime, weeks: int, sessions: int
) -> None:
    """Store the runner's new feed; any feed they had before stops working."""
    session.execute(delete(CalendarFeedRow).where(CalendarFeedRow.user_id == user_id))
    session.add(
        CalendarFeedRow(
            token_hash=token_hash, user_id=user_id, created_at=now, weeks=weeks, sessions=sessions
        )
    )
    session.flush()


def feed_of_user(session: Session, user_id: str) -> StoredFeed | None:
    """The runner's feed, if they have one."""
    row = session.scalar(select(CalendarFeedRow).where(CalendarFeedRow.user_id == user_id))
    return None if row is None else _feed(row)


def feed_by_hash(session: Session, token_hash: str) -> StoredFeed | None:
    """The feed whose secret has this hash, or None (revoked, or never made)."""
    row = session.get(CalendarFeedRow, token_hash)
    return None if row is None else _feed(row)


def forget_feed(session: Session, user_id: str) -> bool:
    """Revoke the runner's feed; False when they had none."""
    result = session.execute(delete(CalendarFeedRow).where(CalendarFeedRow.user_id == user_id))
    return bool(getattr(result, "rowcount", 0))


def _feed(row: CalendarFeedRow) -> StoredFeed:
    return StoredFeed(row.user_id, row.created_at, row.weeks, row.sessions)
