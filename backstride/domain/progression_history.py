"""Each ladder's decision for today, read from the sessions logged and the pain journal.

Each ladder's dose for today comes from the progression rules applied to the last session
that used it (DOMAIN.md 2.4): the decision, its reason and its numbers travel with the routine
and are stored with the session that uses them.
"""

from collections import defaultdict
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta, tzinfo

from backstride.domain.catalogue import Catalogue
from backstride.domain.local_time import local_day
from backstride.domain.pain import (
    MorningRise,
    PainEntry,
    morning_rise,
    settled_baseline,
    worst_morning_rise,
)
from backstride.domain.prescription import Prescription
from backstride.domain.progression import Decision, decide
from backstride.domain.progression_facts import ACCEPTABLE_MAX, SessionPain, SessionSignal
from backstride.domain.safety_status import ScreeningRecord, SessionFlag
from backstride.domain.session_record import ExerciseLog, SessionRecord
from backstride.errors import BackstrideError


def chain_of(cat: Catalogue, exercise_id: str) -> str:
    """The id of the easiest family of the ladder an exercise sits on."""
    return cat.family_chain(exercise_id)[0].id


def chain_of_or_none(cat: Catalogue, exercise_id: str) -> str | None:
    """The ladder of an exercise, or None if the catalogue no longer has it."""
    try:
        return chain_of(cat, exercise_id)
    except BackstrideError:
        return None


def progression_flags(
    cat: Catalogue, sessions: list[SessionRecord], decisions: dict[str, Decision]
) -> list[SessionFlag]:
    """Exercises stopped by progression keep see_clinician until a re-screen (DOMAIN.md 2.1.4)."""
    flags = []
    for chain, decision in decisions.items():
        if not (decision.excluded or decision.suggest_clinician):
            continue
        last = next(
            (
                r
                for r in reversed(sessions)
                if any(chain_of_or_none(cat, log.exercise_id) == chain for log in r.logs)
            ),
            None,
        )
        if last is not None:
            flags.append(SessionFlag(last.started_at, "clinician_advised", decision.reason))
    return flags


def last_planned(cat: Catalogue, sessions: list[SessionRecord]) -> dict[str, Prescription]:
    """Each ladder's prescription as its last session was planned (what a hold keeps)."""
    last = {}
    for chain, uses in _uses_by_chain(cat, sessions).items():
        planned = prescription_of(uses[-1][1])
        if planned is not None:
            last[chain] = planned
    return last


def _uses_by_chain(
    cat: Catalogue, sessions: list[SessionRecord]
) -> dict[str, list[tuple[SessionRecord, ExerciseLog]]]:
    """Every log of every session, grouped by the ladder its exercise sits on, oldest first."""
    by_chain: dict[str, list[tuple[SessionRecord, ExerciseLog]]] = defaultdict(list)
    for record in sessions:
        for log in record.logs:
            chain = chain_of_or_none(cat, log.exercise_id)
            if chain is not None:  # an exercise no longer in the catalogue starts afresh
                by_chain[chain].append((record, log))
    return by_chain


def current_decisions(
    cat: Catalogue,
    sessions: list[SessionRecord],
    entries: list[PainEntry],
    latest_screening: ScreeningRecord | None,
    today: date,
    cleared_by: ScreeningRecord | None = None,
    zone: tzinfo = UTC,
) -> dict[str, Decision]:
    """For every ladder used before: the decision for today from its last sessions.

    Each ladder's dose is the one its last log was planned with, whatever came after. The
    session decides together (DOMAIN.md 2.1.4): pain during above 5 in any exercise of the
    last session holds every other ladder. The week-on-week rise is that of morning entries,
    the worst on any day since the ladder's last session, so a ladder left out of the routine
    meanwhile does not come back as if the rise never happened.
    """
    mornings = [e for e in entries if e.when == "morning"]
    session_pain = _session_pain(cat, sessions[-1], zone) if sessions else None
    rises: dict[date, MorningRise | None] = {}
    baselines: dict[datetime, float | None] = {}
    decisions = {}
    for chain, uses in _uses_by_chain(cat, sessions).items():
        current = prescription_of(uses[-1][1])
        if current is None:
            continue
        signals = [
            _signal(record, log, mornings, latest_screening, baselines, zone)
            for record, log in uses[-2:]
        ]
        earlier = [str(log.planned.get("decision", {}).get("action", "")) for _, log in uses]
        last = uses[-1][0]
        first_day = min(local_day(last.started_at, zone) + timedelta(days=1), today)
        rise = worst_morning_rise(
            _rise_on(rises, mornings, first_day + timedelta(days=offset))
            for offset in range((today - first_day).days + 1)
        )
        decisions[chain] = decide(
            cat,
            current,
            signals,
            rise,
            [a for a in earlier if a],
            session_pain=session_pain,
            cleared_on=_cleared_on(last, mornings, cleared_by, zone),
        )
    return decisions


def prescription_of(log: ExerciseLog) -> Prescription | None:
    """The prescription a stored log was planned with (None if the log predates the format)."""
    stored = log.planned.get("prescription")
    if not isinstance(stored, dict):
        return None
    try:
        return Prescription(**stored)
    except TypeError:
        return None


def planned_document(prescription: Prescription, decision: Decision | None) -> dict[str, object]:
    """What a log stores as planned: the prescription and the decision that set it."""
    document: dict[str, object] = {"prescription": asdict(prescription)}
    if decision is not None:
        document["decision"] = {
            "action": decision.action,
            "rule": decision.rule,
            "reason": decision.reason,
        }
    return document


def _signal(
    record: SessionRecord,
    log: ExerciseLog,
    entries: list[PainEntry],
    latest_screening: ScreeningRecord | None,
    baselines: dict[datetime, float | None] | None = None,
    zone: tzinfo = UTC,
) -> SessionSignal:
    """What one log says: pain during, the next morning, the settled baseline, work and flags.

    A log with no work done (every hold skipped, or never reached) is no evidence for a
    higher dose (`skipped_all`). `baselines` caches the settled baseline per session start
    (the baseline depends on nothing else of the session).
    """
    day = local_day(record.started_at, zone)
    mornings = [e for e in entries if e.when == "morning"]
    next_morning = [e.score for e in mornings if e.recorded_at.date() == day + timedelta(days=1)]
    cache = baselines if baselines is not None else {}
    if record.started_at not in cache:
        cache[record.started_at] = settled_baseline(mornings, record.started_at)
    rescreened = latest_screening is not None and latest_screening.taken_at > record.started_at
    return SessionSignal(
        session_day=day,
        pain_during_max=log.pain_during,
        next_morning=max(next_morning) if next_morning else None,
        baseline=cache[record.started_at],
        leg_symptoms=bool(log.done.get("leg_symptoms")) and not rescreened,
        skipped_all=log.skipped_all,
    )


def _session_pain(cat: Catalogue, record: SessionRecord, zone: tzinfo) -> SessionPain | None:
    """The exercise of this session with the highest pain during, when that is above 5."""
    scored = [log for log in record.logs if log.pain_during is not None]
    if not scored:
        return None
    worst = max(scored, key=lambda log: log.pain_during or 0)
    assert worst.pain_during is not None
    if worst.pain_during <= ACCEPTABLE_MAX:
        return None
    try:
        name = cat.rung(worst.level_id).name
    except BackstrideError:
        name = worst.exercise_id
    return SessionPain(name, worst.pain_during, local_day(record.started_at, zone))


def _rise_on(
    rises: dict[date, MorningRise | None], mornings: list[PainEntry], day: date
) -> MorningRise | None:
    """The morning rise as of `day`, computed once per day."""
    if day not in rises:
        rises[day] = morning_rise(mornings, day)
    return rises[day]


def _cleared_on(
    record: SessionRecord,
    mornings: list[PainEntry],
    latest_screening: ScreeningRecord | None,
    zone: tzinfo,
) -> date | None:
    """The day of a full screening taken after all this session told (end, next morning).

    A check-in does not clear an exercise left out by progression: a re-screen does
    (DOMAIN.md 2.1.4).
    """
    if latest_screening is None:
        return None
    next_day = local_day(record.started_at, zone) + timedelta(days=1)
    told = [record.ended_at or record.started_at]
    told += [e.recorded_at for e in mornings if e.recorded_at.date() == next_day]
    if latest_screening.taken_at <= max(told):
        return None
    return local_day(latest_screening.taken_at, zone)
