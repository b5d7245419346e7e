"""The runner's record read as one: sessions, pain, each ladder's decision, the safety status."""

from dataclasses import dataclass
from datetime import datetime, tzinfo

from backstride.domain.catalogue import Catalogue
from backstride.domain.pain import PainEntry
from backstride.domain.progression import Decision
from backstride.domain.progression_history import current_decisions, progression_flags
from backstride.domain.safety_status import SafetyStatus, ScreeningRecord, safety_status
from backstride.domain.session_flags import session_flags
from backstride.domain.session_record import SessionRecord


@dataclass(frozen=True, slots=True)
class RunnerRecord:
    """Everything today's routine depends on, read once: what was stored and what it decides."""

    sessions: list[SessionRecord]
    entries: list[PainEntry]
    """Pain entries with times on the runner's clock, oldest first."""
    decisions: dict[str, Decision]
    status: SafetyStatus


def runner_record(
    cat: Catalogue,
    sessions: list[SessionRecord],
    entries: list[PainEntry],
    screenings: list[ScreeningRecord],
    now: datetime,
    zone: tzinfo,
) -> RunnerRecord:
    """Each ladder's decision for today and the safety status they and the screenings give.

    Any later screening or check-in sets what the logs are read against; only a full
    screening taken by now clears an exercise progression left out (DOMAIN.md 2.1.4).
    """
    full = [r for r in screenings if r.kind == "screen" and r.taken_at <= now]
    latest_full = max(full, key=lambda r: r.taken_at) if full else None
    latest_any = max(screenings, key=lambda r: r.taken_at) if screenings else None
    today = now.astimezone(zone).date()
    decisions = current_decisions(
        cat, sessions, entries, latest_any, today, cleared_by=latest_full, zone=zone
    )
    flags = session_flags(sessions) + progression_flags(cat, sessions, decisions)
    return RunnerRecord(sessions, entries, decisions, safety_status(screenings, flags, now))
