"""Today's routine: the latest screening, the profile, pain and past sessions, put together.

Each ladder's dose for today comes from the progression rules applied to the last session
that used it (DOMAIN.md 2.4): the decision, its reason and its numbers travel with the routine
and are stored with the session that uses them.
"""

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from statistics import fmean

from backstride.domain.catalogue import Catalogue
from backstride.domain.choices import pick
from backstride.domain.pain import PainEntry, pain_trend
from backstride.domain.prescription import Prescription
from backstride.domain.progression import Decision, SessionSignal, decide
from backstride.domain.routine_builder import GOALS, RoutineRequest, build_routine
from backstride.domain.routines import Routine
from backstride.errors import BackstrideError
from backstride.services.context import Action
from backstride.services.exercises import catalogue
from backstride.services.pain import local_pain_entries
from backstride.storage.exercise_sessions import ExerciseLog, SessionRecord, list_sessions
from backstride.storage.profiles import load_profile
from backstride.storage.screenings import StoredScreening, list_screenings

BASELINE_DAYS = 7  # the usual morning pain: the mean of the week before a session
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
    """For every ladder used before: the decision for today from its last sessions."""
    by_chain: dict[str, list[tuple[SessionRecord, ExerciseLog]]] = defaultdict(list)
    for record in sessions:
        for log in record.logs:
            try:
                by_chain[chain_of(cat, log.exercise_id)].append((record, log))
            except BackstrideError:
                continue  # an exercise no longer in the catalogue starts afresh
    week_rise = pain_trend(entries, today).verdict == "worse"
    decisions = {}
    for chain, uses in by_chain.items():
        current = prescription_of(uses[-1][1])
        if current is None:
            continue
        signals = [_signal(record, log, entries, latest_screening) for record, log in uses]
        earlier = [str(log.planned.get("decision", {}).get("action", "")) for _, log in uses]
        decisions[chain] = decide(cat, current, signals, week_rise, [a for a in earlier if a])
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
) -> SessionSignal:
    started = record.started_at.astimezone()
    day = started.date()
    mornings = [e for e in entries if e.when == "morning"]
    next_morning = [e.score for e in mornings if e.recorded_at.date() == day + timedelta(days=1)]
    before = [
        e.score
        for e in mornings
        if day - timedelta(days=BASELINE_DAYS) <= e.recorded_at.date() <= day
        and e.recorded_at < started
    ]
    rescreened = latest_screening is not None and latest_screening.taken_at > record.started_at
    return SessionSignal(
        session_day=day,
        pain_during_max=log.pain_during,
        next_morning=max(next_morning) if next_morning else None,
        baseline=round(fmean(before), 1) if before else None,
        leg_symptoms=bool(log.done.get("leg_symptoms")) and not rescreened,
    )


def _latest_today(entries: list[PainEntry], today: date) -> int | None:
    scores = [e.score for e in entries if e.recorded_at.date() == today]
    return scores[-1] if scores else None
