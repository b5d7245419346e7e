"""The bodies of the session routes: what to start, and what a browser player reports."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from backstride.domain.player import Completion
from backstride.domain.session_safety import SessionEnd
from backstride.services.browser_sessions import PlayedSteps
from backstride.web.api.problems import ApiRefusal

_BODY = ConfigDict(frozen=True, extra="forbid", strict=True)
MAX_STEPS = 2000
"""More entries than any timeline has steps (a 90-minute session has a few hundred)."""


class SessionNew(BaseModel):
    """Today's routine to start: the minutes there are and the goal (the routine's defaults)."""

    model_config = _BODY

    minutes: int | None = None
    goal: str | None = Field(default=None, max_length=64)


class StepEnd(BaseModel):
    """A step that ended: at its deadline, or skipped."""

    model_config = _BODY

    step: int
    skipped: bool


class PainAnswer(BaseModel):
    """A 0-10 pain score given after the step that ended an exercise."""

    model_config = _BODY

    step: int
    score: int


class PlayedReport(BaseModel):
    """What the player did, by step index into the session's timeline; times are ISO 8601."""

    model_config = _BODY

    started_at: str = Field(max_length=40)
    ended_at: str = Field(max_length=40)
    active_s: float | int
    reached_end: bool
    ended_by: SessionEnd | None = None
    rpe: int | None = None
    completions: list[StepEnd] = Field(default=[], max_length=MAX_STEPS)
    pain_answers: list[PainAnswer] = Field(default=[], max_length=MAX_STEPS)
    leg_symptoms_step: int | None = None
    dropped_steps: list[int] = Field(default=[], max_length=MAX_STEPS)


def _moment(text: str, field: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ApiRefusal(
            422,
            f"{field.replace('_', ' ')} {text!r} is not valid: give an ISO 8601 time with its "
            "offset, such as 2026-12-03T07:30:00Z",
            field,
        )
    return moment


def played_steps(report: PlayedReport) -> PlayedSteps:
    """The report as the service takes it (times read, each with its offset)."""
    return PlayedSteps(
        started_at=_moment(report.started_at, "started_at"),
        ended_at=_moment(report.ended_at, "ended_at"),
        active_s=float(report.active_s),
        reached_end=report.reached_end,
        ended_by=report.ended_by,
        rpe=report.rpe,
        completions=tuple(Completion(end.step, end.skipped) for end in report.completions),
        pain_answers=tuple((answer.step, answer.score) for answer in report.pain_answers),
        leg_symptoms_step=report.leg_symptoms_step,
        dropped_steps=tuple(report.dropped_steps),
    )
