"""The CLI's own database handle, and the Action it builds for the one local runner."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, tzinfo

from backstride.config import load_settings
from backstride.services.context import Action, local_runner_action
from backstride.storage.database import Database

_OPEN: dict[str, Database] = {}


def local_database() -> Database:
    """The database the settings point at, opened (and migrated) once for this CLI process."""
    settings = load_settings()
    url = settings.effective_database_url
    if url not in _OPEN:
        _OPEN[url] = Database(url, settings.limits)
    return _OPEN[url]


def close_local_database() -> None:
    """Close what this process opened (tests call it between cases)."""
    while _OPEN:
        _OPEN.popitem()[1].close()


def now_utc() -> datetime:
    """The moment now, in UTC (the CLI reads the clock; services are given it)."""
    return datetime.now(UTC)


def machine_zone() -> tzinfo:
    """The zone this machine's clock is set to: the CLI's default for the runner's zone."""
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


@contextmanager
def local_action(now: datetime | None = None, *, write: bool = True) -> Iterator[Action]:
    """Run one action as the local runner, acting on their own data, in one transaction.

    `write=False` is for commands that only look: on SQLite it takes no write lock, so a long
    import never makes `runs` or `pain history` wait (only a fresh database's very first use
    writes, to create the local runner).
    """
    moment = now if now is not None else datetime.now(UTC)
    with local_database().transaction(write=write) as session:
        yield local_runner_action(session, moment, machine_zone())
