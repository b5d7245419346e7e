"""What a restored row may hold: one strict model per table, on the scales the app uses.

A backup is input like any other: every row is checked against the same rules as the commands
that record it (pain 0-10 NRS, session RPE 0-10 CR-10, catalogue ids, triage levels) before
anything is written, so a restore never stores a row that a later command cannot read.
"""

import struct
import zlib
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from backstride.config import InputLimits
from backstride.domain.care import Scope
from backstride.domain.load import RPE_MAX, RPE_MIN
from backstride.domain.pain import PainReach, PainSide, PainWhen
from backstride.domain.patterns import Pattern
from backstride.domain.profile import Profile
from backstride.domain.programme_changes import (
    EXERCISE_KINDS,
    NOTE_MAX,
    REASON_MAX,
    ChangeKind,
)
from backstride.domain.safety_status import RecordKind
from backstride.domain.screening import Level
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.errors import BackstrideError, InvalidInput
from backstride.services.exercises import catalogue
from backstride.storage.sample_codec import unpack_samples

CLOCK_SKEW = timedelta(days=1)
"""How far after now a restored record may be dated: clocks on two machines disagree a little."""
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
"""Nothing recorded here predates this (no activity file or record can be older)."""
PLAN_HORIZON = timedelta(days=366)
"""A planned week may start up to a year ahead."""
MAX_DURATION_S = 7 * 86_400.0  # a week: longer than any session or multi-day race
MAX_DISTANCE_M = 10_000_000.0  # 10,000 km
MAX_SAMPLES = InputLimits().max_samples_per_file
MAX_OFFSET_MIN = 14 * 60  # UTC-12:00 .. UTC+14:00 are the zones in use

_STRICT = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, frozen=True)
Id = Annotated[str, StringConstraints(min_length=1, max_length=36)]
Score = Annotated[int, Field(ge=0, le=10)]
Seconds = Annotated[float, Field(ge=0, le=MAX_DURATION_S)]


def _known_exercise(value: str) -> str:
    try:
        catalogue().get(value)
    except BackstrideError:
        raise ValueError("not an exercise in the catalogue") from None
    return value


def _known_level(value: str) -> str:
    try:
        catalogue().rung(value)
    except BackstrideError:
        raise ValueError("not a ladder level in the catalogue") from None
    return value


def _inner(model: type[BaseModel]) -> Any:
    """A validator checking a JSON column with a model; its first problem becomes one line."""

    def check(value: dict[str, Any]) -> dict[str, Any]:
        try:
            model.model_validate(value)
        except ValidationError as error:
            raise ValueError(f"{model.__name__}: {_first_problem(error)}") from None
        return value

    return AfterValidator(check)


def _first_problem(error: ValidationError) -> str:
    problem = error.errors(include_url=False)[0]
    field = _printable(".".join(str(part) for part in problem["loc"]) or "(the whole value)")
    shown = _shown(problem.get("input"))
    message = _printable(problem["msg"].removeprefix("Value error, "))
    return f"{field} {shown} is not valid: {message}"


def _shown(value: Any) -> str:
    """A value as a message shows it: times as ISO text, bytes and documents in short."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"({len(value)} bytes)"
    if isinstance(value, dict) and value:
        return "{...}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _printable(text: str) -> str:
    return text if text.isprintable() else repr(text)


class _Row(BaseModel):
    """Every restored row: its times lie between 1970 and now plus the clock skew."""

    model_config = _STRICT

    @field_validator("*", mode="after")
    @classmethod
    def _not_in_the_future(cls, value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, datetime) or info.context is None:
            return value
        latest: datetime = info.context["now"] + CLOCK_SKEW
        if value.tzinfo is None:
            raise ValueError("a time zone is required")
        if value < EARLIEST:
            raise ValueError(f"before {EARLIEST.date()}: no record here is that old")
        if value > latest:
            raise ValueError(
                f"after now ({info.context['now']:%Y-%m-%d %H:%M} UTC, allowing "
                f"{CLOCK_SKEW.days} day of clock difference): was the other machine's clock ahead?"
            )
        return value


class ProfileRestore(_Row):
    """A profile row."""

    document: Annotated[dict[str, Any], _inner(Profile)]
    updated_at: datetime


class ScreeningRestore(_Row):
    """A screening or check-in row."""

    id: Id
    taken_at: datetime
    kind: RecordKind
    rule_table_version: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    answers: Annotated[dict[str, Any], _inner(ScreeningAnswers)]
    triage: Level
    pattern: Pattern
    rules: list[Annotated[str, StringConstraints(min_length=1, max_length=64)]]


class PainRestore(_Row):
    """A pain entry row."""

    id: Id
    recorded_at: datetime
    score: Score
    when: PainWhen
    reaches: PainReach
    side: PainSide
    note: Annotated[str, StringConstraints(max_length=2_000)]


class SessionRestore(_Row):
    """An exercise session row."""

    id: Id
    started_at: datetime
    ended_at: datetime | None
    duration_s: Seconds | None
    rpe: Annotated[int, Field(ge=RPE_MIN, le=RPE_MAX)] | None
    completed: bool
    routine: dict[str, Any]


class LogRestore(_Row):
    """One exercise of a session."""

    id: Id
    session_id: Id
    position: Annotated[int, Field(ge=0, le=1_000)]
    exercise_id: Annotated[str, AfterValidator(_known_exercise)]
    level_id: Annotated[str, AfterValidator(_known_level)]
    planned: dict[str, Any]
    done: dict[str, Any]
    pain_during: Score | None


class Split(BaseModel):
    """One kilometre of an activity summary."""

    model_config = _STRICT
    km: Annotated[int, Field(ge=0, le=100_000)]
    duration_s: Seconds


Beats = Annotated[float, Field(ge=0, le=300)]
Metres = Annotated[float, Field(ge=0, le=MAX_DISTANCE_M)]


class Summary(BaseModel):
    """An activity's stored metrics (storage.activities.save_activity writes them)."""

    model_config = _STRICT
    elapsed_s: Seconds
    moving_s: Seconds | None
    distance_m: Metres | None
    avg_pace_s_per_km: Annotated[float, Field(ge=0, le=MAX_DURATION_S)] | None
    elevation_gain_m: Annotated[float, Field(ge=0, le=1_000_000)] | None
    avg_hr_bpm: Beats | None
    max_hr_bpm: Annotated[int, Field(ge=0, le=300)] | None
    avg_cadence_spm: Annotated[float, Field(ge=0, le=400)] | None
    cadence_histogram: dict[Annotated[str, StringConstraints(pattern=r"^\d{1,3}$")], int]
    splits: list[Split]
    name: Annotated[str, StringConstraints(max_length=2_000)] | None


def _samples(value: bytes | None) -> bytes | None:
    if value is not None:
        if len(value) >= 8 and int.from_bytes(value[4:8], "little") > MAX_SAMPLES:
            raise ValueError(f"more than {MAX_SAMPLES} samples")
        try:
            unpack_samples(value)
        except (ValueError, struct.error, zlib.error) as error:
            raise ValueError(f"not packed samples ({error})") from None
    return value


class ActivityRestore(_Row):
    """An imported activity row."""

    id: Id
    source: Annotated[str, StringConstraints(max_length=255)]
    raw_sha256: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    start_utc: datetime
    local_offset_min: Annotated[int, Field(ge=-12 * 60, le=MAX_OFFSET_MIN)] | None
    sport: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    sub_sport: Annotated[str, StringConstraints(max_length=32)] | None
    elapsed_s: Seconds
    moving_s: Seconds | None
    distance_m: Metres | None
    summary: Annotated[dict[str, Any], _inner(Summary)]
    samples: Annotated[bytes | None, AfterValidator(_samples)]


class PlanRestore(_Row):
    """A planned week."""

    id: Id
    created_at: datetime
    week_start: date
    document: dict[str, Any]

    @field_validator("week_start", mode="after")
    @classmethod
    def _week_in_range(cls, value: date, info: ValidationInfo) -> date:
        if info.context is None:
            return value
        latest = (info.context["now"] + PLAN_HORIZON).date()
        if not EARLIEST.date() <= value <= latest:
            raise ValueError(f"outside {EARLIEST.date()} to {latest} (a year ahead)")
        return value


class CareAuditRestore(_Row):
    """One entry of the audit trail of clinician access."""

    id: Id
    at: datetime
    clinician_id: Id
    clinician_login: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    scope: Scope
    change: bool
    what: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class ProgrammeChangeRestore(_Row):
    """One version of a clinician's programme changes, with the fields its kind needs."""

    id: Id
    version: Annotated[int, Field(ge=1)]
    at: datetime
    author_id: Id
    author_login: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    kind: ChangeKind
    exercise_id: Annotated[str, AfterValidator(_known_exercise)] | None
    max_reps: Annotated[int, Field(ge=1, le=1000)] | None
    max_hold_s: Annotated[int, Field(ge=1, le=3600)] | None
    sessions: Literal[2, 3] | None  # S004: 2-3 strength sessions a week
    note: Annotated[str, StringConstraints(max_length=NOTE_MAX)]
    reason: Annotated[str, StringConstraints(min_length=1, max_length=REASON_MAX)]
    undoes: Id | None

    @model_validator(mode="after")
    def _fields_of_its_kind(self) -> "ProgrammeChangeRestore":
        if self.kind in EXERCISE_KINDS and self.exercise_id is None:
            raise ValueError(f"a {self.kind} change names its exercise_id")
        if self.kind == "cap" and self.max_reps is None and self.max_hold_s is None:
            raise ValueError("a cap change sets max_reps, max_hold_s or both")
        if self.kind == "sessions" and self.sessions is None:
            raise ValueError("a sessions change sets sessions (2 or 3)")
        if self.kind == "note" and not self.note.strip():
            raise ValueError("a note change holds its note")
        return self


MODELS: dict[str, type[_Row]] = {
    "profiles": ProfileRestore,
    "screenings": ScreeningRestore,
    "pain_entries": PainRestore,
    "exercise_sessions": SessionRestore,
    "exercise_logs": LogRestore,
    "activities": ActivityRestore,
    "plans": PlanRestore,
    "care_audit": CareAuditRestore,
    "programme_changes": ProgrammeChangeRestore,
}


def check_restored_row(name: str, index: int, values: dict[str, Any], now: datetime) -> None:
    """Refuse a decoded row that breaks its table's rules, naming row, field, value and rule."""
    try:
        own = {key: value for key, value in values.items() if key != "user_id"}
        MODELS[name].model_validate(own, context={"now": now})
    except ValidationError as error:
        raise InvalidInput(f"{name} row {index + 1}: {_first_problem(error)}") from error
    if name == "exercise_sessions":
        started, ended = values["started_at"], values["ended_at"]
        if ended is not None and ended < started:
            raise InvalidInput(
                f"{name} row {index + 1}: ended_at {ended.isoformat()} is before started_at "
                f"{started.isoformat()}: a session ends after it starts"
            )
