"""Your data, portable: export, delete, import round trips; bad files change nothing."""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from cli_calls import call
from conftest import on_postgres
from screening_base import CALM

from backstride.cli.local_action import local_action, local_database

NOTE = "zebra-crossing-note-7731"


def record_some_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(CALM), encoding="utf-8")
    for args in (
        ["pain", "4", "--when", "morning"],
        ["pain", "6", "--when", "after-run", "--where", "thigh", "--side", "left", "--note", NOTE],
        [
            "profile",
            "--equipment",
            "mat,towel",
            "--run-days",
            "tue:easy@07:00,sat:long",
            "--name",
            "Sam",
            "--birth-year",
            "1985",
        ],
        ["screen", "--answers", str(answers)],
    ):
        assert call(capsys, *args)[0] == 0


def export_document(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> Any:
    path = tmp_path / name
    assert call(capsys, "export", "-o", str(path))[0] == 0
    document = json.loads(path.read_text(encoding="utf-8"))
    document.pop("exported_at")
    return document


@pytest.mark.parametrize("file_format", ["json", "csv"])
def test_export_delete_import_export_gives_identical_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], file_format: str
) -> None:
    record_some_data(tmp_path, capsys)
    before = export_document(tmp_path, capsys, "before.json")
    saved = tmp_path / f"export-{file_format}"
    assert call(capsys, "export", "--format", file_format, "-o", str(saved))[0] == 0
    assert call(capsys, "delete-my-data", "--yes")[0] == 0
    emptied = export_document(tmp_path, capsys, "empty.json")
    assert all(rows == [] for rows in emptied["tables"].values())
    code, out, _ = call(capsys, "import-data", str(saved))
    assert code == 0
    assert "Imported" in out
    after = export_document(tmp_path, capsys, "after.json")
    assert after == before
    assert len(after["tables"]["pain_entries"]) == 2
    assert len(after["tables"]["screenings"]) == 1


def test_importing_the_same_file_twice_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_some_data(tmp_path, capsys)
    saved = tmp_path / "export.json"
    call(capsys, "export", "-o", str(saved))
    before = export_document(tmp_path, capsys, "before.json")
    code, out, _ = call(capsys, "import-data", str(saved))
    assert code == 0
    assert "Nothing new" in out
    assert export_document(tmp_path, capsys, "after.json") == before


def _bad_exports(good: dict[str, Any]) -> dict[str, Any]:
    row = good["tables"]["pain_entries"][0]
    fresh = {**row, "id": str(uuid.uuid4())}
    return {
        "score 11": {**good, "tables": {"pain_entries": [{**fresh, "score": 11}]}},
        "unknown when": {**good, "tables": {"pain_entries": [{**fresh, "when": "lunch"}]}},
        "naive time": {
            **good,
            "tables": {"pain_entries": [{**fresh, "recorded_at": "2026-01-01T08:00:00"}]},
        },
        "missing column": {
            **good,
            "tables": {"pain_entries": [{k: v for k, v in fresh.items() if k != "side"}]},
        },
        "unknown table": {**good, "tables": {"shoes": []}},
        "wrong version": {**good, "version": 99},
        "not an export": {"hello": "world"},
        "changed row": {**good, "tables": {"pain_entries": [{**row, "score": 9}]}},
        "good rows then a bad one": {
            **good,
            "tables": {
                "pain_entries": [fresh, {**fresh, "id": str(uuid.uuid4()), "score": "high"}]
            },
        },
    }


@pytest.mark.parametrize(
    "case",
    [
        "score 11",
        "unknown when",
        "naive time",
        "missing column",
        "unknown table",
        "wrong version",
        "not an export",
        "changed row",
        "good rows then a bad one",
    ],
)
def test_a_bad_import_exits_2_names_the_problem_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    record_some_data(tmp_path, capsys)
    saved = tmp_path / "good.json"
    call(capsys, "export", "-o", str(saved))
    good = json.loads(saved.read_text(encoding="utf-8"))
    before = export_document(tmp_path, capsys, "before.json")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_bad_exports(good)[case]), encoding="utf-8")
    code, _, err = call(capsys, "import-data", str(bad))
    assert code == 2
    assert err.startswith("error: ")
    assert export_document(tmp_path, capsys, "after.json") == before


def test_not_json_and_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{nope", encoding="utf-8")
    code, _, err = call(capsys, "import-data", str(broken))
    assert code == 2 and "not valid JSON" in err
    code, _, err = call(capsys, "import-data", str(tmp_path / "missing.json"))
    assert code == 2 and "cannot read" in err


def test_export_refuses_a_bad_format_and_a_used_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = call(capsys, "export", "--format", "xml", "-o", str(tmp_path / "x"))
    assert code == 2 and "valid: json, csv" in err
    used = tmp_path / "used"
    used.mkdir()
    (used / "keep.txt").write_text("mine", encoding="utf-8")
    code, _, err = call(capsys, "export", "--format", "csv", "-o", str(used))
    assert code == 2 and "not an empty folder" in err
    assert (used / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_delete_asks_first_and_a_wrong_answer_deletes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    record_some_data(tmp_path, capsys)
    before = export_document(tmp_path, capsys, "before.json")
    monkeypatch.setattr("builtins.input", lambda prompt="": "no")
    code, _, err = call(capsys, "delete-my-data")
    assert code == 130 and "nothing was deleted" in err
    assert export_document(tmp_path, capsys, "after.json") == before
    monkeypatch.setattr("builtins.input", lambda prompt="": "delete")
    assert call(capsys, "delete-my-data")[0] == 0
    emptied = export_document(tmp_path, capsys, "empty.json")
    assert all(rows == [] for rows in emptied["tables"].values())


@pytest.mark.skipif(on_postgres(), reason="the file-level check is SQLite's")
def test_sqlite_forgets_deleted_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], isolated_data_dir: Path
) -> None:
    record_some_data(tmp_path, capsys)
    files = list(isolated_data_dir.glob("backstride.db*"))
    assert any(NOTE.encode() in f.read_bytes() for f in files), "the note should be stored"
    assert call(capsys, "delete-my-data", "--yes")[0] == 0
    for file in isolated_data_dir.glob("backstride.db*"):
        assert NOTE.encode() not in file.read_bytes(), file.name
    assert local_database().integrity_ok()


def _big_export(path: Path, rows: int) -> None:
    entries = [
        {
            "id": str(uuid.uuid4()),
            "recorded_at": f"2025-01-01T00:{i % 60:02d}:00Z",
            "score": i % 11,
            "when": "morning",
            "reaches": "back",
            "side": "central",
            "note": "",
        }
        for i in range(rows)
    ]
    document = {
        "format": "backstride-export",
        "version": 1,
        "exported_at": "x",
        "tables": {"pain_entries": entries},
    }
    path.write_text(json.dumps(document), encoding="utf-8")


def _pain_count() -> int:
    with local_action() as action:
        from backstride.storage.pain_entries import list_pain_entries

        return len(list_pain_entries(action.session, action.runner_id))


def test_an_import_killed_midway_leaves_nothing_half_written_and_can_be_rerun(
    tmp_path: Path,
) -> None:
    big = tmp_path / "big.json"
    rows = 60_000
    _big_export(big, rows)
    command = [sys.executable, "-m", "backstride", "import-data", str(big)]
    killed_while_running = 0
    for delay_s in (0.8, 1.6, 2.4, 3.2):  # spread over the import, so some kills land inside it
        process = subprocess.Popen(
            command, env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay_s)
        if process.poll() is None:
            killed_while_running += 1
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert local_database().integrity_ok()
        assert _pain_count() in (0, rows)
        if _pain_count() == rows:
            break
    assert killed_while_running >= 1
    done = subprocess.run(
        command, env=os.environ.copy(), capture_output=True, text=True, check=False, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert _pain_count() == rows


def test_delete_my_data_also_removes_the_uploads_kept_for_the_runner(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], isolated_data_dir: Path
) -> None:
    """The web's admin is the CLI's runner: what the browser kept, the CLI's delete removes."""
    from backstride.jobs.kept_files import keep_upload, upload_staging
    from backstride.services.uploads import Upload

    record_some_data(tmp_path, capsys)
    with local_action() as action:
        runner_id = action.runner_id
    staged = upload_staging(isolated_data_dir) / "staged.gpx"
    staged.write_bytes(b"<gpx></gpx>")
    kept = keep_upload(isolated_data_dir, runner_id, staged, Upload("run.gpx", "ab" * 32, 11))
    assert kept.path.exists()
    assert call(capsys, "delete-my-data", "--yes")[0] == 0
    assert not kept.path.exists()
    assert list((isolated_data_dir / "originals").rglob("*")) == []
