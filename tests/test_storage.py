"""The database layer: migrations up and down, durable SQLite settings, UTC times, cascades."""

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from conftest import on_postgres
from sqlalchemy import func, inspect, select, text

from backstride.cli.local_action import local_action, local_database
from backstride.config import load_settings
from backstride.domain.pain import PainEntry
from backstride.storage.migrate import HEAD_REVISION, current_revision, downgrade, upgrade
from backstride.storage.pain_entries import add_pain_entry, list_pain_entries
from backstride.storage.tables import Base, PainEntryRow
from backstride.storage.users import delete_user, ensure_user

NOW = datetime(2026, 3, 15, 7, 30, tzinfo=UTC)


def test_first_use_migrates_to_head_and_schema_matches_the_tables() -> None:
    engine = local_database().engine
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_migrations_go_down_and_up_again() -> None:
    engine = local_database().engine
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert current_revision(engine) is None
    upgrade(engine, "head")
    assert current_revision(engine) == HEAD_REVISION
    assert "pain_entries" in inspect(engine).get_table_names()


@pytest.mark.skipif(on_postgres(), reason="SQLite pragmas")
def test_sqlite_is_durable_and_strict() -> None:
    with local_database().engine.connect() as connection:
        pragma = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in (
                "journal_mode",
                "synchronous",
                "foreign_keys",
                "busy_timeout",
                "secure_delete",
            )
        }
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "foreign_keys": 1,
        "busy_timeout": 10000,
        "secure_delete": 1,
    }


@pytest.mark.skipif(on_postgres(), reason="the default database is SQLite")
def test_default_database_lives_in_the_data_folder() -> None:
    local_database()
    assert (load_settings().data_dir / "backstride.db").is_file()


def test_times_come_back_as_the_same_instant_in_utc() -> None:
    local = datetime(2026, 3, 15, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    with local_action(NOW) as action:
        add_pain_entry(action.session, action.runner_id, PainEntry(local, 3, "morning"))
    with local_action(NOW) as action:
        (entry,) = list_pain_entries(action.session, action.runner_id)
    assert entry.recorded_at == local
    assert entry.recorded_at.tzinfo == UTC
    assert entry.recorded_at.hour == 7


def test_a_naive_time_is_refused_and_nothing_is_written() -> None:
    with pytest.raises(Exception, match="naive datetime"), local_action(NOW) as action:
        action.session.add(
            PainEntryRow(
                id="x",
                user_id=action.runner_id,
                recorded_at=datetime(2026, 1, 1),
                score=3,
                when="morning",
                reaches="back",
                side="central",
                note="",
            )
        )
        action.session.flush()
    with local_action(NOW) as action:
        assert list_pain_entries(action.session, action.runner_id) == []


def test_score_outside_0_10_is_refused_by_the_database_too() -> None:
    with pytest.raises(Exception, match="(?i)check"), local_action(NOW) as action:
        action.session.add(
            PainEntryRow(
                id="y",
                user_id=action.runner_id,
                recorded_at=NOW,
                score=11,
                when="morning",
                reaches="back",
                side="central",
                note="",
            )
        )
        action.session.flush()


def test_deleting_a_user_removes_their_rows_and_only_theirs() -> None:
    with local_action(NOW) as action:
        other = ensure_user(action.session, "someone-else", NOW)
        for user_id in (action.runner_id, other):
            add_pain_entry(action.session, user_id, PainEntry(NOW, 4, "evening"))
        delete_user(action.session, action.runner_id)
    with local_database().transaction() as session:
        owners = session.scalars(select(PainEntryRow.user_id)).all()
        assert owners == [other]
        count = session.scalar(select(func.count()).select_from(PainEntryRow))
        assert count == 1


def test_a_failing_action_rolls_back_everything() -> None:
    with pytest.raises(RuntimeError), local_action(NOW) as action:
        add_pain_entry(action.session, action.runner_id, PainEntry(NOW, 4, "evening"))
        raise RuntimeError("boom")
    with local_database().transaction() as session:
        assert session.execute(text("SELECT count(*) FROM pain_entries")).scalar() == 0


def test_a_database_from_a_newer_backstride_is_refused_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from backstride.cli.app import run
    from backstride.storage.engine import make_engine

    url = f"sqlite:///{tmp_path / 'newer.db'}"
    engine = make_engine(url)
    upgrade(engine, "head")
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    monkeypatch.setenv("BACKSTRIDE_DATABASE_URL", url)
    assert run(["today"]) == 1
    err = capsys.readouterr().err
    assert "set up by a newer backstride (schema 9999" in err and "Traceback" not in err
    assert current_revision(engine) == "9999"
    engine.dispose()
