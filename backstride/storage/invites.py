"""Invitations to register: stored by the hash of their secret, used once, ended by a date."""

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from backstride.storage.tables import InviteRow


def add_invite(
    session: Session, token_hash: str, created_by: str, now: datetime, expires_at: datetime
) -> None:
    """Store a new invitation."""
    session.add(
        InviteRow(
            token_hash=token_hash, created_by=created_by, created_at=now, expires_at=expires_at
        )
    )
    session.flush()


def take_invite(session: Session, token_hash: str, now: datetime) -> bool:
    """Use an invitation up: True when it existed and had not expired (it is gone either way).

    One DELETE whose row count decides: of two registrations with one invitation at once, the
    second waits on the row the first deleted, then deletes nothing and is refused."""
    row = session.get(InviteRow, token_hash)
    if row is None:
        return False
    valid = now < row.expires_at
    session.expunge(row)
    gone = session.execute(
        delete(InviteRow)
        .where(InviteRow.token_hash == token_hash)
        .execution_options(synchronize_session=False)
    )
    return valid and getattr(gone, "rowcount", 0) == 1


def open_invites(
    session: Session, created_by: str, now: datetime
) -> list[tuple[datetime, datetime]]:
    """When each of an admin's unused, unexpired invitations was made and when it ends."""
    rows = session.scalars(
        select(InviteRow)
        .where(InviteRow.created_by == created_by, InviteRow.expires_at > now)
        .order_by(InviteRow.created_at)
    )
    return [(row.created_at, row.expires_at) for row in rows]


def forget_invites(session: Session, created_by: str) -> None:
    """End every invitation an admin made."""
    session.execute(delete(InviteRow).where(InviteRow.created_by == created_by))
