"""Today's routine: the latest screening, the profile, pain and past sessions, put together.

Each ladder's dose for today comes from the progression rules applied to the last session
that used it (DOMAIN.md 2.4): the decision, its reason and its numbers travel with the routine
and are stored with the session that uses them.
"""

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import UTC, date, timedelta, tzinfo

from backstride.domain.catalogue import Catalogue
from backstride.domain.choices import pick
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
from backstride.domain.routine_builder import GOALS, RoutineRequest, build_routine
from backstride.domain.routines import Routine
from backstride.domain.safety_status import (
    SafetyStatus,
    ScreeningRecord,
    SessionFlag,
    safety_status,
)
from backstride.domain.session_safety import stopped_today
from backstride.errors import BackstrideError, Hint, SafetyRefusal
from backstride.services.context import Action
from backstride.services.exercises import catalogue
from backstride.services.pain import local_pain_entries
from backstride.services.session_flags import session_flags
from backstride.storage.exercise_sessions import ExerciseLog, SessionRecord, list_sessions
from backstride.storage.profiles import load_profile
from backstride.storage.screenings import list_screenings

DEFAULT_MINUTES = 20
DEFAULT_GOAL = "prevent"


@dataclass(frozen=True, slots=True)
class RoutinePlan:
    """Today's routine, the safety status it rests on, and each ladder's decision."""

    routine: Routine
    status: SafetyStatus
    decisions: dict[str, Decision]
    minutes: int
    goal: str
    changes: tuple[str, ...] = ()
    """Rule lines that changed the level or the programme today, for the top of the page."""


@dataclass(frozen=True, slots=True)
class TodayOverview:
    """The runner's day: the level now, routine or the reason there is none, morning pain."""

    status: SafetyStatus
    plan: RoutinePlan | None
    refusal: str | None
    morning_pain_today: int | None
    last_session_day: date | None
    load_advice: str | None = None


def chain_of(cat: Catalogue, exercise_id: str) -> str:
    """The id of the easiest family of the ladder an exercise sits on."""
    return cat.family_chain(exercise_id)[0].id


@dataclass(frozen=True, slots=True)
class _Record:
    """One read of everything today's routine depends on."""

    sessions: list[SessionRecord]
    entries: list[PainEntry]
    decisions: dict[str, Decision]
    status: SafetyStatus


def _read_record(action: Action, cat: Catalogue) -> _Record:
    sessions = list_sessions(action.session, action.runner_id)
    entries = local_pain_entries(action)
    stored = list_screenings(action.session, action.runner_id)
    records = [s.record() for s in stored]
    full = [r for r in records if r.kind == "screen" and r.taken_at <= action.now]
    latest_full = max(full, key=lambda r: r.taken_at) if full else None
    latest_any = max(records, key=lambda r: r.taken_at) if records else None
    today = action.today
    decisions = current_decisions(
        cat, sessions, entries, latest_any, today, cleared_by=latest_full, zone=action.zone
    )
    flags = session_flags(sessions) + _progression_flags(cat, sessions, decisions)
    status = safety_status(records, flags, action.now)
    return _Record(sessions, entries, decisions, status)


def _progression_flags(
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


def chain_of_or_none(cat: Catalogue, exercise_id: str) -> str | None:
    """The ladder of an exercise, or None if the catalogue no longer has it."""
    try:
        return chain_of(cat, exercise_id)
    except BackstrideError:
        return None


def safety_now(action: Action) -> SafetyStatus:
    """The level now, from every screening, check-in and session: what every command shows."""
    return _read_record(action, catalogue()).status


def refusal_hint(status: SafetyStatus) -> Hint | None:
    """The next step beside a refusal: a screening, when one would change the answer."""
    return "screen" if status.next_step in ("screen", "rescreen") else None


def refusal_of(status: SafetyStatus) -> str | None:
    """Why the safety status allows no programme today, in plain words (None when it does)."""
    if status.level is None:
        return NO_SCREENING
    if status.level == "emergency":
        return EMERGENCY_REFUSAL
    if status.level == "urgent_doctor":
        return URGENT_REFUSAL
    if status.block is not None:
        return BLOCK_REFUSALS[status.block]
    return None


NO_SCREENING = (
    "no screening yet: the screening comes first, so that warning signs are checked before "
    "any exercise is prescribed"
)
EMERGENCY_REFUSAL = (
    "a warning sign that needs an emergency department now stands in your record; no exercise "
    "until a doctor has seen you"
)
URGENT_REFUSAL = (
    "your record says to see a doctor within days; keep to gentle everyday activity and no new "
    "programme until they have seen you, then screen again and say so"
)
BLOCK_REFUSALS: dict[str, str] = {
    "no_full_screening": "only a check-in is stored: a full screening comes first",
    "stale": "your last full screening is more than 4 weeks old: screen again before the next "
    "programme (DOMAIN.md 2.1.4)",
    "old_contract": "your last screening was taken before the version-2 questions (pregnancy, "
    "tummy pain, feeling faint): screen again before the next programme",
}


def todays_routine(
    action: Action, minutes: int | None = None, goal: str | None = None
) -> RoutinePlan:
    """Build today's routine; SafetyRefusal (exit 3) when there must be none.

    Minutes default to 20 whatever an earlier session was given (a short session once is
    not the runner's new normal); the goal defaults to the last session's (else prevent).
    """
    cat = catalogue()
    record = _read_record(action, cat)
    return _routine_from(action, cat, record, minutes, goal)


def _routine_from(
    action: Action, cat: Catalogue, record: _Record, minutes: int | None, goal: str | None
) -> RoutinePlan:
    status = record.status
    last = record.sessions[-1].routine if record.sessions else {}
    minutes = minutes if minutes is not None else DEFAULT_MINUTES
    chosen_goal = pick("goal", goal or str(last.get("goal", DEFAULT_GOAL)), GOALS, field="goal")
    refusal = refusal_of(status)
    if refusal is not None:
        raise SafetyRefusal(refusal, hint=refusal_hint(status))
    today = action.today
    if record.sessions:
        last_session = record.sessions[-1]
        day = local_day(last_session.started_at, action.zone)
        ended_today = stopped_today(last_session.routine.get("ended_by"), day, today)
        if ended_today is not None:
            raise SafetyRefusal(ended_today)
    stopped = [d for d in record.decisions.values() if d.action == "stop"]
    if stopped:
        raise SafetyRefusal(stopped[0].reason + " The check-in comes first.")
    profile = load_profile(action.session, action.runner_id)
    excluded = {c: d.reason for c, d in record.decisions.items() if d.excluded}
    assert status.current is not None and status.level is not None
    request = RoutineRequest(
        triage=status.level,
        pattern=status.current.pattern,
        owned=frozenset(profile.equipment),
        minutes=minutes,
        goal=chosen_goal,
        pain_today=_latest_today(record.entries, today),
        prescriptions={chain: d.prescription for chain, d in record.decisions.items()},
        limits=status.limits,
        excluded_chains=excluded,
    )
    routine = build_routine(cat, request)
    used = {chain_of(cat, item.exercise.id) for item in routine.items}
    chosen = {c: d for c, d in record.decisions.items() if c in used}
    return RoutinePlan(routine, status, chosen, minutes, chosen_goal, _changes(status, routine))


def _changes(status: SafetyStatus, routine: Routine) -> tuple[str, ...]:
    """The lines that changed the level or the programme today, each led by its rule id."""
    lines = [f"{r.id}: {r.reason}" for r in status.reasons if r.id.startswith("S-")]
    lines += [reason for reason in routine.reasons if reason[:1] == "L" and reason[1:2].isdigit()]
    return tuple(lines)


def today_overview(action: Action) -> TodayOverview:
    """Everything the runner's day shows; a refused routine becomes its reason."""
    from backstride.services.load import load_advice_now

    cat = catalogue()
    record = _read_record(action, cat)
    today = action.today
    mornings = [
        e.score for e in record.entries if e.when == "morning" and e.recorded_at.date() == today
    ]
    last_day = local_day(record.sessions[-1].started_at, action.zone) if record.sessions else None
    plan, refusal = None, None
    try:
        plan = _routine_from(action, cat, record, None, None)
    except BackstrideError as error:
        refusal = str(error)
    advice = load_advice_now(action) if record.status.exercises_allowed else None
    return TodayOverview(
        record.status,
        plan,
        refusal,
        mornings[-1] if mornings else None,
        last_day,
        advice,
    )


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
    by_chain: dict[str, list[tuple[SessionRecord, ExerciseLog]]] = defaultdict(list)
    for record in sessions:
        for log in record.logs:
            try:
                by_chain[chain_of(cat, log.exercise_id)].append((record, log))
            except BackstrideError:
                continue  # an exercise no longer in the catalogue starts afresh
    mornings = [e for e in entries if e.when == "morning"]
    session_pain = _session_pain(cat, sessions[-1], zone) if sessions else None
    rises: dict[date, MorningRise | None] = {}
    baselines: dict[str, float | None] = {}
    decisions = {}
    for chain, uses in by_chain.items():
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
    baselines: dict[str, float | None] | None = None,
    zone: tzinfo = UTC,
) -> SessionSignal:
    """What one log says: pain during, the next morning, the settled baseline, work and flags.

    A log with no work done (every hold skipped, or never reached) is no evidence for a
    higher dose (`skipped_all`). `baselines` caches the settled baseline per session.
    """
    started = record.started_at.astimezone(zone)
    day = started.date()
    mornings = [e for e in entries if e.when == "morning"]
    next_morning = [e.score for e in mornings if e.recorded_at.date() == day + timedelta(days=1)]
    cache = baselines if baselines is not None else {}
    if record.id not in cache:
        cache[record.id] = settled_baseline(mornings, record.started_at)
    rescreened = latest_screening is not None and latest_screening.taken_at > record.started_at
    return SessionSignal(
        session_day=day,
        pain_during_max=log.pain_during,
        next_morning=max(next_morning) if next_morning else None,
        baseline=cache[record.id],
        leg_symptoms=bool(log.done.get("leg_symptoms")) and not rescreened,
        skipped_all=log.done.get("work_done") == 0,
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


def _latest_today(entries: list[PainEntry], today: date) -> int | None:
    scores = [e.score for e in entries if e.recorded_at.date() == today]
    return scores[-1] if scores else None
