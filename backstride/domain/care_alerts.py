"""Care alerts: which events in a client's record a linked clinician should hear of at once.

Issue 18 names three (app policy): a new emergency or urgent result, pain of 7 or more, and new
leg symptoms. Each alert belongs to one event (a stored screening, check-in or pain entry), so
the same event never alerts twice, and to the scope a clinician needs to see that event.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, get_args

from backstride.domain.care import Scope
from backstride.domain.care_dashboard import LEG_BEFORE_DAYS, LEG_REACHES, LEG_RECENT_DAYS
from backstride.domain.pain import PainEntry
from backstride.domain.played_session import PlayedSession
from backstride.domain.screening import Level, more_urgent
from backstride.domain.screening_answers import ScreeningAnswers

AlertKind = Literal["alarm", "pain_7", "leg"]
ALERT_KINDS: tuple[AlertKind, ...] = get_args(AlertKind)
ALARM_LEVELS: tuple[Level, ...] = ("emergency", "urgent_doctor")
SEVERE_PAIN = 7
"""Pain of 7 or more out of 10 ends a session and asks the warning signs again (DOMAIN.md
2.1.4, "During a session"): an entry that high is one a clinician hears of."""
LEG_QUIET_DAYS = LEG_RECENT_DAYS + LEG_BEFORE_DAYS
"""A leg entry is a new spell when no entry reached the leg in the 35 days before it: then it
is the one that turns the dashboard's "new leg symptoms" on (domain.care_dashboard)."""
ALERT_WORDS: dict[AlertKind, str] = {
    "alarm": "emergency or urgent result",
    "pain_7": "pain 7 or more",
    "leg": "new leg symptoms",
}
"""Each kind in the words the dashboard shows."""


@dataclass(frozen=True, slots=True)
class CareAlert:
    """One alert as its clinician sees it: about whom, what, when, and whether it was seen."""

    id: str
    runner_id: str
    runner_login: str
    clinician_id: str
    kind: AlertKind
    source_id: str
    scope: Scope
    what: str
    raised_at: datetime
    acknowledged_at: datetime | None
    emailed_at: datetime | None


@dataclass(frozen=True, slots=True)
class AlertEvent:
    """Something that alerts: its kind, the stored row it comes from, the scope, in words."""

    kind: AlertKind
    source_id: str
    scope: Scope
    what: str


def alarm_alert(
    record_id: str, level_before: Level | None, level_now: Level | None, result_level: Level
) -> AlertEvent | None:
    """A new emergency or urgent result: the stored record's own result is one, the level now
    is one (domain.safety_status, the one function every adapter asks), and it is more urgent
    than the level before the record. A check-in that repeats a warning already standing
    (merged answers keep a red flag, DOMAIN.md 2.1.4) tells the clinician nothing new."""
    if result_level not in ALARM_LEVELS or level_now not in ALARM_LEVELS:
        return None
    if level_before is not None and more_urgent(level_before, level_now) == level_before:
        return None
    words = level_now.replace("_", " ")
    return AlertEvent("alarm", record_id, "screening", f"new {words} result in a screening")


def reported_leg_symptoms(answers: ScreeningAnswers) -> bool:
    """The answers record leg pain, numbness or tingling (screening-answers.md:
    leg_symptom_side, numbness_tingling_leg)."""
    return answers.leg_symptom_side != "none" or answers.numbness_tingling_leg != "none"


def screening_leg_alert(
    record_id: str, before: ScreeningAnswers | None, latest: ScreeningAnswers
) -> AlertEvent | None:
    """Leg symptoms a screening or check-in records that the answers before it did not; or,
    with no answers before, that the runner calls new this episode (screening-answers.md
    leg_symptom_onset "new"; DOMAIN.md 2.1.4: symptoms absent at the last screening are new)."""
    if not reported_leg_symptoms(latest):
        return None
    if before is None and latest.leg_symptom_onset != "new":
        return None
    if before is not None and reported_leg_symptoms(before):
        return None
    return AlertEvent("leg", record_id, "screening", "new leg symptoms in a screening")


def pain_alerts(entry_id: str, entry: PainEntry, others: Iterable[PainEntry]) -> list[AlertEvent]:
    """The alerts one pain entry raises: pain of 7 or more; pain reaching the leg (thigh or
    below the knee, DOMAIN.md 2.1.4 [CENTRAL]) with none there in the 35 days before it."""
    found = []
    if entry.score >= SEVERE_PAIN:
        found.append(AlertEvent("pain_7", entry_id, "pain_sessions", f"pain {entry.score}/10"))
    if entry.reaches in LEG_REACHES:
        since = entry.recorded_at - timedelta(days=LEG_QUIET_DAYS)
        earlier = any(
            other.reaches in LEG_REACHES and since <= other.recorded_at < entry.recorded_at
            for other in others
        )
        if not earlier:
            reach = entry.reaches.replace("_", " ")
            found.append(
                AlertEvent("leg", entry_id, "pain_sessions", f"new leg symptoms: pain to {reach}")
            )
    return found


def session_alerts(session_id: str, played: PlayedSession) -> list[AlertEvent]:
    """The alerts a played session raises: pain of 7 or more at any exercise, and leg symptoms
    reported during it (either ends the session, DOMAIN.md 2.1.4 "During a session")."""
    found = []
    worst = max((s for o in played.outcomes for s in o.pain_scores), default=None)
    if worst is not None and worst >= SEVERE_PAIN:
        what = f"pain {worst}/10 during an exercise session"
        found.append(AlertEvent("pain_7", session_id, "pain_sessions", what))
    if played.ended_by == "leg_symptoms" or any(o.leg_symptoms for o in played.outcomes):
        what = "new or spreading leg symptoms during an exercise session"
        found.append(AlertEvent("leg", session_id, "pain_sessions", what))
    return found
