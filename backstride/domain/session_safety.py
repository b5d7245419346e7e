"""What a pain answer or a leg symptom during a session does to the rest of that session."""

from datetime import date
from typing import Literal

PainResponse = Literal["carry_on", "end_exercise", "end_session"]
SessionEnd = Literal["end", "quit", "pain_7_plus", "leg_symptoms"]
SAFETY_ENDS: tuple[SessionEnd, ...] = ("pain_7_plus", "leg_symptoms")

# DOMAIN.md 2.1.4 (from the 2.4 pain-monitoring zones, [SILB]): above 5 the exercise ends.
PAIN_ENDS_EXERCISE_ABOVE = 5
# DOMAIN.md 2.1.4: pain of 7 or more ends the whole session and runs the check-in.
PAIN_ENDS_SESSION_FROM = 7


def pain_response(score: int) -> PainResponse:
    """What a pain score (0-10) given after an exercise means for the session (DOMAIN.md 2.1.4)."""
    if score >= PAIN_ENDS_SESSION_FROM:
        return "end_session"
    if score > PAIN_ENDS_EXERCISE_ABOVE:
        return "end_exercise"
    return "carry_on"


def ends_exercise(score: int) -> bool:
    """True when this pain score ends the exercise it was given for (pain above 5)."""
    return pain_response(score) != "carry_on"


def stopped_today(ended_by: object, session_day: date, today: date) -> str | None:
    """Why no session may start today, if one ended today for pain 7+ or leg symptoms.

    DOMAIN.md 2.1.4 ends that session; app-policy (the cautious reading) keeps the rest of the
    runner's day free of exercise, whatever the check-in after it said.
    """
    if ended_by not in SAFETY_ENDS or session_day != today:
        return None
    why = "pain of 7 or more" if ended_by == "pain_7_plus" else "leg symptoms"
    return f"a session ended today for {why}: no more exercise today"
