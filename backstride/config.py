"""Settings read from BACKSTRIDE_* environment variables, with safe local defaults."""

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_path
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError


def default_data_dir() -> Path:
    """The per-user data folder (XDG on Linux) where backstride keeps its database."""
    return user_data_path("backstride", appauthor=False)


@dataclass(frozen=True, slots=True)
class InputLimits:
    """The one input policy every adapter applies to what files, backups and people send.

    Defaults fit years of real activity files; each can be lowered for a server that takes
    uploads from strangers (BACKSTRIDE_MAX_FILE_MB and the fields of Settings below).
    """

    max_file_bytes: int = 128 * 1024**2
    """One plain activity file, or one archive entry once unpacked (archives themselves are
    read entry by entry and have no size cap). A day-long track sampled every second is about
    40 MB as GPX; parsing takes about five times a file's size in memory."""
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


@dataclass(frozen=True, slots=True)
class SignInPolicy:
    """How long a web session lasts and how many failed sign-ins are let through."""

    idle_s: int = 7 * 24 * 3600
    """A session unused this long ends (a week: runners train every few days)."""
    absolute_s: int = 30 * 24 * 3600
    """However active, a session ends this long after sign-in."""
    failures_per_login: int = 5
    failures_per_client: int = 20
    """Failed sign-ins allowed in one window, for one login and from one client address."""
    window_s: int = 15 * 60
    """OWASP's authentication cheat sheet: lock out for a while after a few failures."""


@dataclass(frozen=True, slots=True)
class MailSettings:
    """The SMTP server care alerts are emailed through (BACKSTRIDE_SMTP_*)."""

    host: str
    port: int
    sender: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    starttls: bool = True
    timeout_s: float = 10.0


class Settings(BaseModel):
    """Where data lives and the input limits; `load_settings()` reads them from BACKSTRIDE_*."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = None
    max_file_mb: int = Field(default=InputLimits().max_file_bytes // 1024**2, ge=1)
    max_samples_per_file: int = Field(default=InputLimits().max_samples_per_file, ge=1)
    max_sessions_per_file: int = Field(default=InputLimits().max_sessions_per_file, ge=1)
    max_archive_entries: int = Field(default=InputLimits().max_archive_entries, ge=1)
    max_json_mb: int = Field(default=64, ge=1)
    """An answers document, a JSON backup or one CSV file of a backup, in MiB."""
    max_body_kb: int = Field(default=1024, ge=1)
    """A web request's body (a form, an answers document), in KiB: 413 above it."""
    session_idle_hours: int = Field(default=SignInPolicy().idle_s // 3600, ge=1)
    session_days: int = Field(default=SignInPolicy().absolute_s // 86400, ge=1)
    web_threads: int = Field(default=4, ge=1, le=64)
    """Threads that run the web app's database work (SQLite writes one at a time)."""
    max_upload_mb: int = Field(default=4096, ge=1)
    """One upload from the browser or the API (files or a whole export zip), in MiB: 413 above."""
    inline_import_mb: int = Field(default=5, ge=0)
    """Uploads up to this size (MiB, all files together) are imported in the request; larger
    ones become a job on the queue."""
    queue_url: str | None = None
    """The job queue: a redis:// URL for many workers; unset, a SQLite file in the data folder."""
    job_lease_s: int = Field(default=60, ge=1)
    """A running job whose worker has not reported for this long is handed to another worker."""
    smtp_host: str | None = None
    """The SMTP server care alerts are emailed through; unset, no email is sent (no error)."""
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str | None = None
    """The sender address (default: backstride@ the SMTP host)."""
    smtp_starttls: bool = True
    """Upgrade the connection with STARTTLS before signing in (turn off only for a local relay)."""
    public_url: str | None = None
    """The address people reach the web app at (https://backstride.example), for the link in
    alert emails; unset, the email has no link (a request's Host header is not trusted)."""

    @property
    def mail(self) -> MailSettings | None:
        """The SMTP settings, or None when no SMTP host is set (then nothing is emailed)."""
        if not self.smtp_host:
            return None
        return MailSettings(
            host=self.smtp_host,
            port=self.smtp_port,
            sender=self.smtp_from or f"backstride@{self.smtp_host}",
            user=self.smtp_user,
            password=self.smtp_password.get_secret_value() if self.smtp_password else None,
            starttls=self.smtp_starttls,
        )

    @property
    def sign_in(self) -> SignInPolicy:
        """The sign-in policy these settings give."""
        return SignInPolicy(
            idle_s=self.session_idle_hours * 3600, absolute_s=self.session_days * 86400
        )

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
    def queue_file(self) -> Path:
        """The embedded queue's SQLite file (used when no queue URL is set)."""
        return self.data_dir / "queue.db"

    @property
    def effective_database_url(self) -> str:
        """The database to use: the configured URL, else a SQLite file in the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'backstride.db'}"


ENV_PREFIX = "BACKSTRIDE_"


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings the BACKSTRIDE_<NAME> variables give (the process's own by default).

    Read by hand rather than through pydantic-settings, which costs a tenth of a second at every
    start; a bad value is refused with the variable's name and what is valid.
    """
    from backstride.errors import InvalidInput

    env = os.environ if environ is None else environ
    given = {
        name: env[ENV_PREFIX + name.upper()]
        for name in Settings.model_fields
        if ENV_PREFIX + name.upper() in env
    }
    try:
        return Settings.model_validate(given)
    except ValidationError as error:
        problem = error.errors(include_url=False)[0]
        variable = ENV_PREFIX + str(problem["loc"][0]).upper()
        raise InvalidInput(
            f"the setting {variable}={given.get(str(problem['loc'][0]))!r} is not valid: "
            f"{problem['msg'].lower()}"
        ) from error
