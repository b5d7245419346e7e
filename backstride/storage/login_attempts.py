"""Failed sign-ins, in the database so that every web worker counts the same ones."""

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from backstride.storage.tables import LoginAttemptRow


def add_failed_login(session: Session, keys: list[str], now: datetime) -> None:
    """Record one failed sign-in under each key (the login tried, the client's address)."""
    session.add_all(LoginAttemptRow(key=key[:128], at=now) for key in keys)
    session.flush()


def failed_logins_since(session: Session, key: str, since: datetime) -> tuple[int, datetime | None]:
    """How many failures a key has had since a moment, and the earliest of them."""
    count, first = session.execute(
        select(func.count(), func.min(LoginAttemptRow.at)).where(
            LoginAttemptRow.key == key[:128], LoginAttemptRow.at >= since
        )
    ).one()
    return int(count), first


def forget_failed_logins(session: Session, keys: list[str], before: datetime | None = None) -> None:
    """Forget failures under these keys (after a success), or every one older than `before`."""
    statement = delete(LoginAttemptRow).where(LoginAttemptRow.key.in_([k[:128] for k in keys]))
    session.execute(statement)
    if before is not None:
        session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.at < before))
