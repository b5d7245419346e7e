"""Exercise sessions and their per-exercise logs: planned against done, partial ones too."""

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from backstride.domain.session_record import ExerciseLog, SessionRecord
from backstride.storage.read_once import read_once
from backstride.storage.tables import ExerciseLogRow, ExerciseSessionRow


def save_session(session: Session, user_id: str, record: SessionRecord) -> str:
    """Store a session with its logs (one flush); returns its id (a new one if it had none)."""
    session_id = record.id or str(uuid.uuid4())
    session.add(
        ExerciseSessionRow(
            id=session_id,
            user_id=user_id,
            started_at=record.started_at,
            ended_at=record.ended_at,
            duration_s=record.duration_s,
            rpe=record.rpe,
            completed=record.completed,
            routine=record.routine,
        )
    )
    session.flush()
    for log in record.logs:
        session.add(
            ExerciseLogRow(
                id=str(uuid.uuid4()),
                user_id=user_id,
                session_id=session_id,
                position=log.position,
                exercise_id=log.exercise_id,
                level_id=log.level_id,
                planned=log.planned,
                done=log.done,
                pain_during=log.pain_during,
            )
        )
    session.flush()
    return session_id


def load_session(session: Session, user_id: str, session_id: str) -> SessionRecord | None:
    """One of this user's sessions, open or finished; None if they have none by that id."""
    row = session.get(ExerciseSessionRow, session_id)
    if row is None or row.user_id != user_id:
        return None
    return _records(session, [row])[0]


def finish_stored_session(session: Session, user_id: str, record: SessionRecord) -> None:
    """Write the played result over an open session: its end, and what each exercise did."""
    row = session.get(ExerciseSessionRow, record.id)
    if row is None or row.user_id != user_id:
        raise LookupError(record.id)
    row.ended_at = record.ended_at
    row.duration_s = record.duration_s
    row.rpe = record.rpe
    row.completed = record.completed
    row.routine = record.routine
    by_position = {log.position: log for log in record.logs}
    for log_row in session.scalars(
        select(ExerciseLogRow).where(ExerciseLogRow.session_id == record.id)
    ):
        log = by_position[log_row.position]
        log_row.done = log.done
        log_row.pain_during = log.pain_during
    session.flush()


@read_once
def list_sessions(session: Session, user_id: str, limit: int = 60) -> list[SessionRecord]:
    """The user's most recent finished sessions with their logs, oldest first.

    A session still open (started, not finished) is not part of the history yet.
    """
    rows = list(
        session.scalars(
            select(ExerciseSessionRow)
            .where(
                ExerciseSessionRow.user_id == user_id,
                ExerciseSessionRow.ended_at.is_not(None),
            )
            .order_by(ExerciseSessionRow.started_at.desc())
            .limit(limit)
        )
    )
    return list(reversed(_records(session, rows)))


def _records(session: Session, rows: list[ExerciseSessionRow]) -> list[SessionRecord]:
    logs: dict[str, list[ExerciseLog]] = {row.id: [] for row in rows}
    if rows:
        for log in session.scalars(
            select(ExerciseLogRow)
            .where(ExerciseLogRow.session_id.in_(list(logs)))
            .order_by(ExerciseLogRow.position)
        ):
            logs[log.session_id].append(
                ExerciseLog(
                    log.position,
                    log.exercise_id,
                    log.level_id,
                    log.planned,
                    log.done,
                    log.pain_during,
                )
            )
    return [
        SessionRecord(
            started_at=row.started_at,
            ended_at=row.ended_at,
            duration_s=row.duration_s,
            completed=row.completed,
            rpe=row.rpe,
            routine=row.routine,
            logs=tuple(logs[row.id]),
            id=row.id,
        )
        for row in rows
    ]
