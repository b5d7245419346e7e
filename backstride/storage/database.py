"""A database handle: the engine, the schema brought up to date, one transaction per action."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from backstride.storage.engine import make_engine
from backstride.storage.migrate import ensure_schema
from backstride.storage.stored_values import check_before_flush


class Database:
    """Opens the database at a URL and hands out transactional sessions."""

    def __init__(self, url: str) -> None:
        self.engine: Engine = make_engine(url)
        ensure_schema(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        check_before_flush(self._sessions)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session inside one transaction: committed at the end, rolled back on any error."""
        with self._sessions.begin() as session:
            yield session

    def forget_deleted(self) -> None:
        """Make SQLite drop deleted pages from the WAL and the file (no-op elsewhere)."""
        if self.engine.dialect.name != "sqlite":
            return
        # Outside any transaction: VACUUM and a truncating checkpoint refuse to run inside one.
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            for statement in (
                "PRAGMA wal_checkpoint(TRUNCATE)",
                "VACUUM",
                "PRAGMA wal_checkpoint(TRUNCATE)",
            ):
                cursor.execute(statement)
            cursor.close()
        finally:
            raw.close()

    def integrity_ok(self) -> bool:
        """SQLite's own integrity check (always True elsewhere)."""
        if self.engine.dialect.name != "sqlite":
            return True
        with self.engine.connect() as connection:
            return connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()
