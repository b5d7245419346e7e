"""Read-only actions: a transaction that takes no write lock, for commands that only look."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from backstride.services.context import Action, current_database, runner_zone
from backstride.storage.users import LOCAL_HANDLE, ensure_user


@contextmanager
def reading_action(now: datetime | None = None) -> Iterator[Action]:
    """Run one read-only action as the local default user; it never waits for a writer.

    On SQLite it begins deferred, so a long import does not make `runs` or `pain history`
    fail with "database is locked". Only on the very first use, when the local user does not
    exist yet, does it write (that one row).
    """
    moment = now if now is not None else datetime.now(UTC)
    with current_database().transaction(write=False) as session:
        user_id = ensure_user(session, LOCAL_HANDLE, moment)
        yield Action(session, user_id, moment, runner_zone(session, user_id))
