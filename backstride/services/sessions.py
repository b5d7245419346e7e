"""Recording a played session: planned against done for every exercise, partial ones too."""

from dataclasses import dataclass, replace

from backstride.domain.played_session import PlayedSession as PlayedSession
from backstride.domain.played_session import (
    check_rpe,
    ended_by_of,
    finished_record,
    open_record,
    session_end,
)
from backstride.domain.session_safety import SessionEnd
from backstride.domain.todays_routine import RoutinePlan
from backstride.errors import InvalidInput
from backstride.services.care_alerts import alert_on_session
from backstride.services.context import Action
from backstride.services.exercises import catalogue
from backstride.storage.exercise_sessions import (
    finish_stored_session,
    load_session,
    save_session,
)


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
    record = open_record(catalogue(), plan, action.now)
    return save_session(action.session, action.runner_id, record)


def finish_session(action: Action, session_id: str, played: PlayedSession) -> FinishedSession:
    """Save what was played onto the open session (not reached = nothing done).

    Stored as completed only when it reached its end, was not ended for safety, and did some
    work (session_completed); a session ended for pain 7+ or leg symptoms stores the reason.
    Finishing the same session twice changes nothing the second time.
    """
    check_rpe(played.rpe)
    stored = load_session(action.session, action.runner_id, session_id)
    if stored is None:
        raise InvalidInput(
            f"session {session_id!r} is not one of yours: start a session first",
            field="session_id",
        )
    if stored.ended_at is not None:
        ended = stored.routine.get("ended_by")
        return FinishedSession(session_id, stored.completed, session_end(ended), True)
    finished = finished_record(stored, played)
    finish_stored_session(action.session, action.runner_id, finished)
    alert_on_session(action, session_id, played)
    return FinishedSession(session_id, finished.completed, ended_by_of(played))


def record_session(action: Action, plan: RoutinePlan, played: PlayedSession) -> str:
    """Start and finish a session in one go (a session played before it was stored)."""
    session_id = start_session(replace(action, now=played.started_at), plan)
    finish_session(action, session_id, played)
    return session_id
