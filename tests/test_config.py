"""Settings come from BACKSTRIDE_* variables and default to a SQLite file in the data folder."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from backstride.config import Settings


def test_default_database_is_sqlite_in_the_data_folder(
    isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BACKSTRIDE_DATABASE_URL", raising=False)
    settings = Settings()
    assert settings.data_dir == isolated_data_dir
    assert settings.effective_database_url == f"sqlite:///{isolated_data_dir / 'backstride.db'}"


def test_database_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKSTRIDE_DATABASE_URL", "postgresql+psycopg://127.0.0.1/test")
    assert Settings().effective_database_url == "postgresql+psycopg://127.0.0.1/test"


def test_unknown_setting_is_refused() -> None:
    with pytest.raises(ValidationError, match="colour"):
        Settings(colour="blue")  # type: ignore[call-arg]
