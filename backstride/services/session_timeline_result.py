"""A guided session's timeline as a result shape: what `go --dry-run --json` prints.

The browser player will play this very timeline, fetched through the API.
"""

from collections.abc import Sequence

from backstride.domain.session import Side, Step, StepKind
from backstride.services.result_model import ResultModel


class TimelineStepResult(ResultModel):
    """One timed step: its kind, exercise, side, set, round and length lead; then the rest."""

    kind: StepKind
    exercise: str | None
    side: Side | None
    set: int
    round: int
    duration_s: float
    exercise_name: str
    level_id: str
    sets_total: int
    rounds_total: int
    reps: int | None
    tempo_s: float | None
    hold_s: int | None
    cue: str
    label: str
    ends_exercise: bool


class SessionTimelineResult(ResultModel):
    """Every step the player would play, in order."""

    steps: list[TimelineStepResult]


def timeline_step_result(step: Step) -> TimelineStepResult:
    """One step in its result shape."""
    return TimelineStepResult(
        kind=step.kind,
        exercise=step.exercise_id,
        side=step.side,
        set=step.set,
        round=step.round,
        duration_s=step.duration_s,
        exercise_name=step.exercise_name,
        level_id=step.level_id,
        sets_total=step.sets_total,
        rounds_total=step.rounds_total,
        reps=step.reps,
        tempo_s=step.tempo_s,
        hold_s=step.hold_s,
        cue=step.cue,
        label=step.label,
        ends_exercise=step.ends_exercise,
    )


def session_timeline_result(steps: Sequence[Step]) -> SessionTimelineResult:
    """The timeline in its one result shape."""
    return SessionTimelineResult(steps=[timeline_step_result(step) for step in steps])
