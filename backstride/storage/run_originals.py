"""Which kept upload (and which entry of it) each stored activity came from."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from backstride.storage.tables import ActivityRow, RunOriginalRow


def add_origin(
    session: Session,
    user_id: str,
    activity_sha256: str,
    original: tuple[str, str, str | None],
) -> None:
    """Note where an activity's file is kept: (upload digest, upload name, entry or None)."""
    if session.get(RunOriginalRow, (user_id, activity_sha256)) is not None:
        return
    sha256, name, entry = original
    session.add(
        RunOriginalRow(
            user_id=user_id,
            activity_sha256=activity_sha256,
            original_sha256=sha256,
            original_name=name[:255],
            entry=entry,
        )
    )
    session.flush()


def origin_of(
    session: Session, user_id: str, activity_sha256: str
) -> tuple[str, str, str | None] | None:
    """Where the activity's file is kept, or None (imported from the command line)."""
    row = session.get(RunOriginalRow, (user_id, activity_sha256))
    if row is None:
        return None
    return row.original_sha256, row.original_name, row.entry


def activity_digest(session: Session, user_id: str, activity_id: str) -> str | None:
    """The stored hash of one of the user's activities, or None when it is not theirs."""
    return session.scalar(
        select(ActivityRow.raw_sha256).where(
            ActivityRow.user_id == user_id, ActivityRow.id == activity_id
        )
    )
