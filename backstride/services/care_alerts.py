"""Raising care alerts in the transaction of the event that causes them, listing and seeing them.

The services that store a screening, a check-in or a pain entry call in here before they return,
so an alert exists exactly when its event does (both commit or neither). Each alert goes to
every clinician whose live link holds the scope that shows the event; a clinician the admin's
restriction leaves out gets none. The email is sent after the commit (services/alert_mail.py).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from backstride.domain.care import Scope
from backstride.domain.care_alerts import (
    AlertEvent,
    CareAlert,
    alarm_alert,
    pain_alerts,
    screening_leg_alert,
    session_alerts,
)
from backstride.domain.care_dashboard import LEG_REACHES
from backstride.domain.pain import PainEntry
from backstride.domain.played_session import PlayedSession
from backstride.domain.screening import Level, Screening
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.errors import NotFound
from backstride.services.clinician_role import may_be_clinician
from backstride.services.context import Action
from backstride.storage.care_alerts import (
    acknowledge_care_alert,
    add_care_alert,
    clinician_alerts,
)
from backstride.storage.care_links import runner_care_links
from backstride.storage.pain_entries import list_pain_entries_by_id


@dataclass(frozen=True, slots=True)
class ScreeningWatch:
    """Who watches a runner's screenings, and the answers before the one about to be stored."""

    clinicians: tuple[str, ...]
    before: ScreeningAnswers | None
    level_before: Level | None


def watching(action: Action, scope: Scope) -> tuple[str, ...]:
    """The clinicians a live link from this runner lets see this scope (and who may act as one)."""
    links = runner_care_links(action.session, action.runner_id)
    return tuple(
        link.clinician_id
        for link in links
        if link.live
        and scope in link.scopes
        and may_be_clinician(action.session, link.clinician_id)
    )


def raise_alerts(action: Action, events: Iterable[AlertEvent]) -> int:
    """Store each event's alert for every clinician who may see it; how many were new."""
    new = 0
    for event in events:
        for clinician_id in watching(action, event.scope):
            added = add_care_alert(
                action.session,
                action.runner_id,
                clinician_id,
                (event.kind, event.source_id, event.scope, event.what),
                action.now,
            )
            new += added
    return new


def watch_screenings(action: Action) -> ScreeningWatch | None:
    """Before a screening or check-in is stored: who would hear of it, and the answers before
    it (None when nobody watches, so a runner without clinicians pays nothing)."""
    from backstride.services.routine import safety_now

    clinicians = watching(action, "screening")
    if not clinicians:
        return None
    status = safety_now(action)
    answers = status.current.answers if status.current else None
    return ScreeningWatch(clinicians, answers, status.level)


def alert_on_screening(
    action: Action, watch: ScreeningWatch | None, record_id: str, result: Screening
) -> int:
    """The alerts a just-stored screening or check-in raises: a new emergency or urgent result
    (judged by the level now, domain.safety_status) and new leg symptoms."""
    if watch is None:
        return 0
    from backstride.services.routine import safety_now

    level_now = safety_now(action).level
    events = [
        alarm_alert(record_id, watch.level_before, level_now, result.triage),
        screening_leg_alert(record_id, watch.before, result.answers),
    ]
    return raise_alerts(action, (event for event in events if event is not None))


def alert_on_pain(action: Action, entry_id: str, entry: PainEntry) -> int:
    """The alerts a just-stored (or just-edited) pain entry raises: 7 or more, or leg pain new
    this spell."""
    if not watching(action, "pain_sessions"):
        return 0
    others = []
    if entry.reaches in LEG_REACHES:  # only leg pain needs the journal before it
        others = [
            e
            for other_id, e in list_pain_entries_by_id(action.session, action.runner_id)
            if other_id != entry_id
        ]
    return raise_alerts(action, pain_alerts(entry_id, entry, others))


def alert_on_session(action: Action, session_id: str, played: PlayedSession) -> int:
    """The alerts a just-finished session raises: pain 7+ or leg symptoms during it."""
    if not watching(action, "pain_sessions"):
        return 0
    return raise_alerts(action, session_alerts(session_id, played))


def my_alerts(action: Action, *, open_only: bool = False) -> list[CareAlert]:
    """The acting clinician's alerts, newest first: only those on live links whose scopes
    still show them (a revoked link's alerts are gone for the clinician)."""
    if not may_be_clinician(action.session, action.actor_id):
        return []
    return clinician_alerts(action.session, action.actor_id, open_only=open_only)


def acknowledge_alert(action: Action, alert_id: str) -> CareAlert:
    """Mark one of the acting clinician's alerts seen; NotFound when it is not theirs to see."""
    found = None
    if may_be_clinician(action.session, action.actor_id) and len(alert_id) <= 36:
        found = acknowledge_care_alert(action.session, action.actor_id, alert_id, action.now)
    if found is None:
        raise NotFound(f"no alert {alert_id[:40]!r} among yours")
    return found
