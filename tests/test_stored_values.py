"""SQLite and PostgreSQL accept and refuse the same values: one check runs before every write."""

import json
import math
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import POSTGRES_URL, _postgres_admin_url
from screening_base import CALM
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from backstride.cli.app import run
from backstride.cli.backup_file import read_backup
from backstride.cli.local_action import local_action
from backstride.cli.output_file import write_output, write_output_folder
from backstride.config import InputLimits
from backstride.errors import InvalidInput
from backstride.services.context import local_runner_action
from backstride.services.portability import (
    export_csv_files,
    export_data,
    export_json,
    import_data,
)
from backstride.storage.database import Database
from backstride.storage.tables import Base, ExerciseSessionRow, PainEntryRow, ScreeningRow

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _pain(**changes: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "recorded_at": NOW,
        "score": 3,
        "when": "morning",
        "reaches": "back",
        "side": "central",
        "note": "",
        **changes,
    }


def _screening(**changes: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "taken_at": NOW,
        "kind": "screen",
        "rule_table_version": "2",
        "answers": dict(CALM),
        "triage": "self_care",
        "pattern": "nonspecific_mechanical",
        "rules": [],
        **changes,
    }


def _session(**changes: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "started_at": NOW,
        "ended_at": None,
        "duration_s": None,
        "rpe": None,
        "completed": False,
        "routine": {},
        **changes,
    }


BAD_ROWS: list[tuple[str, type[Base], dict[str, Any]]] = [
    ("NaN in JSON answers", ScreeningRow, _screening(answers={**CALM, "age": math.nan})),
    ("Infinity in JSON", ExerciseSessionRow, _session(routine={"x": math.inf})),
    ("NUL in JSON text", ExerciseSessionRow, _session(routine={"x": "a\x00b"})),
    ("id of 37 characters", ScreeningRow, _screening(id="x" * 37)),
    ("NUL in a note", PainEntryRow, _pain(note="knee\x00")),
    ("lone surrogate in a note", PainEntryRow, _pain(note="caf\udce9")),
    ("lone surrogate in a JSON key", ExerciseSessionRow, _session(routine={"\ud800": 1})),
    ("note too long", PainEntryRow, _pain(note="n" * 2_001)),
    ("RPE 10^10", ExerciseSessionRow, _session(rpe=10**10)),
    ("RPE past 64 bits", ExerciseSessionRow, _session(rpe=2**70)),
    ("NaN duration", ExerciseSessionRow, _session(duration_s=math.nan)),
    ("JSON integer past 64 bits", ExerciseSessionRow, _session(routine={"n": 2**64})),
]


@pytest.mark.parametrize(("case", "table", "values"), BAD_ROWS, ids=[c for c, *_ in BAD_ROWS])
def test_every_database_refuses_the_same_values_before_writing(
    case: str, table: type[Base], values: dict[str, Any]
) -> None:
    with pytest.raises(InvalidInput, match="cannot be stored"), local_action(NOW) as action:
        action.session.add(table(user_id=action.runner_id, **values))
        action.session.flush()


def test_a_nul_in_a_pain_note_is_refused_by_the_cli_on_every_database(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = run(["pain", "4", "--when", "morning", "--note", "knee\x00hurts"])
    err = capsys.readouterr().err
    assert code == 2 and "NUL" in err, err


def test_bytes_that_are_not_utf8_in_a_note_are_refused_by_the_cli(
    capsys: pytest.CaptureFixture[str],
) -> None:
    note = b"caf\xe9".decode("utf-8", "surrogateescape")  # how Python passes such argv bytes
    code = run(["pain", "4", "--when", "morning", "--note", note])
    err = capsys.readouterr().err
    assert code == 2 and "valid UTF-8" in err, err


def test_good_values_at_the_edges_are_stored() -> None:
    with local_action(NOW) as action:
        action.session.add(ScreeningRow(user_id=action.runner_id, **_screening(id="y" * 36)))
        action.session.add(PainEntryRow(user_id=action.runner_id, **_pain(note="n" * 2_000)))
        action.session.add(
            ExerciseSessionRow(user_id=action.runner_id, **_session(rpe=10, routine={"n": 2**62}))
        )
        action.session.flush()


@pytest.mark.skipif(
    not POSTGRES_URL, reason="needs BACKSTRIDE_TEST_POSTGRES_URL: a PostgreSQL to restore into"
)
def test_an_export_made_on_sqlite_restores_to_postgresql(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(CALM), encoding="utf-8")
    sqlite = Database(f"sqlite:///{tmp_path / 'laptop.db'}")
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(_postgres_admin_url())
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(_postgres_admin_url()).update_query_dict({"options": f"-csearch_path={schema}"})
    postgres = Database(url.render_as_string(hide_password=False))
    try:
        with sqlite.transaction() as session:
            action = local_runner_action(session, NOW, UTC)
            session.add(PainEntryRow(user_id=action.runner_id, **_pain(note="é ünïcode ✓")))
            session.add(ScreeningRow(user_id=action.runner_id, **_screening()))
            session.add(
                ExerciseSessionRow(
                    user_id=action.runner_id,
                    **_session(ended_at=NOW + timedelta(minutes=20), duration_s=1200.0, rpe=4),
                )
            )
            session.flush()
            document = export_data(action)
        for file_format in ("json", "csv"):
            saved = tmp_path / f"laptop-{file_format}"
            if file_format == "json":
                write_output(saved, export_json(document), "--output")
            else:
                write_output_folder(saved, export_csv_files(document), "--output")
            restored_document = read_backup(saved, InputLimits())
            with postgres.transaction() as session:
                restored = import_data(local_runner_action(session, NOW, UTC), restored_document)
                again = export_data(local_runner_action(session, NOW, UTC))
            assert again.tables == document.tables
            assert sum(restored.added.values()) == (3 if file_format == "json" else 0)
    finally:
        sqlite.close()
        postgres.close()
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
