"""Settings read from BACKSTRIDE_* environment variables, with safe local defaults."""

from pathlib import Path

from platformdirs import user_data_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """The per-user data folder (XDG on Linux) where backstride keeps its database."""
    return user_data_path("backstride", appauthor=False)


class Settings(BaseSettings):
    """Where data lives; every field can be set as BACKSTRIDE_<NAME>."""

    model_config = SettingsConfigDict(env_prefix="BACKSTRIDE_", extra="forbid")

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = None

    @property
    def effective_database_url(self) -> str:
        """The database to use: the configured URL, else a SQLite file in the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'backstride.db'}"
