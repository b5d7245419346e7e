"""Shared fixtures: every test gets its own data folder and its own empty database.

With BACKSTRIDE_TEST_POSTGRES_URL set (CI sets it), the database is a fresh PostgreSQL schema
per test instead of a SQLite file, so the same suite checks both.
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO.parent / "shared" / "seeds"
POSTGRES_URL = os.environ.get("BACKSTRIDE_TEST_POSTGRES_URL")


def on_postgres() -> bool:
    """True when this run of the suite targets PostgreSQL."""
    return bool(POSTGRES_URL)


def _postgres_admin_url() -> str:
    assert POSTGRES_URL
    url = make_url(POSTGRES_URL)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh data folder, and a fresh database (SQLite file, or a PostgreSQL schema)."""
    data_dir = tmp_path / "backstride-data"
    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(data_dir))
    monkeypatch.delenv("BACKSTRIDE_DATABASE_URL", raising=False)
    schema = None
    if POSTGRES_URL:
        schema = f"t_{uuid.uuid4().hex[:16]}"
        admin = create_engine(_postgres_admin_url())
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        admin.dispose()
        url = make_url(_postgres_admin_url()).update_query_dict(
            {"options": f"-csearch_path={schema}"}
        )
        monkeypatch.setenv("BACKSTRIDE_DATABASE_URL", url.render_as_string(hide_password=False))
    yield data_dir
    from backstride.cli.local_action import close_local_database

    close_local_database()
    if schema:
        admin = create_engine(_postgres_admin_url())
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
