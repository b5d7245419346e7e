"""The API's request bodies that no other model already describes: strict, no unknown fields.

Values are checked again by the services (their messages name what is valid); these models
only fix each field's type, so that `true` is never taken for 1 nor "3" for a number.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from backstride.domain.pain import PainReach, PainSide, PainWhen
from backstride.domain.profile import RunDay

_BODY = ConfigDict(frozen=True, extra="forbid", strict=True)
DELETE_WORDS = "delete my data"


class PainNew(BaseModel):
    """A pain score to log now: the 0-10 score, when it was felt, where it reached, a note."""

    model_config = _BODY

    score: int = Field(ge=0, le=10)
    when: PainWhen
    reaches: PainReach = "back"
    side: PainSide = "central"
    note: str = Field(default="", max_length=2000)


class PainChange(BaseModel):
    """New values for a logged pain entry; fields left out keep their value (the time stays)."""

    model_config = _BODY

    score: int | None = Field(default=None, ge=0, le=10)
    when: PainWhen | None = None
    reaches: PainReach | None = None
    side: PainSide | None = None
    note: str | None = Field(default=None, max_length=2000)


class ProfileChange(BaseModel):
    """Profile fields to change; fields left out keep their value (null clears a nullable one)."""

    model_config = _BODY

    name: str | None = None
    units: Literal["km", "mi"] | None = None
    birth_year: int | None = None
    equipment: list[str] | None = None
    run_days: list[RunDay] | None = None
    time_zone: str | None = None


class DataDeletion(BaseModel):
    """The confirmation that deletes every record of the runner, and the account, for good."""

    model_config = _BODY

    confirm: Literal["delete my data"]


class CareScopes(BaseModel):
    """The scopes a care invitation or link gives (see domain.care.SCOPES)."""

    model_config = _BODY

    scopes: list[str] = Field(max_length=10)


class CareCode(BaseModel):
    """A runner's care invitation code, as the clinician accepts it."""

    model_config = _BODY

    code: str = Field(max_length=80)


class CareRequestAnswer(BaseModel):
    """A clinician's link request code, as the runner accepts it, and the scopes they give."""

    model_config = _BODY

    code: str = Field(max_length=80)
    scopes: list[str] = Field(max_length=10)


class ProgrammeChangeNew(BaseModel):
    """One programme change for a client (see domain.programme_changes.KINDS): the fields a
    kind does not use stay out; the reason is required."""

    model_config = _BODY

    kind: str = Field(max_length=20)
    reason: str = Field(max_length=1000)
    exercise_id: str | None = Field(default=None, max_length=80)
    max_reps: int | None = None
    max_hold_s: int | None = None
    sessions: int | None = None
    note: str = Field(default="", max_length=2000)


class UndoReason(BaseModel):
    """Why a programme change is undone."""

    model_config = _BODY

    reason: str = Field(max_length=1000)
