"""A runner's programme-change versions in and out of the database: appended, read, never edited."""

import uuid
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backstride.domain.programme_changes import KINDS, ChangeAsked, ChangeKind, ProgrammeChange
from backstride.storage.tables import ProgrammeChangeRow, User


def _kind(value: str) -> ChangeKind:
    return next(kind for kind in KINDS if kind == value)


def _change(row: ProgrammeChangeRow) -> ProgrammeChange:
    asked = ChangeAsked(
        _kind(row.kind),
        row.reason,
        row.exercise_id,
        row.max_reps,
        row.max_hold_s,
        row.sessions,
        row.note,
    )
    return ProgrammeChange(
        row.id, row.version, row.at, row.author_id, row.author_login, asked, row.undoes
    )


def lock_programme(session: Session, runner_id: str) -> None:
    """Hold the runner's row until this transaction ends, so that two changes at one moment
    queue: each reads the versions the other wrote (the next number, what is undone already).
    PostgreSQL locks the row; SQLite writers queue already (BEGIN IMMEDIATE) and skip the clause."""
    session.execute(select(User.id).where(User.id == runner_id).with_for_update())


def add_programme_change(
    session: Session,
    runner_id: str,
    author: tuple[str, str],
    asked: ChangeAsked,
    now: datetime,
    undoes: str | None = None,
) -> ProgrammeChange:
    """Append the next version for this runner (author as id and login)."""
    latest = session.scalar(
        select(func.max(ProgrammeChangeRow.version)).where(ProgrammeChangeRow.user_id == runner_id)
    )
    row = ProgrammeChangeRow(
        id=str(uuid.uuid4()),
        user_id=runner_id,
        version=(latest or 0) + 1,
        at=now,
        author_id=author[0],
        author_login=author[1][:64],
        kind=asked.kind,
        exercise_id=asked.exercise_id,
        max_reps=asked.max_reps,
        max_hold_s=asked.max_hold_s,
        sessions=asked.sessions,
        note=asked.note,
        reason=asked.reason,
        undoes=undoes,
    )
    session.add(row)
    session.flush()
    return _change(row)


def programme_changes(session: Session, runner_id: str) -> list[ProgrammeChange]:
    """Every version for this runner, oldest first."""
    rows = session.scalars(
        select(ProgrammeChangeRow)
        .where(ProgrammeChangeRow.user_id == runner_id)
        .order_by(ProgrammeChangeRow.version)
    )
    return [_change(row) for row in rows]
