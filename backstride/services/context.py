"""Where a user action runs: the configured database, one transaction, the acting user."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from sqlalchemy.orm import Session

from backstride.config import Settings
from backstride.domain.local_time import zone_named
from backstride.storage.database import Database
from backstride.storage.profiles import load_profile
from backstride.storage.users import LOCAL_HANDLE, ensure_user


@dataclass(frozen=True, slots=True)
class Action:
    """What a service function needs: the transaction, the user, the time now and their zone."""

    session: Session
    user_id: str
    now: datetime
    zone: tzinfo = UTC
    """The runner's time zone: their "today" and the day each of their sessions fell on."""

    @property
    def today(self) -> date:
        """The runner's calendar day now."""
        return self.now.astimezone(self.zone).date()

    def local(self, moment: datetime) -> datetime:
        """A stored (UTC) moment on the runner's clock."""
        return moment.astimezone(self.zone)


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
        user_id = ensure_user(session, LOCAL_HANDLE, moment)
        yield Action(session, user_id, moment, runner_zone(session, user_id))


def machine_zone() -> tzinfo:
    """The zone this machine's clock is set to: the CLI's default for the runner's zone."""
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


def runner_zone(session: Session, user_id: str) -> tzinfo:
    """The zone in the runner's profile, else the machine's."""
    name = load_profile(session, user_id).time_zone
    return zone_named(name) if name else machine_zone()
