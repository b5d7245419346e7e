"""Where a user action runs: the configured database, one transaction, the acting user."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from backstride.config import Settings
from backstride.storage.database import Database
from backstride.storage.users import LOCAL_HANDLE, ensure_user


@dataclass(frozen=True, slots=True)
class Action:
    """What a service function needs: the open transaction, the user, and the time now."""

    session: Session
    user_id: str
    now: datetime


_OPEN: dict[str, Database] = {}


def current_database() -> Database:
    """The database the settings point at; opened (and migrated) once per process."""
    url = Settings().effective_database_url
    if url not in _OPEN:
        _OPEN[url] = Database(url)
    return _OPEN[url]


def close_databases() -> None:
    """Close every database this process opened (tests call it between cases)."""
    while _OPEN:
        _OPEN.popitem()[1].close()


@contextmanager
def local_action(now: datetime | None = None) -> Iterator[Action]:
    """Run one action as the local default user, in one transaction."""
    moment = now if now is not None else datetime.now(UTC)
    with current_database().transaction() as session:
        yield Action(session, ensure_user(session, LOCAL_HANDLE, moment), moment)
