"""The runner's profile: units, equipment and the usual running week."""

import re
from collections.abc import Sequence
from datetime import date
from typing import Annotated, Any, Literal, Self, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

from backstride.domain.choices import normalise_word, pick
from backstride.domain.exercise import Equipment
from backstride.domain.local_time import zone_named
from backstride.domain.units import Units
from backstride.errors import InvalidInput

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
RunType = Literal["easy", "long", "intervals", "race", "rest"]

WEEKDAYS: tuple[Weekday, ...] = get_args(Weekday)
RUN_TYPES: tuple[RunType, ...] = get_args(RunType)
# What a runner can own: the catalogue's items, less "none", which means owning nothing.
EQUIPMENT_ITEMS: tuple[str, ...] = tuple(item for item in get_args(Equipment) if item != "none")
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
START = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
RUN_DAYS_FORM = "day:type[@HH:MM], e.g. tue:easy@07:00"

# pick returns a plain str; these give the checker back the literal it belongs to.
_WEEKDAY: dict[str, Weekday] = {day: day for day in WEEKDAYS}
_RUN_TYPE: dict[str, RunType] = {kind: kind for kind in RUN_TYPES}

_DAY = "(mon|tue|wed|thu|fri|sat|sun)"
MOVE_PATTERN = rf"^{_DAY}:{_DAY}(@([01][0-9]|2[0-3]):[0-5][0-9])?$"

_STRICT = ConfigDict(frozen=True, extra="forbid", strict=True)

# A cadence counted by hand: 40 to 120 steps in 30 s, so 80 to 240 steps a minute.
COUNTED_SPM_MIN, COUNTED_SPM_MAX = 80, 240


def check_start(value: str) -> str:
    """Refuse a start time that is not a 24-hour HH:MM between 00:00 and 23:59."""
    if not START.match(value):
        raise ValueError(
            f"start time {value!r} is not valid: use 24-hour HH:MM from 00:00 to 23:59, e.g. 07:30"
        )
    return value


class RunDay(BaseModel):
    """One day of the usual running week: which day, what kind of run, and when it starts."""

    model_config = _STRICT

    day: Weekday
    type: RunType = "easy"
    start: str | None = None

    @field_validator("start")
    @classmethod
    def _start(cls, value: str | None) -> str | None:
        return None if value is None else check_start(value)


class Profile(BaseModel):
    """Who the runner is, what they own and when they usually run; validated strictly."""

    model_config = _STRICT

    name: str | None = Field(default=None, max_length=80)
    units: Units = "km"
    birth_year: int | None = Field(default=None, ge=1900, le=2100)
    equipment: list[str] = []
    run_days: list[RunDay] = []
    # Strength sessions the runner moved in `backstride plan`, in order: "tue:mon@18:00".
    plan_moves: list[Annotated[str, Field(pattern=MOVE_PATTERN)]] = []
    counted_cadence_spm: int | None = Field(default=None, ge=COUNTED_SPM_MIN, le=COUNTED_SPM_MAX)
    counted_on: str | None = None
    time_zone: str | None = None
    """The runner's IANA time zone; None means the adapter's default (the CLI: the machine's)."""

    @field_validator("time_zone")
    @classmethod
    def _time_zone(cls, value: str | None) -> str | None:
        if value is not None:
            zone_named(value)
        return value

    @field_validator("counted_on")
    @classmethod
    def _counted_on(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            day = date.fromisoformat(value)
        except ValueError:
            day = None
        if day is None or day.isoformat() != value:
            raise ValueError(f"count date {value!r} is not valid: use YYYY-MM-DD, e.g. 2025-04-30")
        return value

    @field_validator("equipment")
    @classmethod
    def _equipment(cls, value: list[str]) -> list[str]:
        unknown = [item for item in value if item not in EQUIPMENT_ITEMS]
        if unknown:
            raise ValueError(
                f"unknown equipment {', '.join(map(repr, unknown))}: "
                f"valid: {', '.join(EQUIPMENT_ITEMS)} (leave the list empty for none)"
            )
        repeated = _repeated(value)
        if repeated:
            raise ValueError(f"equipment {', '.join(map(repr, repeated))} listed more than once")
        return sorted(value, key=EQUIPMENT_ITEMS.index)

    @field_validator("run_days")
    @classmethod
    def _run_days(cls, value: list[RunDay]) -> list[RunDay]:
        repeated = _repeated([run.day for run in value])
        if repeated:
            raise ValueError(
                f"run day {', '.join(map(repr, repeated))} listed more than once: "
                "give each weekday at most one run"
            )
        return sorted(value, key=lambda run: WEEKDAYS.index(run.day))

    def with_changes(self, **changes: Any) -> Self:
        """A validated copy with some fields changed; bad values raise and self stays as it is."""
        return self.model_validate({**self.model_dump(), **changes})


def _repeated(values: Sequence[str]) -> list[str]:
    """The values that occur more than once, each named once, in order of first repeat."""
    seen: set[str] = set()
    repeated: list[str] = []
    for value in values:
        if value in seen and value not in repeated:
            repeated.append(value)
        seen.add(value)
    return repeated


def weekday(typed: str) -> Weekday:
    """The weekday meant by a short or full name in any case ("Tuesday", "TUE", "tues")."""
    word = normalise_word(typed)
    if len(word) >= 3:
        for day, full in zip(WEEKDAYS, DAY_NAMES, strict=True):
            if full.startswith(word):
                return day
    return _WEEKDAY[pick("day", typed, WEEKDAYS)]


def run_type(typed: str) -> RunType:
    """The run type meant by a typed word, any case; close matches are suggested if none."""
    return _RUN_TYPE[pick("run type", typed, RUN_TYPES)]


def parse_run_day(part: str) -> RunDay:
    """One `day[:type][@HH:MM]` entry; the type defaults to easy and the start to none."""
    head, at, start = part.strip().partition("@")
    day_text, colon, type_text = head.partition(":")
    if not day_text.strip() or (colon and not type_text.strip()) or (at and not start.strip()):
        raise InvalidInput(f"run day {part!r} is incomplete: use {RUN_DAYS_FORM}")
    if "@" in start or ":" in type_text:
        raise InvalidInput(f"run day {part!r} is not in the form {RUN_DAYS_FORM}")
    day = weekday(day_text)
    kind = run_type(type_text) if colon else "easy"
    try:
        return RunDay(day=day, type=kind, start=check_start(start.strip()) if at else None)
    except ValueError as error:
        raise InvalidInput(f"in run day {part!r}: {error}") from None


def parse_run_days(spec: str) -> list[RunDay]:
    """The command-line running week, `day:type[@HH:MM]` comma-separated; "" means no runs."""
    if not spec.strip():
        return []
    days = []
    for part in spec.split(","):
        if not part.strip():
            raise InvalidInput(f"empty run day in {spec!r}: remove the extra comma")
        days.append(parse_run_day(part))
    repeated = _repeated([run.day for run in days])
    if repeated:
        raise InvalidInput(
            f"run day {', '.join(map(repr, repeated))} given more than once in {spec!r}: "
            "give each weekday at most one run"
        )
    return days


def format_run_days(days: Sequence[RunDay]) -> str:
    """The running week in the command-line form that parse_run_days reads back."""
    return ",".join(
        f"{run.day}:{run.type}" + (f"@{run.start}" if run.start is not None else "") for run in days
    )


def parse_equipment(spec: str) -> list[str]:
    """Comma-separated equipment ("mat, stability ball"); "none" or "" means none."""
    if normalise_word(spec) in ("", "none"):
        return []
    items = []
    for part in spec.split(","):
        if not part.strip():
            raise InvalidInput(f"empty equipment item in {spec!r}: remove the extra comma")
        if normalise_word(part) == "none":
            raise InvalidInput(f"'none' cannot be listed with other equipment in {spec!r}")
        items.append(pick("equipment", part, EQUIPMENT_ITEMS))
    repeated = _repeated(items)
    if repeated:
        raise InvalidInput(f"equipment {', '.join(map(repr, repeated))} given more than once")
    return items
