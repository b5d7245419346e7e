"""What a week plan may be asked for: its length, sessions a week, and when none is given."""

from backstride.domain.refusals import refusal_of
from backstride.domain.safety_status import SafetyStatus
from backstride.errors import InvalidInput, SafetyRefusal

WEEKS_MIN, WEEKS_MAX = 1, 12
SESSIONS_CHOICES = (2, 3)


def check_weeks(weeks: int) -> int:
    """Refuse a plan length outside 1-12 weeks."""
    if not WEEKS_MIN <= weeks <= WEEKS_MAX:
        raise InvalidInput(
            f"weeks {weeks} is not valid: choose {WEEKS_MIN} to {WEEKS_MAX} weeks", field="weeks"
        )
    return weeks


def check_sessions(sessions: int) -> int:
    """Refuse a number of strength sessions other than 2 or 3 a week."""
    if sessions not in SESSIONS_CHOICES:
        raise InvalidInput(
            f"sessions {sessions} is not valid: choose 2 or 3 strength sessions a week",
            field="sessions",
        )
    return sessions


def refuse_after_red_flags(status: SafetyStatus) -> None:
    """No training plan at all after an emergency or urgent result: only the safety advice."""
    if status.level in ("emergency", "urgent_doctor"):
        raise SafetyRefusal(f"No plan for now: {refusal_of(status)}")
