"""A client's records as their clinician reads them: each through authorize, each read audited.

The action's actor is the clinician and its runner the client; every function here asks the
gate first (services/care_gate.py) and then calls the very services the runner's own pages use.
"""

from dataclasses import dataclass

from backstride.domain.activity_record import StoredActivity
from backstride.domain.care import SCOPES, Scope
from backstride.domain.care_timeline import TimelineEntry, TimelineKind, timeline
from backstride.domain.load_report import LoadReport
from backstride.domain.safety_status import SafetyStatus
from backstride.domain.session_record import SessionRecord
from backstride.domain.todays_routine import RoutinePlan
from backstride.errors import BackstrideError
from backstride.services.care_gate import authorize, authorize_any
from backstride.services.context import Action
from backstride.services.exercises import catalogue
from backstride.services.load import training_load
from backstride.services.pain import StoredPain, pain_entries_by_id
from backstride.services.routine import read_record, routine_from
from backstride.services.runs import list_runs
from backstride.services.screening import screening_history
from backstride.storage.exercise_sessions import list_sessions
from backstride.storage.screenings import StoredScreening

READ_SCOPES: tuple[Scope, ...] = ("screening", "pain_sessions", "runs_load")


def client_screenings(action: Action) -> list[StoredScreening]:
    """The client's screenings and check-ins, newest first (scope: screening)."""
    authorize(action, "screening", "read screenings and check-ins")
    return screening_history(action)


def client_pain(action: Action) -> list[StoredPain]:
    """The client's pain entries, oldest first (scope: pain_sessions)."""
    authorize(action, "pain_sessions", "read pain entries")
    return pain_entries_by_id(action)


def client_sessions(action: Action) -> list[SessionRecord]:
    """The client's exercise sessions with the pain at each exercise (scope: pain_sessions)."""
    authorize(action, "pain_sessions", "read exercise sessions")
    return list_sessions(action.session, action.runner_id)


def client_runs(action: Action) -> list[StoredActivity]:
    """The client's runs, oldest first (scope: runs_load)."""
    authorize(action, "runs_load", "read runs")
    return list_runs(action)


def client_load(action: Action) -> LoadReport:
    """The client's training load (scope: runs_load)."""
    authorize(action, "runs_load", "read training load")
    return training_load(action)


@dataclass(frozen=True, slots=True)
class ClientRoutine:
    """The client's routine today, built as their own Today builds it, or why there is none."""

    status: SafetyStatus
    plan: RoutinePlan | None
    refusal: BackstrideError | None


def client_routine(action: Action) -> ClientRoutine:
    """The client's current programme with its reasons (scope: programme): the safety rules,
    the pain history and the changes in force, exactly as the runner's Today applies them."""
    authorize(action, "programme", "read the current programme")
    cat = catalogue()
    record = read_record(action, cat)
    try:
        return ClientRoutine(record.status, routine_from(action, cat, record), None)
    except BackstrideError as refusal:
        return ClientRoutine(record.status, None, refusal)


@dataclass(frozen=True, slots=True)
class ClientRecords:
    """What the client's page shows: the scopes in force and the timeline they allow."""

    scopes: frozenset[Scope]
    entries: list[TimelineEntry]
    load: LoadReport | None


def client_records(action: Action) -> ClientRecords:
    """The client's timeline from every read scope the link holds; one audit row per scope."""
    scopes = authorize_any(action)
    entries: list[TimelineEntry] = []
    load = None
    if "screening" in scopes:
        authorize(action, "screening", "read the timeline: screenings and check-ins")
        entries += [_screening_entry(item) for item in screening_history(action)]
    if "pain_sessions" in scopes:
        authorize(action, "pain_sessions", "read the timeline: pain and sessions")
        entries += [_pain_entry(item) for item in pain_entries_by_id(action)]
        entries += [
            _session_entry(item) for item in list_sessions(action.session, action.runner_id)
        ]
    if "runs_load" in scopes:
        authorize(action, "runs_load", "read the timeline: runs and load")
        entries += [_run_entry(item) for item in list_runs(action)]
        load = training_load(action)
    return ClientRecords(frozenset(s for s in SCOPES if s in scopes), timeline(entries), load)


def _screening_entry(item: StoredScreening) -> TimelineEntry:
    kind: TimelineKind = "check_in" if item.kind == "check_in" else "screening"
    words = "check-in" if kind == "check_in" else "screening"
    pattern = item.pattern.replace("_", " ")
    return TimelineEntry(
        item.taken_at, kind, f"{words}: {item.triage.replace('_', ' ')}, {pattern}"
    )


def _pain_entry(item: StoredPain) -> TimelineEntry:
    entry = item.entry
    reach = "" if entry.reaches == "back" else f", reaching the {entry.reaches.replace('_', ' ')}"
    return TimelineEntry(entry.recorded_at, "pain", f"pain {entry.score}/10 ({entry.when}{reach})")


def _session_entry(record: SessionRecord) -> TimelineEntry:
    done = "finished" if record.completed else "stopped early"
    minutes = f", {record.duration_s / 60:.0f} min" if record.duration_s else ""
    pains = [
        f"{log.exercise_id} {log.pain_during}/10"
        for log in record.logs
        if log.pain_during is not None
    ]
    pain = f"; pain during: {', '.join(pains)}" if pains else ""
    rpe = f", effort {record.rpe}/10" if record.rpe is not None else ""
    return TimelineEntry(
        record.started_at, "session", f"exercise session {done}{minutes}{rpe}{pain}"
    )


def _run_entry(run: StoredActivity) -> TimelineEntry:
    distance = f"{run.distance_m / 1000:.1f} km" if run.distance_m else "no distance"
    return TimelineEntry(run.start, "run", f"{run.sport}: {distance}, {run.elapsed_s / 60:.0f} min")
