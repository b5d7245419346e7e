"""A browser session as the API returns it: the start with its timeline, the stored result."""

from datetime import datetime

from backstride.domain.progression import Action as DoseAction
from backstride.domain.session_record import SessionRecord
from backstride.domain.session_safety import (
    PAIN_ENDS_EXERCISE_ABOVE,
    PAIN_ENDS_SESSION_FROM,
    SAFETY_ENDS,
    SessionEnd,
)
from backstride.services.browser_sessions import NextDose, OpenedSession
from backstride.services.exercises import catalogue
from backstride.services.result_model import ResultModel
from backstride.services.session_timeline_result import TimelineStepResult, timeline_step_result


class PainRulesResult(ResultModel):
    """The pain rules the page applies when the server cannot be reached (DOMAIN.md 2.1.4)."""

    ends_exercise_above: int
    ends_session_from: int
    source: str


class ExerciseHowResult(ResultModel):
    """How to do one exercise of the session, for a first-timer: one tap away in the player."""

    id: str
    name: str
    starting_position: str
    steps: list[str]


class SessionStartResult(ResultModel):
    """A started session: its id, when, its total length, every step to play, how to do each."""

    id: str
    started_at: datetime
    total_s: float
    steps: list[TimelineStepResult]
    exercises: list[ExerciseHowResult]
    pain_rules: PainRulesResult


class PlayedExerciseResult(ResultModel):
    """One exercise of a stored session: work planned, done and skipped, pain, flags."""

    exercise_id: str
    exercise_name: str
    level_id: str
    work_planned: int
    work_done: int
    work_skipped: int
    pain_during: int | None
    stopped_for_pain: int | None
    leg_symptoms: bool


class NextDoseResult(ResultModel):
    """An exercise's dose decision as it stands after this session."""

    exercise_id: str
    action: DoseAction
    reason: str


class SessionResult(ResultModel):
    """A stored session: open (not reported yet) or finished, with what it did and what follows."""

    id: str
    started_at: datetime
    ended_at: datetime | None
    finished: bool
    completed: bool
    ended_by: SessionEnd | None
    check_in_next: bool
    """True when it was ended for pain 7+ or leg symptoms: the check-in comes next."""
    exercises: list[PlayedExerciseResult]
    next_doses: list[NextDoseResult]


def pain_rules_result() -> PainRulesResult:
    """The thresholds of domain.session_safety, for the page's offline copy of the rule."""
    return PainRulesResult(
        ends_exercise_above=PAIN_ENDS_EXERCISE_ABOVE,
        ends_session_from=PAIN_ENDS_SESSION_FROM,
        source="DOMAIN.md 2.1.4",
    )


def session_start_result(opened: OpenedSession) -> SessionStartResult:
    """A started session in its result shape."""
    cat = catalogue()
    ids = list(dict.fromkeys(step.exercise_id for step in opened.steps if step.exercise_id))
    how = [cat.get(exercise_id) for exercise_id in ids]
    return SessionStartResult(
        id=opened.session_id,
        started_at=opened.started_at,
        total_s=sum(step.duration_s for step in opened.steps),
        steps=[timeline_step_result(step) for step in opened.steps],
        exercises=[
            ExerciseHowResult(
                id=e.id, name=e.name, starting_position=e.starting_position, steps=list(e.steps)
            )
            for e in how
        ],
        pain_rules=pain_rules_result(),
    )


def session_result(record: SessionRecord, doses: list[NextDose]) -> SessionResult:
    """A stored session in its result shape."""
    cat = catalogue()
    exercises = []
    for log in record.logs:
        done = log.done
        exercises.append(
            PlayedExerciseResult(
                exercise_id=log.exercise_id,
                exercise_name=cat.get(log.exercise_id).name,
                level_id=log.level_id,
                work_planned=int(done.get("work_planned", 0)),
                work_done=int(done.get("work_done", 0)),
                work_skipped=int(done.get("work_skipped", 0)),
                pain_during=log.pain_during,
                stopped_for_pain=done.get("stopped_for_pain"),
                leg_symptoms=bool(done.get("leg_symptoms")),
            )
        )
    ended = record.routine.get("ended_by") if record.ended_at is not None else None
    return SessionResult(
        id=record.id,
        started_at=record.started_at,
        ended_at=record.ended_at,
        finished=record.ended_at is not None,
        completed=record.completed,
        ended_by=ended,
        check_in_next=ended in SAFETY_ENDS,
        exercises=exercises,
        next_doses=[NextDoseResult(**_fields(dose)) for dose in doses],
    )


def _fields(dose: NextDose) -> dict[str, object]:
    return {"exercise_id": dose.exercise_id, "action": dose.action, "reason": dose.reason}
