"""A session once played: what the player hands back, and the record it becomes."""

from dataclasses import dataclass, replace
from datetime import datetime
from typing import cast, get_args

from backstride.domain.catalogue import Catalogue
from backstride.domain.progression_history import chain_of, planned_document
from backstride.domain.session import timeline
from backstride.domain.session_outcome import ExerciseOutcome, session_completed
from backstride.domain.session_record import ExerciseLog, SessionRecord
from backstride.domain.session_safety import (
    PAIN_ENDS_SESSION_FROM,
    SAFETY_ENDS,
    SessionEnd,
)
from backstride.domain.stored_timeline import TIMELINE_KEY, timeline_document
from backstride.domain.todays_routine import RoutinePlan
from backstride.errors import InvalidInput


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


def open_record(cat: Catalogue, plan: RoutinePlan, now: datetime) -> SessionRecord:
    """Today's planned routine as an open session: each log planned, nothing done yet.

    Everything finishing it needs is stored with it (the timeline too, which a browser's played
    result points into by step), so the start and the finish can come in two requests (a
    browser) or one process (the terminal player).
    """
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
                done=done_document(None, plan.routine.rounds, None),
                pain_during=None,
            )
        )
    return SessionRecord(
        started_at=now,
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
            TIMELINE_KEY: timeline_document(timeline(plan.routine)),
        },
        logs=tuple(logs),
    )


def check_rpe(rpe: int | None) -> int | None:
    """Refuse an effort score outside 0-10."""
    if rpe is not None and not 0 <= rpe <= 10:
        raise InvalidInput(f"effort {rpe} is out of range: give 0 to 10", field="rpe")
    return rpe


def finished_record(stored: SessionRecord, played: PlayedSession) -> SessionRecord:
    """The open session with what was played written over it (not reached = nothing done).

    Stored as completed only when it reached its end, was not ended for safety, and did some
    work (session_completed); a session ended for pain 7+ or leg symptoms stores the reason.
    """
    ended_by = ended_by_of(played)
    stop = safety_stop(ended_by, played.outcomes)
    rounds = int(stored.routine.get("rounds", 0))
    by_exercise = {outcome.exercise_id: outcome for outcome in played.outcomes}
    logs = []
    for log in stored.logs:
        outcome = by_exercise.get(log.exercise_id)
        logs.append(
            replace(
                log,
                done=done_document(outcome, rounds, stop),
                pain_during=outcome.pain_during_max if outcome else None,
            )
        )
    return replace(
        stored,
        ended_at=max(played.ended_at, stored.started_at),
        duration_s=round(played.active_s, 1),
        completed=stored_as_completed(played),
        rpe=played.rpe,
        routine=stored.routine | {"ended_by": ended_by, "safety_stop": stop},
        logs=tuple(logs),
    )


def session_end(value: object) -> SessionEnd:
    """A stored end as a SessionEnd; anything unknown reads as a quit."""
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


def safety_stop(ended_by: SessionEnd, outcomes: list[ExerciseOutcome]) -> dict[str, object] | None:
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


def done_document(
    outcome: ExerciseOutcome | None, rounds: int, stop: dict[str, object] | None
) -> dict[str, object]:
    """What a log stores as done: work, rounds, pain and flags (nothing, when not reached)."""
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
