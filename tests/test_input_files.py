"""Files handed to backstride: answers and backups are regular files, bounded, strictly UTF-8."""

import io
import json
import os
import random
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cli_calls import call
from screening_base import CALM
from stored_runs import store_activity

from backstride.domain.activity import Activity, Sample


def _fifo(tmp_path: Path) -> str:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return str(path)


def _bad_utf8(tmp_path: Path) -> str:
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"age": 34, "note": "caf\xe9"}')
    return str(path)


@pytest.mark.parametrize("command", ["screen", "check-in", "import-data"])
@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda tmp: "/dev/zero", "not a regular file"),
        (_fifo, "not a regular file"),
        (_bad_utf8, "not UTF-8"),
        (lambda tmp: str(tmp), "not a regular file"),
    ],
    ids=["dev-zero", "fifo", "bad-utf8", "folder"],
)
def test_a_path_that_is_no_file_or_not_utf8_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, make: Any, words: str
) -> None:
    location = make(tmp_path)
    if command == "import-data" and location == str(tmp_path):
        words = "backup manifest"  # a folder is read as a CSV backup: its manifest is missing
    args = [command, location] if command == "import-data" else [command, "--answers", location]
    code, _, err = call(capsys, *args)
    assert code == 2, err
    assert words in err and err.strip().count("\n") == 0, err


def test_a_csv_folder_without_a_manifest_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = call(capsys, "import-data", str(tmp_path))
    assert code == 2 and "cannot read backup manifest" in err, err


@pytest.mark.parametrize("command", ["screen", "import-data"])
def test_a_document_over_the_size_limit_is_refused_unread(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    monkeypatch.setenv("BACKSTRIDE_MAX_JSON_MB", "1")
    big = tmp_path / "big.json"
    big.write_text(json.dumps({**CALM, "padding": "x" * 2 * 1024**2}), encoding="utf-8")
    args = [command, str(big)] if command == "import-data" else [command, "--answers", str(big)]
    code, _, err = call(capsys, *args)
    assert code == 2 and "over the limit of 1048576 bytes" in err, err


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"format": "backstride-export", "format": "x"}', "is given twice"),
        ('{"format": "backstride-export", "version": ' + "9" * 5000 + "}", "not valid"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
    ids=["duplicate-key", "huge-int", "deep"],
)
def test_a_malformed_backup_is_refused_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, words: str
) -> None:
    path = tmp_path / "backup.json"
    path.write_text(text, encoding="utf-8")
    code, _, err = call(capsys, "import-data", str(path))
    assert code == 2 and words in err, err


def _long_run() -> None:
    start = datetime.now(UTC) - timedelta(days=1)
    wobble = random.Random(7)  # a real watch's numbers vary, so they do not pack down to nothing
    samples = tuple(
        Sample(
            float(t), t * 3.0 + wobble.random(), wobble.randint(120, 175), wobble.uniform(150, 190)
        )
        for t in range(7200)
    )
    store_activity(Activity("long.fit", "running", None, start, 60, 7200.0, 21600.0, samples))


def test_a_csv_backup_of_a_real_long_run_restores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _long_run()
    saved = tmp_path / "backup"
    assert call(capsys, "export", "--format", "csv", "-o", str(saved))[0] == 0
    assert len((saved / "activities.csv").read_text(encoding="utf-8")) > 131_072
    before = (tmp_path / "before.json", tmp_path / "after.json")
    assert call(capsys, "export", "-o", str(before[0]))[0] == 0
    assert call(capsys, "delete-my-data", "--yes")[0] == 0
    code, _, err = call(capsys, "import-data", str(saved))
    assert code == 0, err
    assert call(capsys, "export", "-o", str(before[1]))[0] == 0
    first, second = (json.loads(p.read_text(encoding="utf-8")) for p in before)
    assert first["tables"] == second["tables"]


@pytest.mark.parametrize("change", ["extra cell", "missing cell"])
def test_a_csv_line_with_the_wrong_number_of_cells_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: str
) -> None:
    assert call(capsys, "pain", "4", "--when", "morning")[0] == 0
    saved = tmp_path / "backup"
    assert call(capsys, "export", "--format", "csv", "-o", str(saved))[0] == 0
    table = saved / "pain_entries.csv"
    header, line = table.read_text(encoding="utf-8").splitlines()
    fresh = line.replace(line.split(",")[0], str(uuid.uuid4()))
    fresh = fresh + ",surprise" if change == "extra cell" else fresh.rsplit(",", 1)[0]
    table.write_text(f"{header}\n{line}\n{fresh}\n", encoding="utf-8")
    code, _, err = call(capsys, "import-data", str(saved))
    assert code == 2, err
    assert "pain_entries.csv line 3" in err and "cells" in err, err


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"\xff\xfe{}", "not UTF-8"), (b" " * (1024**2 + 1), "over the limit")],
    ids=["bad-utf8", "too-big"],
)
def test_answers_on_standard_input_are_bounded_and_strictly_utf8(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    content: bytes,
    words: str,
) -> None:
    monkeypatch.setenv("BACKSTRIDE_MAX_JSON_MB", "1")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(content), encoding="utf-8"))
    code, _, err = call(capsys, "screen", "--answers", "-")
    assert code == 2 and words in err, err
