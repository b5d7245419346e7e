"""Pain entries in and out of the database."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Row, delete, select
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
    query = select(*_COLUMNS).where(PainEntryRow.user_id == user_id)
    if since is not None:
        query = query.where(PainEntryRow.recorded_at >= since)
    rows = session.execute(query.order_by(PainEntryRow.recorded_at, PainEntryRow.id))
    return [_entry(row) for row in rows]


@read_once
def list_pain_entries_by_id(session: Session, user_id: str) -> list[tuple[str, PainEntry]]:
    """The user's entries with their ids, oldest first (what an edit or delete names)."""
    query = select(PainEntryRow.id, *_COLUMNS).where(PainEntryRow.user_id == user_id)
    rows = session.execute(query.order_by(PainEntryRow.recorded_at, PainEntryRow.id))
    return [(row.id, _entry(row)) for row in rows]


def pain_entry_by_id(session: Session, user_id: str, entry_id: str) -> PainEntry | None:
    """The user's entry with this id, or None (also when the id is another user's)."""
    row = session.scalars(
        select(PainEntryRow).where(PainEntryRow.user_id == user_id, PainEntryRow.id == entry_id)
    ).one_or_none()
    return _entry(row) if row is not None else None


def replace_pain_entry(session: Session, user_id: str, entry_id: str, entry: PainEntry) -> bool:
    """Overwrite the user's entry with this id; False when the user has none by that id."""
    row = session.scalars(
        select(PainEntryRow).where(PainEntryRow.user_id == user_id, PainEntryRow.id == entry_id)
    ).one_or_none()
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
    """Remove the user's entry with this id; False when the user has none by that id."""
    result = session.execute(
        delete(PainEntryRow).where(PainEntryRow.user_id == user_id, PainEntryRow.id == entry_id)
    )
    return bool(getattr(result, "rowcount", 0))


# Plain rows, not ORM objects, for the lists: a journal is read on every page of the day.
_COLUMNS = (
    PainEntryRow.recorded_at,
    PainEntryRow.score,
    PainEntryRow.when,
    PainEntryRow.reaches,
    PainEntryRow.side,
    PainEntryRow.note,
)


def _entry(row: PainEntryRow | Row[*tuple[Any, ...]]) -> PainEntry:
    return PainEntry(
        recorded_at=row.recorded_at,
        score=row.score,
        when=row.when,  # type: ignore[arg-type]
        reaches=row.reaches,  # type: ignore[arg-type]
        side=row.side,  # type: ignore[arg-type]
        note=row.note,
    )
