"""One exercise of the catalogue: its description, doses, ladder, cautions and pattern fit."""

import re
from collections.abc import Set as AbstractSet
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    computed_field,
    field_validator,
    model_validator,
)

from backstride.domain.patterns import PATTERNS, Pattern
from backstride.domain.sources import is_known_source, is_seed

Category = Literal["core", "glutes", "back_extensors", "mobility", "stretch", "activation", "legs"]
Equipment = Literal["none", "mat", "stability_ball", "towel", "wall"]
Mode = Literal["hold", "reps", "reps_with_hold", "timed_rounds"]
Sides = Literal["both", "each_side", "alternating"]
Fit = Literal["suitable", "optional", "avoid"]

KEBAB_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FAMILY_ID = re.compile(r"^F(0[1-9]|1[0-9]|2[01])$")

_STRICT = ConfigDict(frozen=True, extra="forbid", strict=True)


def _check_source(value: str) -> str:
    """Refuse a source tag that names no seed file, reference key or DOMAIN.md section."""
    if not is_known_source(value):
        raise ValueError(
            f"unknown source {value!r}: use a seed file name, a reference key "
            "listed in backstride/domain/sources.py, or 'DOMAIN.md <section>'"
        )
    return value


SourceTag = Annotated[str, AfterValidator(_check_source)]


class Span(BaseModel):
    """An inclusive range of whole numbers, written as a seed gives it (8-12, or just 15)."""

    model_config = _STRICT

    low: int = Field(ge=0)
    high: int = Field(ge=0)

    @model_validator(mode="before")
    @classmethod
    def _from_toml(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return {"low": value, "high": value}
        if isinstance(value, list) and len(value) == 2:
            return {"low": value[0], "high": value[1]}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.low > self.high:
            raise ValueError(f"range {self.low}-{self.high} runs backwards")
        return self

    def __str__(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}-{self.high}"


class Dose(BaseModel):
    """One dose exactly as one source gives it; numbers are never rounded or merged."""

    model_config = _STRICT

    source: SourceTag
    default: bool = False
    summary: str = Field(min_length=3)
    sets: Span | None = None
    reps: Span | None = None
    reps_scope: Literal["each_set", "whole_circuit"] = "each_set"
    hold_s: Span | None = None
    rest_between_reps_s: Span | None = None
    rest_between_exercises_s: int | None = Field(default=None, ge=0)
    frequency: str | None = None
    choice: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def from_seed(self) -> bool:
        """True when the dose comes from one of the five seed articles."""
        return is_seed(self.source)


class Note(BaseModel):
    """A caution or a stop sign, with where it comes from."""

    model_config = _STRICT

    text: str = Field(min_length=3)
    source: SourceTag


class PatternFit(BaseModel):
    """Whether an exercise suits one pain pattern, and why."""

    model_config = _STRICT

    fit: Fit
    reason: str = Field(min_length=3)
    source: SourceTag


class Level(BaseModel):
    """One rung of an exercise's own ladder of variations."""

    model_config = _STRICT

    id: str = Field(pattern=KEBAB_ID.pattern)
    name: str
    change: str = Field(min_length=3)
    source: SourceTag


class Exercise(BaseModel):
    """An exercise family as the catalogue holds it, validated strictly on load."""

    model_config = _STRICT

    id: str = Field(pattern=KEBAB_ID.pattern)
    family: str = Field(pattern=FAMILY_ID.pattern)
    name: str
    aliases: list[str] = []
    category: Category
    summary: str
    described_by_seeds: bool
    seeds: list[str]
    description_note: str | None = None
    starting_position: str
    steps: list[str] = Field(min_length=1)
    cues: list[str] = Field(min_length=1)
    common_mistakes: list[str] = Field(min_length=1)
    equipment: list[Equipment] = Field(min_length=1)
    target_muscles: list[str] = Field(min_length=1)
    mode: Mode
    sides: Sides
    doses: list[Dose] = Field(min_length=1)
    ladder: list[Level] = []
    progresses_to: str | None = None
    regresses_to: str | None = None
    cautions: list[Note] = Field(min_length=1)
    stop_signs: list[Note] = Field(min_length=1)
    patterns: dict[Pattern, PatternFit]

    @field_validator("seeds")
    @classmethod
    def _seed_files(cls, value: list[str]) -> list[str]:
        for seed in value:
            if not is_seed(seed):
                raise ValueError(f"{seed!r} is not one of the five seed file names")
        return value

    @model_validator(mode="after")
    def _coherent(self) -> Self:
        problems: list[str] = []
        defaults = [dose for dose in self.doses if dose.default]
        if len(defaults) != 1:
            problems.append(f"exactly one dose must be the default, found {len(defaults)}")
        missing = [p for p in PATTERNS if p not in self.patterns]
        if missing:
            problems.append("no pattern fit for " + ", ".join(missing))
        if "none" in self.equipment and len(self.equipment) > 1:
            problems.append("equipment 'none' cannot be listed with other items")
        if self.described_by_seeds and not self.seeds:
            problems.append("an exercise described by the seeds must name its seed files")
        if not self.described_by_seeds and not self.description_note:
            problems.append("a standard description needs a description_note saying so")
        if self.ladder and self.id not in {level.id for level in self.ladder}:
            problems.append(f"the ladder must hold the base level {self.id!r}")
        problems.extend(self._dose_shape_problems())
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def _dose_shape_problems(self) -> list[str]:
        """Each mode needs its numbers: a hold needs seconds, reps need a count."""
        needs_hold = self.mode in ("hold", "reps_with_hold", "timed_rounds")
        needs_reps = self.mode in ("reps", "reps_with_hold", "timed_rounds")
        problems = []
        for dose in self.doses:
            if needs_hold and dose.hold_s is None:
                problems.append(f"mode {self.mode} needs hold_s in the dose from {dose.source}")
            if needs_reps and dose.reps is None:
                problems.append(f"mode {self.mode} needs reps in the dose from {dose.source}")
        return problems

    @property
    def default_dose(self) -> Dose:
        """The dose a routine uses unless told otherwise."""
        return next(dose for dose in self.doses if dose.default)

    @property
    def level_ids(self) -> list[str]:
        """This family's rungs, easiest first (just the id when it has no ladder)."""
        return [level.id for level in self.ladder] or [self.id]

    def needs_only(self, owned: AbstractSet[str]) -> bool:
        """True when the runner's equipment covers everything this exercise needs."""
        return all(item == "none" or item in owned for item in self.equipment)
