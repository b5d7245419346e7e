"""A database handle: the engine, the schema brought up to date, one transaction per action."""

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from backstride.config import InputLimits
from backstride.storage.engine import WRITE_OPTION, make_engine
from backstride.storage.migrate import ensure_schema
from backstride.storage.stored_values import LIMITS_KEY, check_before_flush

FORGET_TRIES = 5
"""Truncating checkpoints tried before telling the user another program holds the file."""
FORGET_WAIT_S = 0.2
FORGET_BUSY_MS = 100


class Database:
    """Opens the database at a URL and hands out transactional sessions.

    `limits` is the input policy every write is checked against (storage/stored_values.py);
    the adapter that owns the Database gives it from its settings.
    """

    def __init__(self, url: str, limits: InputLimits | None = None) -> None:
        self.limits = limits if limits is not None else InputLimits()
        self.engine: Engine = make_engine(url)
        ensure_schema(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        check_before_flush(self._sessions)

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Session]:
        """A session inside one transaction: committed at the end, rolled back on any error.

        On SQLite a writing transaction takes the write lock when it begins, so two writers
        queue; a reading one (write=False) takes no lock and never waits for a writer.
        """
        with self._sessions.begin() as session:
            session.info[LIMITS_KEY] = self.limits
            session.connection(execution_options={WRITE_OPTION: write})
            yield session

    def forget_deleted(self) -> bool:
        """Make SQLite drop deleted pages from the WAL and the file; False while a reader stops it.

        Another connection holding a read transaction keeps the old pages in the WAL: the
        truncating checkpoint then reports busy. It is tried FORGET_TRIES times, FORGET_WAIT_S
        apart, each waiting briefly for readers rather than the engine's long busy timeout.
        Always True on other databases (nothing to do there).
        """
        if self.engine.dialect.name != "sqlite":
            return True
        # Outside any transaction: VACUUM and a truncating checkpoint refuse to run inside one.
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            (usual_timeout,) = cursor.execute("PRAGMA busy_timeout").fetchone()
            cursor.execute(f"PRAGMA busy_timeout={FORGET_BUSY_MS}")
            try:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                cursor.execute("VACUUM")
                for attempt in range(FORGET_TRIES):
                    (busy, _, _) = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                    if not busy:
                        return True
                    if attempt + 1 < FORGET_TRIES:
                        time.sleep(FORGET_WAIT_S)
                return False
            except sqlite3.OperationalError:  # VACUUM locked out by another writer
                return False
            finally:
                cursor.execute(f"PRAGMA busy_timeout={int(usual_timeout)}")
                cursor.close()
        finally:
            raw.close()

    def integrity_ok(self) -> bool:
        """SQLite's own integrity check (always True elsewhere)."""
        if self.engine.dialect.name != "sqlite":
            return True
        with self.engine.connect().execution_options(**{WRITE_OPTION: False}) as connection:
            return connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()
