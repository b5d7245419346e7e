"""The database tables: every row a runner owns carries their user id; times are UTC.

Changing a table here needs a new migration in storage/migrations/versions/; a test compares
the migrated schema with these definitions.
"""

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored as UTC; SQLite drops the zone, so it is put back."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"refusing to store a naive datetime: {value!r}")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base with stable constraint names (migrations depend on them)."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON, list[Any]: JSON}


def _owner() -> Mapped[str]:
    return mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


class User(Base):
    """A person with data here; the CLI acts as one local user created on first use."""

    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    handle: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]


class ProfileRow(Base):
    """The runner's profile as one JSON document (validated by domain.profile.Profile)."""

    __tablename__ = "profiles"

    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    document: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]


class ScreeningRow(Base):
    """One screening or check-in: the answers, the result and the rule-table version."""

    __tablename__ = "screenings"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = _owner()
    taken_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(16))
    rule_table_version: Mapped[str] = mapped_column(String(32))
    answers: Mapped[dict[str, Any]]
    triage: Mapped[str] = mapped_column(String(16))
    pattern: Mapped[str] = mapped_column(String(32))
    rules: Mapped[list[Any]]


class PainEntryRow(Base):
    """One pain score on the 0-10 scale, with when it was felt and how far it reached."""

    __tablename__ = "pain_entries"
    __table_args__ = (CheckConstraint("score >= 0 AND score <= 10", name="score_range"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = _owner()
    recorded_at: Mapped[datetime]
    score: Mapped[int] = mapped_column(Integer)
    when: Mapped[str] = mapped_column(String(16))
    reaches: Mapped[str] = mapped_column(String(16))
    side: Mapped[str] = mapped_column(String(8))
    note: Mapped[str] = mapped_column(Text, default="")


class ExerciseSessionRow(Base):
    """One exercise session, finished or partial."""

    __tablename__ = "exercise_sessions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = _owner()
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    duration_s: Mapped[float | None] = mapped_column(Float)
    rpe: Mapped[int | None] = mapped_column(Integer)
    completed: Mapped[bool]
    routine: Mapped[dict[str, Any]]


class ExerciseLogRow(Base):
    """What was planned and done for one exercise inside a session."""

    __tablename__ = "exercise_logs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = _owner()
    session_id: Mapped[str] = mapped_column(
        ForeignKey("exercise_sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    exercise_id: Mapped[str] = mapped_column(String(64))
    level_id: Mapped[str] = mapped_column(String(64))
    planned: Mapped[dict[str, Any]]
    done: Mapped[dict[str, Any]]
    pain_during: Mapped[int | None] = mapped_column(Integer)


class ActivityRow(Base):
    """One imported activity: its summary, its samples packed compactly, the file's hash."""

    __tablename__ = "activities"
    __table_args__ = (UniqueConstraint("user_id", "raw_sha256", name="user_file"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = _owner()
    source: Mapped[str] = mapped_column(String(255))
    raw_sha256: Mapped[str] = mapped_column(String(64))
    start_utc: Mapped[datetime]
    local_offset_min: Mapped[int | None] = mapped_column(Integer)
    sport: Mapped[str] = mapped_column(String(32))
    sub_sport: Mapped[str | None] = mapped_column(String(32))
    elapsed_s: Mapped[float] = mapped_column(Float)
    moving_s: Mapped[float | None] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)
    summary: Mapped[dict[str, Any]]
    samples: Mapped[bytes | None] = mapped_column(LargeBinary)


class PlanRow(Base):
    """A planned week: runs, strength sessions and off days, as one document."""

    __tablename__ = "plans"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = _owner()
    created_at: Mapped[datetime]
    week_start: Mapped[date] = mapped_column(Date)
    document: Mapped[dict[str, Any]]


class AccountRow(Base):
    """A web login for a user: a unique login name and an Argon2id hash, never the password."""

    __tablename__ = "accounts"

    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    login: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    is_admin: Mapped[bool] = mapped_column(Boolean)
    disabled: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime]
    password_changed_at: Mapped[datetime]
    is_clinician: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """Marked by the admin as a clinician (matters when the clinician role is restricted)."""
    alert_email: Mapped[str | None] = mapped_column(String(254))
    """Where a clinician's care alerts are emailed (None: no email)."""


class WebSessionRow(Base):
    """A signed-in browser: only the SHA-256 of its cookie's random id is kept."""

    __tablename__ = "web_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = _owner()
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    """The absolute end: however active, a session ends here and the browser signs in again."""
    device: Mapped[str] = mapped_column(String(200))
    """The browser's own description of itself, to tell one's sessions apart."""


class InviteRow(Base):
    """An invitation to register, made by the admin: only the SHA-256 of its link's secret."""

    __tablename__ = "invites"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_by: Mapped[str] = _owner()
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class ApiTokenRow(Base):
    """A personal access token for the REST API: only the SHA-256 of its secret is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    """The public reference of the token (to list and revoke it), never its secret."""
    user_id: Mapped[str] = _owner()
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(16))
    """"read" or "read-write"."""
    created_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]


class CalendarFeedRow(Base):
    """A runner's private calendar subscription: only the SHA-256 of its link's secret."""

    __tablename__ = "calendar_feeds"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = _owner()
    created_at: Mapped[datetime]
    weeks: Mapped[int] = mapped_column(Integer)
    sessions: Mapped[int] = mapped_column(Integer)
    """The plan the feed carries: weeks ahead and strength sessions a week."""


class LoginAttemptRow(Base):
    """A failed sign-in, kept for a while so that throttling holds across every worker."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(128), index=True)
    at: Mapped[datetime] = mapped_column(index=True)


class SiteSettingRow(Base):
    """One setting the admin changes in the running app (open registration), as JSON."""

    __tablename__ = "site_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]]


class ImportJobRow(Base):
    """An upload too large to import in its request: its files, progress and state on the queue."""

    __tablename__ = "import_jobs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = _owner()
    status: Mapped[str] = mapped_column(String(16))
    """"queued", "running", "done", "cancelled" or "failed"."""
    files: Mapped[list[Any]]
    """The uploaded files, kept as originals: [{"name", "sha256", "size_bytes"}, ...]."""
    items_total: Mapped[int] = mapped_column(Integer, default=0)
    """Activity files the upload holds (archive entries counted), known once the job starts."""
    items_done: Mapped[int] = mapped_column(Integer, default=0)
    bytes_total: Mapped[int] = mapped_column(BigInteger, default=0)
    bytes_done: Mapped[int] = mapped_column(BigInteger, default=0)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    worker: Mapped[str | None] = mapped_column(String(36))
    """The run of a worker that holds the job; another takes it over when this one goes quiet."""
    created_at: Mapped[datetime]
    started_at: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    tries: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    """Claims since the last stored file: a job that stops every worker ends as failed."""
    error: Mapped[str | None] = mapped_column(Text)
    """What stopped the last try (shown to the runner once the job has failed)."""


class ImportJobItemRow(Base):
    """What happened to one file of a job, stored in the transaction that stored its runs."""

    __tablename__ = "import_job_items"

    job_id: Mapped[str] = mapped_column(
        ForeignKey("import_jobs.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = _owner()
    path: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    activities: Mapped[int] = mapped_column(Integer)
    size_bytes: Mapped[int] = mapped_column(BigInteger)


class RunOriginalRow(Base):
    """Where a stored activity's original file is kept: the upload's digest and, for an archive,
    the entry inside it."""

    __tablename__ = "run_originals"

    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    activity_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    """The stored activity's `raw_sha256`."""
    original_sha256: Mapped[str] = mapped_column(String(64))
    original_name: Mapped[str] = mapped_column(String(255))
    entry: Mapped[str | None] = mapped_column(Text)
    """The entry's path inside the archive ("inner.zip!run.fit" when nested), or None."""


class CareLinkRow(Base):
    """A runner's consent for a clinician to reach some scopes of their data (kept when revoked)."""

    __tablename__ = "care_links"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = _owner()
    """The runner who gave the consent."""
    clinician_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    scopes: Mapped[list[Any]]
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class CareInviteRow(Base):
    """A runner's invitation for a clinician: only the SHA-256 of its code, used once."""

    __tablename__ = "care_invites"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = _owner()
    scopes: Mapped[list[Any]]
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class CareRequestRow(Base):
    """A clinician's request that a runner link them: only the SHA-256 of its code; used_at
    marks it taken (once), and a runner's acceptance takes it with one guarded UPDATE."""

    __tablename__ = "care_requests"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    clinician_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class CareAuditRow(Base):
    """One clinician read or change of a runner's data; the clinician is named, not linked."""

    __tablename__ = "care_audit"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = _owner()
    """The runner whose data was reached."""
    at: Mapped[datetime]
    clinician_id: Mapped[str] = mapped_column(String(36))
    """No foreign key: the trail outlives the clinician's account and the link."""
    clinician_login: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(16))
    change: Mapped[bool] = mapped_column(Boolean)
    what: Mapped[str] = mapped_column(String(200))


class CareAlertRow(Base):
    """Something a clinician should see in a client's record: one row per event and clinician."""

    __tablename__ = "care_alerts"
    __table_args__ = (
        UniqueConstraint(
            "clinician_id", "user_id", "kind", "source_id", name="uq_care_alerts_event"
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = _owner()
    """The runner (the clinician's client) the alert is about."""
    clinician_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    source_id: Mapped[str] = mapped_column(String(36))
    """The row that raised it (a screening or a pain entry): the same event never alerts twice."""
    scope: Mapped[str] = mapped_column(String(16))
    what: Mapped[str] = mapped_column(String(200))
    raised_at: Mapped[datetime]
    acknowledged_at: Mapped[datetime | None]
    email_claimed_at: Mapped[datetime | None]
    email_attempts: Mapped[int] = mapped_column(Integer, default=0)
    emailed_at: Mapped[datetime | None]


class ProgrammeChangeRow(Base):
    """One version of a clinician's programme changes for a runner: appended, never edited."""

    __tablename__ = "programme_changes"
    __table_args__ = (UniqueConstraint("user_id", "version"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = _owner()
    """The runner whose programme it changes."""
    version: Mapped[int] = mapped_column(Integer)
    """1, 2, 3 ... per runner, in the order the versions were made."""
    at: Mapped[datetime]
    author_id: Mapped[str] = mapped_column(String(36))
    """No foreign key: the history outlives the clinician's account and the link."""
    author_login: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    exercise_id: Mapped[str | None] = mapped_column(String(80))
    max_reps: Mapped[int | None] = mapped_column(Integer)
    max_hold_s: Mapped[int | None] = mapped_column(Integer)
    sessions: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(1000))
    reason: Mapped[str] = mapped_column(String(500))
    undoes: Mapped[str | None] = mapped_column(String(36))
    """The id of the version this one undoes."""


Index("ix_pain_entries_user_time", PainEntryRow.user_id, PainEntryRow.recorded_at)
Index("ix_screenings_user_time", ScreeningRow.user_id, ScreeningRow.taken_at)
Index("ix_activities_user_start", ActivityRow.user_id, ActivityRow.start_utc)
# Covers the runs list's counts, sums, sports and pages: a long history is counted from the
# index alone, never from rows that carry the summaries and samples.
Index(
    "ix_activities_user_sport_start",
    ActivityRow.user_id,
    ActivityRow.sport,
    ActivityRow.start_utc,
    ActivityRow.id,
    ActivityRow.elapsed_s,
    ActivityRow.distance_m,
)
Index("ix_care_audit_user_time", CareAuditRow.user_id, CareAuditRow.at)
Index("ix_care_alerts_unsent", CareAlertRow.emailed_at)

# Tables in the order rows must be written (parents first); export and import use it.
OWNED_TABLES = (
    ProfileRow,
    ScreeningRow,
    PainEntryRow,
    ExerciseSessionRow,
    ExerciseLogRow,
    ActivityRow,
    PlanRow,
    CareAuditRow,
    ProgrammeChangeRow,
)
