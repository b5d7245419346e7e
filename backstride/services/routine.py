"""Today's routine: the latest screening, the profile, pain and past sessions, put together.

Each ladder's dose for today comes from the progression rules applied to the last session
that used it (DOMAIN.md 2.4): the decision, its reason and its numbers travel with the routine
and are stored with the session that uses them.
"""

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from backstride.domain.catalogue import Catalogue
from backstride.domain.choices import pick
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
from backstride.errors import BackstrideError
from backstride.services.context import Action
from backstride.services.exercises import catalogue
from backstride.services.pain import local_pain_entries
from backstride.storage.exercise_sessions import ExerciseLog, SessionRecord, list_sessions
from backstride.storage.profiles import load_profile
from backstride.storage.screenings import StoredScreening, list_screenings

DEFAULT_MINUTES = 20
DEFAULT_GOAL = "prevent"


@dataclass(frozen=True, slots=True)
class RoutinePlan:
    """Today's routine, the screening it rests on, and each ladder's decision."""

    routine: Routine
    screening: StoredScreening
    decisions: dict[str, Decision]
    minutes: int
    goal: str


@dataclass(frozen=True, slots=True)
class TodayOverview:
    """The runner's day: triage, routine or the reason there is none, decisions, morning pain."""

    screening: StoredScreening | None
    plan: RoutinePlan | None
    refusal: str | None
    morning_pain_today: int | None
    last_session_day: date | None


def chain_of(cat: Catalogue, exercise_id: str) -> str:
    """The id of the easiest family of the ladder an exercise sits on."""
    return cat.family_chain(exercise_id)[0].id


def todays_routine(
    action: Action, minutes: int | None = None, goal: str | None = None
) -> RoutinePlan:
    """Build today's routine; SafetyRefusal (exit 3) when there must be none.

    Minutes and goal default to those of the last session (else 20 and prevent), so the
    runner's days continue where they left off.
    """
    cat = catalogue()
    sessions = list_sessions(action.session, action.user_id)
    last = sessions[-1].routine if sessions else {}
    minutes = minutes if minutes is not None else int(last.get("minutes", DEFAULT_MINUTES))
    chosen_goal = pick("--goal", goal or str(last.get("goal", DEFAULT_GOAL)), GOALS)
    screenings = list_screenings(action.session, action.user_id)
    latest = screenings[0] if screenings else None
    entries = local_pain_entries(action)
    decisions = current_decisions(cat, sessions, entries, latest, action.now.astimezone().date())
    stopped = [d for d in decisions.values() if d.action == "stop"]
    if stopped:
        from backstride.errors import SafetyRefusal

        raise SafetyRefusal(stopped[0].reason + " Run 'backstride check-in' first.")
    profile = load_profile(action.session, action.user_id)
    request = RoutineRequest(
        triage=latest.triage if latest else None,
        pattern=latest.pattern if latest else None,  # type: ignore[arg-type]
        owned=frozenset(profile.equipment),
        minutes=minutes,
        goal=chosen_goal,
        pain_today=_latest_today(entries, action.now.astimezone().date()),
        prescriptions={chain: d.prescription for chain, d in decisions.items()},
    )
    routine = build_routine(cat, request)
    assert latest is not None  # build_routine refuses without a screening
    used = {chain_of(cat, item.exercise.id) for item in routine.items}
    chosen = {c: d for c, d in decisions.items() if c in used}
    return RoutinePlan(routine, latest, chosen, minutes, chosen_goal)


def today_overview(action: Action) -> TodayOverview:
    """Everything `backstride today` shows; a refused routine becomes its reason."""
    screenings = list_screenings(action.session, action.user_id)
    entries = local_pain_entries(action)
    today = action.now.astimezone().date()
    mornings = [e.score for e in entries if e.when == "morning" and e.recorded_at.date() == today]
    sessions = list_sessions(action.session, action.user_id, limit=1)
    last_day = sessions[-1].started_at.astimezone().date() if sessions else None
    plan, refusal = None, None
    try:
        plan = todays_routine(action)
    except BackstrideError as error:
        refusal = str(error)
    return TodayOverview(
        screenings[0] if screenings else None,
        plan,
        refusal,
        mornings[-1] if mornings else None,
        last_day,
    )


def current_decisions(
    cat: Catalogue,
    sessions: list[SessionRecord],
    entries: list[PainEntry],
    latest_screening: StoredScreening | None,
    today: date,
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
    session_pain = _session_pain(cat, sessions[-1]) if sessions else None
    rises: dict[date, MorningRise | None] = {}
    baselines: dict[str, float | None] = {}
    decisions = {}
    for chain, uses in by_chain.items():
        current = prescription_of(uses[-1][1])
        if current is None:
            continue
        signals = [
            _signal(record, log, mornings, latest_screening, baselines) for record, log in uses[-2:]
        ]
        earlier = [str(log.planned.get("decision", {}).get("action", "")) for _, log in uses]
        last = uses[-1][0]
        first_day = min(last.started_at.astimezone().date() + timedelta(days=1), today)
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
            cleared_on=_cleared_on(last, mornings, latest_screening),
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
    latest_screening: StoredScreening | None,
    baselines: dict[str, float | None] | None = None,
) -> SessionSignal:
    """What one log says: pain during, the next morning, the settled baseline, work and flags.

    A log with no work done (every hold skipped, or never reached) is no evidence for a
    higher dose (`skipped_all`). `baselines` caches the settled baseline per session.
    """
    started = record.started_at.astimezone()
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


def _session_pain(cat: Catalogue, record: SessionRecord) -> SessionPain | None:
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
    return SessionPain(name, worst.pain_during, record.started_at.astimezone().date())


def _rise_on(
    rises: dict[date, MorningRise | None], mornings: list[PainEntry], day: date
) -> MorningRise | None:
    """The morning rise as of `day`, computed once per day."""
    if day not in rises:
        rises[day] = morning_rise(mornings, day)
    return rises[day]


def _cleared_on(
    record: SessionRecord, mornings: list[PainEntry], latest_screening: StoredScreening | None
) -> date | None:
    """The day of a screening taken after all this session told (its end, the next morning)."""
    if latest_screening is None:
        return None
    next_day = record.started_at.astimezone().date() + timedelta(days=1)
    told = [record.ended_at or record.started_at]
    told += [e.recorded_at for e in mornings if e.recorded_at.date() == next_day]
    if latest_screening.taken_at <= max(told):
        return None
    return latest_screening.taken_at.astimezone().date()


def _latest_today(entries: list[PainEntry], today: date) -> int | None:
    scores = [e.score for e in entries if e.recorded_at.date() == today]
    return scores[-1] if scores else None
