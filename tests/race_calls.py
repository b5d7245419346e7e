"""Two transactions at the same moment on PostgreSQL: the second must wait for the first."""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy.orm import Session

from backstride.config import load_settings
from backstride.errors import BackstrideError
from backstride.storage.database import Database

Call = Callable[[Session], object]
NO_RACE = "SQLite writers take the write lock at BEGIN: no race to test"


@contextmanager
def race_database() -> Iterator[Database]:
    """This run's PostgreSQL database, closed at the end; the test is skipped on SQLite."""
    from conftest import on_postgres

    if not on_postgres():
        pytest.skip(NO_RACE)
    database = Database(load_settings().effective_database_url)
    try:
        yield database
    finally:
        database.close()


def race(database: Database, first: Call, second: Call) -> list[object]:
    """Run `first` in an open transaction, start `second` in a thread and check that it waits
    (on a lock or a row the first holds), then let the first commit; each call's result or
    BackstrideError, in the order they ended."""
    results: list[object] = []

    def attempt() -> None:
        try:
            with database.transaction() as session:
                results.append(second(session))
        except BackstrideError as error:
            results.append(error)

    with database.transaction() as session:
        results.append(first(session))
        racer = threading.Thread(target=attempt)
        racer.start()
        racer.join(timeout=1)
        assert racer.is_alive()  # it waits for the first's transaction
    racer.join(timeout=30)
    assert not racer.is_alive()
    return results
