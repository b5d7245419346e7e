"""Recording a played session: planned against done for every exercise, partial ones too."""

from dataclasses import dataclass, replace
from datetime import datetime
from typing import cast, get_args

from backstride.domain.progression_history import chain_of, planned_document
from backstride.domain.session_outcome import ExerciseOutcome, session_completed
from backstride.domain.session_record import ExerciseLog, SessionRecord
from backstride.domain.session_safety import (
    PAIN_ENDS_SESSION_FROM,
    SAFETY_ENDS,
    SessionEnd,
)
from backstride.domain.todays_routine import RoutinePlan
from backstride.errors import InvalidInput
from backstride.services.context import Action
from backstride.services.exercises import catalogue
from backstride.storage.exercise_sessions import (
    finish_stored_session,
    load_session,
    save_session,
)


@dataclass(frozen=True, slots=True)
class PlayedSession:
    """What the player hands back: when, how long, whether it reached its end, what happened.

    `ended_by` says why it stopped; None reads as "end" when it reached the end, else "quit".
    """

    started_at: datetime
    ended_at: datetime
    active_s: float
    reached_end: bool
    outcomes: list[ExerciseOutcome]
    rpe: int | None
    ended_by: SessionEnd | None = None


@dataclass(frozen=True, slots=True)
class FinishedSession:
    """What finishing a session stored: its id, whether it counts as completed, its end."""

    session_id: str
    completed: bool
    ended_by: SessionEnd
    already_finished: bool = False
    """True when this session had been finished before: nothing was changed this time."""


def start_session(action: Action, plan: RoutinePlan) -> str:
    """Store today's planned routine as an open session and return its id.

    Everything finishing it needs is stored with it, so the start and the finish can come in
    two requests (a browser) or one process (the terminal player).
    """
    cat = catalogue()
    logs = []
    for position, item in enumerate(plan.routine.items):
        decision = plan.decisions.get(chain_of(cat, item.exercise.id))
        logs.append(
            ExerciseLog(
                position=position,
                exercise_id=item.exercise.id,
                level_id=item.prescription.level_id,
                planned=planned_document(item.prescription, decision)
                | {"rounds": plan.routine.rounds, "optional": item.optional},
                done=_done(None, plan.routine.rounds, None),
                pain_during=None,
            )
        )
    record = SessionRecord(
        started_at=action.now,
        ended_at=None,
        duration_s=None,
        completed=False,
        rpe=None,
        routine={
            "rounds": plan.routine.rounds,
            "rest_between_exercises_s": plan.routine.rest_between_exercises_s,
            "low_load": plan.routine.low_load,
            "screening_at": plan.status.screened_at.isoformat()
            if plan.status.screened_at
            else None,
            "minutes": plan.minutes,
            "goal": plan.goal,
            "reasons": list(plan.routine.reasons),
        },
        logs=tuple(logs),
    )
    return save_session(action.session, action.runner_id, record)


def finish_session(action: Action, session_id: str, played: PlayedSession) -> FinishedSession:
    """Save what was played onto the open session (not reached = nothing done).

    Stored as completed only when it reached its end, was not ended for safety, and did some
    work (session_completed); a session ended for pain 7+ or leg symptoms stores the reason.
    Finishing the same session twice changes nothing the second time.
    """
    if played.rpe is not None and not 0 <= played.rpe <= 10:
        raise InvalidInput(f"effort {played.rpe} is out of range: give 0 to 10", field="rpe")
    stored = load_session(action.session, action.runner_id, session_id)
    if stored is None:
        raise InvalidInput(
            f"session {session_id!r} is not one of yours: start a session first",
            field="session_id",
        )
    if stored.ended_at is not None:
        ended = stored.routine.get("ended_by")
        return FinishedSession(session_id, stored.completed, _session_end(ended), True)
    ended_by = ended_by_of(played)
    stop = _safety_stop(ended_by, played.outcomes)
    rounds = int(stored.routine.get("rounds", 0))
    by_exercise = {outcome.exercise_id: outcome for outcome in played.outcomes}
    logs = []
    for log in stored.logs:
        outcome = by_exercise.get(log.exercise_id)
        logs.append(
            replace(
                log,
                done=_done(outcome, rounds, stop),
                pain_during=outcome.pain_during_max if outcome else None,
            )
        )
    completed = stored_as_completed(played)
    finish_stored_session(
        action.session,
        action.runner_id,
        replace(
            stored,
            ended_at=max(played.ended_at, stored.started_at),
            duration_s=round(played.active_s, 1),
            completed=completed,
            rpe=played.rpe,
            routine=stored.routine | {"ended_by": ended_by, "safety_stop": stop},
            logs=tuple(logs),
        ),
    )
    return FinishedSession(session_id, completed, ended_by)


def record_session(action: Action, plan: RoutinePlan, played: PlayedSession) -> str:
    """Start and finish a session in one go (a session played before it was stored)."""
    session_id = start_session(replace(action, now=played.started_at), plan)
    finish_session(action, session_id, played)
    return session_id


def _session_end(value: object) -> SessionEnd:
    for end in get_args(SessionEnd):
        if value == end:
            return cast(SessionEnd, end)
    return "quit"


def stored_as_completed(played: PlayedSession) -> bool:
    """Completed = reached its end, not ended for safety, and some work done (app-policy)."""
    return ended_by_of(played) == "end" and session_completed(played.reached_end, played.outcomes)


def ended_by_of(played: PlayedSession) -> SessionEnd:
    """Why the session stopped: as the player said, else its end or a quit."""
    if played.ended_by is not None:
        if played.ended_by == "end" and not played.reached_end:
            raise InvalidInput("a session that did not reach its end cannot have ended by 'end'")
        return played.ended_by
    return "end" if played.reached_end else "quit"


def _safety_stop(ended_by: SessionEnd, outcomes: list[ExerciseOutcome]) -> dict[str, object] | None:
    """The reason a session was ended for safety (DOMAIN.md 2.1.4), with the exercise and pain."""
    if ended_by not in SAFETY_ENDS:
        return None
    if ended_by == "leg_symptoms":
        hit = next((o for o in outcomes if o.leg_symptoms), None)
    else:
        hit = next(
            (o for o in outcomes if any(p >= PAIN_ENDS_SESSION_FROM for p in o.pain_scores)), None
        )
    return {
        "reason": ended_by,
        "exercise_id": hit.exercise_id if hit else None,
        "pain": hit.pain_during_max if hit else None,
        "rule": "DOMAIN.md 2.1.4",
    }


def _done(
    outcome: ExerciseOutcome | None, rounds: int, stop: dict[str, object] | None
) -> dict[str, object]:
    if outcome is None:
        return {"work_done": 0, "work_skipped": 0, "rounds_done": 0, "leg_symptoms": False}
    ended_session = stop is not None and stop["exercise_id"] == outcome.exercise_id
    return {
        "work_planned": outcome.work_planned,
        "work_done": outcome.work_done,
        "work_skipped": outcome.work_skipped,
        "rounds_done": outcome.rounds_done,
        "rounds_planned": rounds,
        "pain_scores": list(outcome.pain_scores),
        "leg_symptoms": outcome.leg_symptoms,
        "stopped_for_pain": outcome.stopped_for_pain,
        "work_dropped": outcome.work_dropped,
        "ended_session": stop["reason"] if ended_session and stop else None,
    }
