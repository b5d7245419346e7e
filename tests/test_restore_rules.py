"""A restore is checked row by row before anything is written: bad backups are refused whole."""

import json
import math
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cli_calls import call
from screening_base import CALM, answers_with
from sqlalchemy import text
from stored_runs import store_run

from backstride.cli.local_action import local_action
from backstride.domain.programme_changes import ChangeAsked
from backstride.domain.screening import screen
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.domain.session_record import ExerciseLog, SessionRecord
from backstride.services.exercises import catalogue
from backstride.storage.exercise_sessions import save_session
from backstride.storage.programme_changes import add_programme_change
from backstride.storage.screenings import save_screening
from backstride.storage.users import ensure_user


def record_everything(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A screening, a pain entry, a profile, a session with a log, a run and a clinician's
    programme changes (a pin, then its undo)."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(CALM), encoding="utf-8")
    assert call(capsys, "screen", "--answers", str(answers))[0] == 0
    assert call(capsys, "pain", "3", "--when", "morning", "--note", "fine")[0] == 0
    assert call(capsys, "profile", "--equipment", "mat")[0] == 0
    exercise = catalogue().exercises[0]
    started = datetime.now(UTC) - timedelta(days=2)
    log = ExerciseLog(0, exercise.id, exercise.level_ids[0], {"sets": 2}, {"sets": 2}, 1)
    record = SessionRecord(started, started + timedelta(minutes=20), 1200.0, True, 4, {}, (log,))
    ladder = catalogue().family_chain(exercise.id)[0].id
    cleo = (str(uuid.uuid4()), "cleo")
    with local_action() as action:
        save_session(action.session, action.runner_id, record)
        pin = ChangeAsked("pin", "builds the hips", ladder)
        made = add_programme_change(action.session, action.runner_id, cleo, pin, started)
        undo = ChangeAsked("pin", "not this week", ladder)
        later = started + timedelta(hours=1)
        add_programme_change(action.session, action.runner_id, cleo, undo, later, made.id)
    store_run(datetime.now(UTC) - timedelta(days=3), 5.0, 30.0)


def export(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> dict[str, Any]:
    path = tmp_path / name
    assert call(capsys, "export", "-o", str(path))[0] == 0
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    document.pop("exported_at")
    return document


def _future(days: float) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


# table, column, bad value, words the message must hold
BAD_VALUES: list[tuple[str, str, Any, str]] = [
    ("activities", "summary", [], "summary"),
    ("activities", "summary", "fast", "summary"),
    ("activities", "local_offset_min", 5000, "local_offset_min"),
    ("activities", "elapsed_s", math.inf, "elapsed_s"),
    ("activities", "elapsed_s", -1.0, "elapsed_s"),
    ("activities", "distance_m", -5.0, "distance_m"),
    ("activities", "start_utc", "0001-01-01T00:00:00+00:00", "start_utc"),
    ("activities", "start_utc", _future(3), "clock"),
    ("exercise_sessions", "rpe", 999, "rpe"),
    ("exercise_sessions", "rpe", 10**10, "rpe"),
    ("exercise_sessions", "rpe", 10**30, "rpe"),
    ("exercise_sessions", "duration_s", math.nan, "duration_s"),
    ("exercise_sessions", "duration_s", math.inf, "duration_s"),
    ("exercise_sessions", "started_at", _future(2), "clock"),
    ("exercise_logs", "exercise_id", "moon-walk", "exercise_id"),
    ("exercise_logs", "session_id", str(uuid.uuid4()), "session_id"),
    ("exercise_logs", "pain_during", 11, "pain_during"),
    ("screenings", "triage", "bogus", "triage"),
    ("screenings", "taken_at", "9999-12-31T00:00:00+00:00", "taken_at"),
    ("screenings", "taken_at", _future(5), "clock"),
    ("screenings", "answers", {**CALM, "age": math.nan}, "answers"),
    ("pain_entries", "recorded_at", "0001-01-01T00:00:00+00:00", "recorded_at"),
    ("pain_entries", "recorded_at", _future(2), "clock"),
    ("pain_entries", "note", "a\x00b", "note"),
    ("pain_entries", "note", "n" * 5000, "note"),
    ("pain_entries", "id", "x" * 37, "id"),
    ("programme_changes", "kind", "teleport", "kind"),
    ("programme_changes", "sessions", 5, "sessions"),
    ("programme_changes", "exercise_id", "moon-walk", "exercise_id"),
    ("programme_changes", "exercise_id", None, "exercise_id"),
    ("programme_changes", "reason", "", "reason"),
    ("programme_changes", "version", 0, "version"),
    ("programme_changes", "at", _future(3), "clock"),
    ("programme_changes", "undoes", str(uuid.uuid4()), "undoes"),
]


@pytest.mark.parametrize(
    ("table", "column", "value", "words"), BAD_VALUES, ids=[f"{t}.{c}" for t, c, *_ in BAD_VALUES]
)
def test_a_bad_row_refuses_the_whole_restore_with_one_line_naming_it(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    table: str,
    column: str,
    value: Any,
    words: str,
) -> None:
    record_everything(tmp_path, capsys)
    good = export(tmp_path, capsys, "good.json")
    assert call(capsys, "delete-my-data", "--yes")[0] == 0
    assert call(capsys, "pain", "5", "--when", "evening")[0] == 0
    before = export(tmp_path, capsys, "before.json")
    tables = good["tables"]
    tables[table][0][column] = value
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**good, "exported_at": "x"}), encoding="utf-8")
    code, out, err = call(capsys, "import-data", str(bad))
    assert code == 2, out + err
    assert err.startswith("error: ") and err.strip().count("\n") == 0, err
    assert f"{table} row 1" in err and words in err, err
    assert "Traceback" not in err
    assert export(tmp_path, capsys, "after.json") == before


def test_a_full_backup_restores_and_merges_when_restored_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_everything(tmp_path, capsys)
    good = export(tmp_path, capsys, "good.json")
    assert call(capsys, "delete-my-data", "--yes")[0] == 0
    path = tmp_path / "good-again.json"
    path.write_text(json.dumps({**good, "exported_at": "x"}), encoding="utf-8")
    code, out, err = call(capsys, "import-data", str(path))
    assert code == 0, err
    assert export(tmp_path, capsys, "after.json") == good
    # A second machine imported the same run file and took the same screening: new ids.
    other = json.loads(json.dumps(good))
    for table in ("activities", "screenings"):
        for row in other["tables"][table]:
            row["id"] = str(uuid.uuid4())
    other["tables"] = {k: other["tables"][k] for k in ("activities", "screenings")}
    second = tmp_path / "second-machine.json"
    second.write_text(json.dumps({**other, "exported_at": "x"}), encoding="utf-8")
    code, out, err = call(capsys, "import-data", str(second))
    assert code == 0, err
    assert "Merged 1 screenings, 1 activities" in out, out
    assert export(tmp_path, capsys, "merged.json") == good


def test_a_log_cannot_attach_to_another_users_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_everything(tmp_path, capsys)
    good = export(tmp_path, capsys, "good.json")
    started = datetime.now(UTC) - timedelta(days=1)
    with local_action() as action:
        stranger = ensure_user(action.session, "someone-else", action.now)
        theirs = save_session(
            action.session, stranger, SessionRecord(started, None, None, False, None, {})
        )
    log = {**good["tables"]["exercise_logs"][0], "id": str(uuid.uuid4()), "session_id": theirs}
    crafted = {**good, "exported_at": "x", "tables": {"exercise_logs": [log]}}
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(crafted), encoding="utf-8")
    before = export(tmp_path, capsys, "before.json")
    code, _, err = call(capsys, "import-data", str(path))
    assert code == 2 and "another user's session" in err, err
    assert export(tmp_path, capsys, "after.json") == before


def test_a_row_cannot_take_the_id_of_another_users_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_everything(tmp_path, capsys)
    good = export(tmp_path, capsys, "good.json")
    with local_action() as action:  # someone else on this server, with a pain entry of theirs
        stranger = ensure_user(action.session, "someone-else", action.now)
        entry = good["tables"]["pain_entries"][0]
        action.session.execute(
            text(
                'INSERT INTO pain_entries (id, user_id, recorded_at, score, "when", reaches, '
                "side, note) VALUES (:id, :user, :at, 2, 'morning', 'back', 'central', '')"
            ),
            {"id": "their-entry", "user": stranger, "at": datetime.now(UTC) - timedelta(days=1)},
        )
    crafted = {
        **good,
        "exported_at": "x",
        "tables": {"pain_entries": [{**entry, "id": "their-entry"}]},
    }
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(crafted), encoding="utf-8")
    code, _, err = call(capsys, "import-data", str(path))
    assert code == 2 and "belongs to another user" in err, err


def test_a_future_calm_screening_in_the_database_cannot_hide_a_new_emergency(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calm = ScreeningAnswers.model_validate(CALM)
    ahead = datetime.now(UTC) + timedelta(days=30)
    row = {
        "id": str(uuid.uuid4()),
        "taken_at": ahead.isoformat(),
        "kind": "screen",
        "rule_table_version": "2",
        "answers": calm.model_dump(mode="json"),
        "triage": "self_care",
        "pattern": screen(calm).pattern,
        "rules": [],
    }
    document = {"format": "backstride-export", "version": 1, "exported_at": "x"}
    path = tmp_path / "ahead.json"
    path.write_text(json.dumps({**document, "tables": {"screenings": [row]}}), encoding="utf-8")
    code, _, err = call(capsys, "import-data", str(path))
    assert code == 2 and "clock" in err, err
    with local_action(ahead) as action:  # stored directly, as a machine with a wrong clock would
        save_screening(action.session, action.runner_id, "screen", calm, screen(calm), ahead)
    emergency = tmp_path / "emergency.json"
    emergency.write_text(json.dumps(answers_with(saddle_numbness=True)), encoding="utf-8")
    code, out, _ = call(capsys, "screen", "--answers", str(emergency), "--json")
    assert code == 0
    assert json.loads(out)["status"]["level"] == "emergency"
    code, out, err = call(capsys, "routine")
    assert code == 3, out + err


def test_a_restore_keeps_the_programme_history_and_refuses_a_clashing_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_everything(tmp_path, capsys)
    good = export(tmp_path, capsys, "good.json")
    changes = sorted(good["tables"]["programme_changes"], key=lambda row: row["version"])
    assert [(row["version"], row["undoes"] is None) for row in changes] == [(1, True), (2, False)]
    assert changes[1]["undoes"] == changes[0]["id"]
    # Another history whose version 1 is a different change cannot be merged into this one.
    other = json.loads(json.dumps(good))
    first = {**changes[0], "id": str(uuid.uuid4())}
    other["tables"] = {"programme_changes": [first]}
    clash = tmp_path / "clash.json"
    clash.write_text(json.dumps({**other, "exported_at": "x"}), encoding="utf-8")
    code, out, err = call(capsys, "import-data", str(clash))
    assert code == 2 and "programme_changes row 1: version 1 is another change's here" in err
    assert export(tmp_path, capsys, "after.json") == good


def test_the_programme_history_round_trips_through_the_csv_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_everything(tmp_path, capsys)
    good = export(tmp_path, capsys, "good.json")
    folder = tmp_path / "csv"
    assert call(capsys, "export", "--format", "csv", "-o", str(folder))[0] == 0
    assert (folder / "programme_changes.csv").read_text(encoding="utf-8").count("\n") == 3
    assert call(capsys, "delete-my-data", "--yes")[0] == 0
    code, out, err = call(capsys, "import-data", str(folder))
    assert code == 0, err
    assert export(tmp_path, capsys, "after.json") == good
