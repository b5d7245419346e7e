"""A full disk under the database: one clear line and a non-zero exit, stored data intact.

The disk is a real 1 MB tmpfs (skipped where it cannot be mounted), filled to the last block.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import on_postgres
from small_disk import mounted_tmpfs

from backstride.cli.app import run
from backstride.cli.local_action import close_local_database

pytestmark = pytest.mark.skipif(on_postgres(), reason="the database is on the SQLite file's disk")


@pytest.fixture
def small_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    with mounted_tmpfs(tmp_path / "disk", "1m") as disk:
        monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(disk / "data"))
        close_local_database()
        try:
            yield disk
        finally:
            close_local_database()


def fill(disk: Path) -> Path:
    free = os.statvfs(disk)
    filler = disk / "filler"
    filler.write_bytes(b"\0" * (free.f_bavail * free.f_frsize))
    return filler


def backstride(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backstride", *args], capture_output=True, text=True, timeout=120
    )


def one_line(err: str) -> None:
    assert "Traceback" not in err
    assert (
        err.startswith("error: ") and "disk" in err and "nothing was saved" in " ".join(err.split())
    )


LONG_NOTE = "a" * 1_999  # the longest note (InputLimits.max_text_chars): pages the disk lacks


def test_logging_pain_on_a_full_disk_is_one_line_and_keeps_what_was_stored(
    small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["pain", "3", "--when", "morning", "--note", "kept"]) == 0
    filler = fill(small_disk)
    capsys.readouterr()
    code = run(["pain", "4", "--when", "evening", "--note", LONG_NOTE])
    captured = capsys.readouterr()
    assert code == 1
    one_line(captured.err)
    close_local_database()
    filler.unlink()
    assert run(["pain", "history", "--json"]) == 0
    import json

    entries = json.loads(capsys.readouterr().out)["entries"]
    assert [(e["score"], e["note"]) for e in entries] == [(3, "kept")]


@pytest.mark.parametrize(
    "args",
    [
        ["pain", "4", "--when", "evening", "--note", LONG_NOTE],
        ["export", "-o", "{elsewhere}"],
    ],
    ids=["pain", "export"],
)
def test_a_fresh_process_on_a_full_disk_says_so_in_one_line(
    args: list[str], small_disk: Path, tmp_path: Path
) -> None:
    assert backstride("pain", "3", "--when", "morning", "--note", "kept").returncode == 0
    filler = fill(small_disk)
    done = backstride(*[a.format(elsewhere=tmp_path / "out.json") for a in args])
    assert done.returncode == 1
    one_line(done.stderr)
    filler.unlink()
    shown = backstride("pain", "history", "--json")
    assert shown.returncode == 0 and '"kept"' in shown.stdout and LONG_NOTE not in shown.stdout
