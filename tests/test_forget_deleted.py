"""delete-my-data never claims done while another program's open read keeps the bytes on disk."""

import sqlite3
from pathlib import Path

import pytest
from conftest import on_postgres

from backstride.cli.app import run
from backstride.cli.local_action import local_database

NOTE = "quince-lantern-note-5521"

pytestmark = pytest.mark.skipif(on_postgres(), reason="the WAL and its checkpoint are SQLite's")


def stored_anywhere(folder: Path) -> bool:
    return any(NOTE.encode() in f.read_bytes() for f in folder.glob("backstride.db*"))


def test_a_reader_holding_the_file_makes_delete_say_what_is_pending(
    isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["pain", "5", "--when", "morning", "--note", NOTE]) == 0
    reader = sqlite3.connect(isolated_data_dir / "backstride.db", isolation_level=None)
    try:
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM pain_entries").fetchone() == (1,)
        capsys.readouterr()
        code = run(["delete-my-data", "--yes"])
        captured = capsys.readouterr()
        assert code == 1
        assert "deleted" not in captured.out
        flat = " ".join(captured.err.split())
        assert "another program has the database open" in flat
        assert "run backstride delete-my-data again" in flat
        assert stored_anywhere(isolated_data_dir)  # what the message says is still true
    finally:
        reader.close()
    assert run(["delete-my-data", "--yes"]) == 0
    assert "All your data has been deleted." in capsys.readouterr().out
    assert not stored_anywhere(isolated_data_dir)
    assert local_database().integrity_ok()
