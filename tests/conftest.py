"""Shared fixtures: every test gets its own data folder, so nothing touches the user's data."""

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO.parent / "shared" / "seeds"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point BACKSTRIDE_DATA_DIR at a fresh temporary folder and clear the database URL."""
    data_dir = tmp_path / "backstride-data"
    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(data_dir))
    monkeypatch.delenv("BACKSTRIDE_DATABASE_URL", raising=False)
    yield data_dir
    from backstride.services.context import close_databases

    close_databases()
