"""Before a guided session: is one allowed today, and must the check-in run first?"""

from dataclasses import dataclass

from backstride.domain.local_time import local_day
from backstride.domain.session_safety import SAFETY_ENDS, stopped_today
from backstride.domain.todays_routine import RoutinePlan
from backstride.services.context import Action
from backstride.storage.exercise_sessions import list_sessions


@dataclass(frozen=True, slots=True)
class CheckInNeed:
    """Whether the check-in is required before this session, and why (empty when it is not)."""

    required: bool
    reason: str = ""


def check_in_needed(action: Action, plan: RoutinePlan) -> CheckInNeed:
    """The check-in rule every adapter asks before a session; when not required, ask the runner.

    Required after a see_clinician result (app-policy: a low-load, pain-monitored programme,
    DOMAIN.md 2.1.4) and when the last session was ended for pain 7+ or leg symptoms with no
    screening or check-in since (DOMAIN.md 2.1.4: that stop runs the check-in).
    """
    if plan.status.level == "see_clinician":
        return CheckInNeed(
            True, "your last screening said to see a clinician, so the questions come every time"
        )
    sessions = list_sessions(action.session, action.runner_id, limit=1)
    if sessions:
        last = sessions[-1]
        ended_by = last.routine.get("ended_by")
        latest = plan.status.latest_record_at
        if ended_by in SAFETY_ENDS and (latest is None or latest <= last.started_at):
            why = "pain of 7 or more" if ended_by == "pain_7_plus" else "leg symptoms"
            return CheckInNeed(
                True, f"your last session stopped for {why} and no check-in has followed it"
            )
    return CheckInNeed(False)


def safety_stop_today(action: Action) -> str | None:
    """Why no session may start today, if one already ended today for pain 7+ or leg symptoms."""
    sessions = list_sessions(action.session, action.runner_id, limit=1)
    if not sessions:
        return None
    last = sessions[-1]
    today = action.today
    day = local_day(last.started_at, action.zone)
    return stopped_today(last.routine.get("ended_by"), day, today)
