"""Pain entries in and out of the database."""

import uuid
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from backstride.domain.pain import PainEntry
from backstride.storage.read_once import read_once
from backstride.storage.tables import PainEntryRow


def add_pain_entry(session: Session, user_id: str, entry: PainEntry) -> str:
    """Store one entry and return its id."""
    row = PainEntryRow(
        id=str(uuid.uuid4()),
        user_id=user_id,
        recorded_at=entry.recorded_at,
        score=entry.score,
        when=entry.when,
        reaches=entry.reaches,
        side=entry.side,
        note=entry.note,
    )
    session.add(row)
    session.flush()
    return row.id


@read_once
def list_pain_entries(
    session: Session, user_id: str, since: datetime | None = None
) -> list[PainEntry]:
    """The user's entries, oldest first, optionally only those at or after `since`."""
    query = select(PainEntryRow).where(PainEntryRow.user_id == user_id)
    if since is not None:
        query = query.where(PainEntryRow.recorded_at >= since)
    rows = session.scalars(query.order_by(PainEntryRow.recorded_at, PainEntryRow.id))
    return [
        PainEntry(
            recorded_at=row.recorded_at,
            score=row.score,
            when=row.when,  # type: ignore[arg-type]
            reaches=row.reaches,  # type: ignore[arg-type]
            side=row.side,  # type: ignore[arg-type]
            note=row.note,
        )
        for row in rows
    ]


def _entry(row: PainEntryRow) -> PainEntry:
    return PainEntry(
        recorded_at=row.recorded_at,
        score=row.score,
        when=row.when,  # type: ignore[arg-type]
        reaches=row.reaches,  # type: ignore[arg-type]
        side=row.side,  # type: ignore[arg-type]
        note=row.note,
    )


def list_pain_entries_by_id(session: Session, user_id: str) -> list[tuple[str, PainEntry]]:
    """The user's entries with their ids, oldest first."""
    rows = session.scalars(
        select(PainEntryRow)
        .where(PainEntryRow.user_id == user_id)
        .order_by(PainEntryRow.recorded_at, PainEntryRow.id)
    )
    return [(row.id, _entry(row)) for row in rows]


def pain_entry_by_id(session: Session, user_id: str, entry_id: str) -> PainEntry | None:
    """One of the user's entries by its id, or None (also for another user's id)."""
    row = session.scalar(
        select(PainEntryRow).where(PainEntryRow.user_id == user_id, PainEntryRow.id == entry_id)
    )
    return None if row is None else _entry(row)


def replace_pain_entry(session: Session, user_id: str, entry_id: str, entry: PainEntry) -> bool:
    """Store new values for one of the user's entries; False when they have none by that id."""
    row = session.scalar(
        select(PainEntryRow).where(PainEntryRow.user_id == user_id, PainEntryRow.id == entry_id)
    )
    if row is None:
        return False
    row.recorded_at = entry.recorded_at
    row.score = entry.score
    row.when = entry.when
    row.reaches = entry.reaches
    row.side = entry.side
    row.note = entry.note
    session.flush()
    return True


def delete_pain_entry(session: Session, user_id: str, entry_id: str) -> bool:
    """Forget one of the user's entries; False when they have none by that id."""
    result = session.execute(
        delete(PainEntryRow).where(PainEntryRow.user_id == user_id, PainEntryRow.id == entry_id)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]
