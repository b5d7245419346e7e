"""Recording a played session: planned against done for every exercise, partial ones too."""

from dataclasses import dataclass
from datetime import datetime

from backstride.domain.routines import Routine
from backstride.domain.session_outcome import ExerciseOutcome
from backstride.errors import InvalidInput
from backstride.services.context import Action
from backstride.services.exercises import catalogue
from backstride.services.routine import RoutinePlan, chain_of, planned_document
from backstride.storage.exercise_sessions import ExerciseLog, SessionRecord, save_session


@dataclass(frozen=True, slots=True)
class PlayedSession:
    """What the player hands back: when, how long, whether it finished, what happened."""

    started_at: datetime
    ended_at: datetime
    active_s: float
    completed: bool
    outcomes: list[ExerciseOutcome]
    rpe: int | None


def record_session(action: Action, plan: RoutinePlan, played: PlayedSession) -> str:
    """Store the session and one log per routine exercise (not reached = nothing done)."""
    if played.rpe is not None and not 0 <= played.rpe <= 10:
        raise InvalidInput(f"effort {played.rpe} is out of range: give 0 to 10")
    cat = catalogue()
    by_exercise = {outcome.exercise_id: outcome for outcome in played.outcomes}
    logs = []
    for position, item in enumerate(plan.routine.items):
        outcome = by_exercise.get(item.exercise.id)
        decision = plan.decisions.get(chain_of(cat, item.exercise.id))
        logs.append(
            ExerciseLog(
                position=position,
                exercise_id=item.exercise.id,
                level_id=item.prescription.level_id,
                planned=planned_document(item.prescription, decision)
                | {"rounds": plan.routine.rounds, "optional": item.optional},
                done=_done(outcome, plan.routine),
                pain_during=outcome.pain_during_max if outcome else None,
            )
        )
    record = SessionRecord(
        started_at=played.started_at,
        ended_at=played.ended_at,
        duration_s=round(played.active_s, 1),
        completed=played.completed,
        rpe=played.rpe,
        routine={
            "rounds": plan.routine.rounds,
            "rest_between_exercises_s": plan.routine.rest_between_exercises_s,
            "low_load": plan.routine.low_load,
            "screening_id": plan.screening.id,
            "minutes": plan.minutes,
            "goal": plan.goal,
            "reasons": list(plan.routine.reasons),
        },
        logs=tuple(logs),
    )
    return save_session(action.session, action.user_id, record)


def _done(outcome: ExerciseOutcome | None, routine: Routine) -> dict[str, object]:
    if outcome is None:
        return {"work_done": 0, "work_skipped": 0, "rounds_done": 0, "leg_symptoms": False}
    return {
        "work_planned": outcome.work_planned,
        "work_done": outcome.work_done,
        "work_skipped": outcome.work_skipped,
        "rounds_done": outcome.rounds_done,
        "rounds_planned": routine.rounds,
        "pain_scores": list(outcome.pain_scores),
        "leg_symptoms": outcome.leg_symptoms,
    }
