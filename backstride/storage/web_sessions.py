"""Signed-in browsers: stored by the hash of their id, ended on logout and password change."""

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from backstride.domain.accounts import SignedIn
from backstride.storage.tables import WebSessionRow

KEY_CHARS = 12
"""The public reference of a session: the first characters of its hash (not its secret)."""


def add_web_session(
    session: Session, id_hash: str, user_id: str, now: datetime, expires_at: datetime, device: str
) -> None:
    """Store a new signed-in session."""
    session.add(
        WebSessionRow(
            id_hash=id_hash,
            user_id=user_id,
            created_at=now,
            last_seen_at=now,
            expires_at=expires_at,
            device=device[:200],
        )
    )
    session.flush()


def web_session(session: Session, id_hash: str) -> tuple[str, datetime, datetime] | None:
    """The user id, last-seen time and absolute end of a stored session, or None."""
    row = session.get(WebSessionRow, id_hash)
    return None if row is None else (row.user_id, row.last_seen_at, row.expires_at)


def touch_web_session(session: Session, id_hash: str, now: datetime) -> None:
    """Mark a session as seen now (its idle time starts again)."""
    row = session.get(WebSessionRow, id_hash)
    if row is not None:
        row.last_seen_at = now
        session.flush()


def end_web_session(session: Session, id_hash: str) -> None:
    """Forget one session."""
    session.execute(delete(WebSessionRow).where(WebSessionRow.id_hash == id_hash))


def end_web_session_by_key(session: Session, user_id: str, key: str) -> bool:
    """Forget one of a user's sessions by its public key; False when they have none such."""
    rows = session.scalars(select(WebSessionRow).where(WebSessionRow.user_id == user_id))
    for row in rows:
        if row.id_hash[:KEY_CHARS] == key:
            session.delete(row)
            session.flush()
            return True
    return False


def end_web_sessions(session: Session, user_id: str, keep: str | None = None) -> int:
    """Forget every session of a user (but `keep`, a hash); how many were ended."""
    statement = delete(WebSessionRow).where(WebSessionRow.user_id == user_id)
    if keep is not None:
        statement = statement.where(WebSessionRow.id_hash != keep)
    return session.execute(statement).rowcount or 0  # type: ignore[attr-defined]


def list_web_sessions(session: Session, user_id: str) -> list[tuple[SignedIn, str]]:
    """A user's sessions, latest seen first, each with its hash (to mark the current one)."""
    rows = session.scalars(
        select(WebSessionRow)
        .where(WebSessionRow.user_id == user_id)
        .order_by(WebSessionRow.last_seen_at.desc())
    )
    return [
        (
            SignedIn(
                row.id_hash[:KEY_CHARS],
                row.device,
                row.created_at,
                row.last_seen_at,
                row.expires_at,
            ),
            row.id_hash,
        )
        for row in rows
    ]
