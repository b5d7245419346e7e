"""Settings read from BACKSTRIDE_* environment variables, with safe local defaults."""

from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """The per-user data folder (XDG on Linux) where backstride keeps its database."""
    return user_data_path("backstride", appauthor=False)


@dataclass(frozen=True, slots=True)
class InputLimits:
    """The one input policy every adapter applies to what files, backups and people send.

    Defaults fit years of real activity files; each can be lowered for a server that takes
    uploads from strangers (BACKSTRIDE_MAX_FILE_MB and the fields of Settings below).
    """

    max_file_bytes: int = 512 * 1024**2
    """One plain activity file, or one archive entry once unpacked."""
    max_samples_per_file: int = 2_000_000
    """Track points in one activity file (a 24-hour run at 1 s is 86,400)."""
    max_samples_per_second: float = 10.0
    """Samples per second of elapsed time: real devices record at most a few a second."""
    max_sessions_per_file: int = 100
    """Activities in one FIT file (a multisport race has a handful)."""
    max_archive_entries: int = 100_000
    """Entries in one archive, folders included."""
    max_json_bytes: int = 64 * 1024**2
    """An answers document or a JSON/CSV backup."""
    max_json_depth: int = 32
    """Nesting of objects and lists in an answers document or a backup."""
    max_int_digits: int = 19
    """Digits of one integer in a document (fits a 64-bit column)."""
    max_text_chars: int = 2_000
    """One note, name or other free text."""


class Settings(BaseSettings):
    """Where data lives; every field can be set as BACKSTRIDE_<NAME>."""

    model_config = SettingsConfigDict(env_prefix="BACKSTRIDE_", extra="forbid")

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = None
    max_file_mb: int = Field(default=512, ge=1)
    max_samples_per_file: int = Field(default=InputLimits().max_samples_per_file, ge=1)
    max_sessions_per_file: int = Field(default=InputLimits().max_sessions_per_file, ge=1)
    max_archive_entries: int = Field(default=InputLimits().max_archive_entries, ge=1)
    max_json_mb: int = Field(default=64, ge=1)
    """An answers document, a JSON backup or one CSV file of a backup, in MiB."""

    @property
    def limits(self) -> InputLimits:
        """The input policy these settings give."""
        return InputLimits(
            max_file_bytes=self.max_file_mb * 1024**2,
            max_samples_per_file=self.max_samples_per_file,
            max_sessions_per_file=self.max_sessions_per_file,
            max_archive_entries=self.max_archive_entries,
            max_json_bytes=self.max_json_mb * 1024**2,
        )

    @property
    def effective_database_url(self) -> str:
        """The database to use: the configured URL, else a SQLite file in the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'backstride.db'}"
