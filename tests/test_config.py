"""Settings come from BACKSTRIDE_* variables and default to a SQLite file in the data folder."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from backstride.cli.app import run
from backstride.config import Settings, load_settings


def test_default_database_is_sqlite_in_the_data_folder(
    isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BACKSTRIDE_DATABASE_URL", raising=False)
    settings = load_settings()
    assert settings.data_dir == isolated_data_dir
    assert settings.effective_database_url == f"sqlite:///{isolated_data_dir / 'backstride.db'}"


def test_database_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKSTRIDE_DATABASE_URL", "postgresql+psycopg://127.0.0.1/test")
    assert load_settings().effective_database_url == "postgresql+psycopg://127.0.0.1/test"


def test_unknown_setting_is_refused() -> None:
    with pytest.raises(ValidationError, match="colour"):
        Settings(colour="blue")  # type: ignore[call-arg]


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKSTRIDE_MAX_FILE_MB", "3")
    monkeypatch.setenv("BACKSTRIDE_TEST_SOMETHING_ELSE", "x")  # not a setting: left alone
    assert load_settings().limits.max_file_bytes == 3 * 1024**2


def test_a_bad_setting_is_one_line_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BACKSTRIDE_MAX_FILE_MB", "lots")
    assert run(["today"]) == 2
    err = capsys.readouterr().err
    assert "BACKSTRIDE_MAX_FILE_MB='lots' is not valid" in err and "Traceback" not in err
