"""Users: the local default user the CLI acts as, created on first use."""

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backstride.storage.tables import User

LOCAL_HANDLE = "local"


def ensure_user(session: Session, handle: str, now: datetime) -> str:
    """The id of the user with this handle, created if missing."""
    user_id = session.scalar(select(User.id).where(User.handle == handle))
    if user_id is not None:
        return user_id
    user = User(id=str(uuid.uuid4()), handle=handle, created_at=now)
    session.add(user)
    session.flush()
    return user.id


def delete_user(session: Session, user_id: str) -> None:
    """Remove a user and, through the foreign keys, every row they own."""
    user = session.get(User, user_id)
    if user is not None:
        session.delete(user)
        session.flush()


def user_id_of(session: Session, handle: str) -> str | None:
    """The id of the user with this handle, or None."""
    return session.scalar(select(User.id).where(User.handle == handle))
