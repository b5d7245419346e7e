"""Today's routine from the runner's record: refused when it must be, else built and explained."""

from dataclasses import dataclass, field
from datetime import date, tzinfo

from backstride.domain.catalogue import Catalogue
from backstride.domain.choices import pick
from backstride.domain.local_time import local_day
from backstride.domain.pain import latest_score
from backstride.domain.programme_changes import NOTHING, InForce
from backstride.domain.programme_routine import apply_programme
from backstride.domain.progression import Decision
from backstride.domain.progression_history import chain_of, last_planned
from backstride.domain.refusals import refusal_hint, refusal_of
from backstride.domain.routine_builder import GOALS, RoutineRequest, build_routine
from backstride.domain.routines import Routine
from backstride.domain.runner_record import RunnerRecord
from backstride.domain.safety_status import SafetyStatus
from backstride.domain.session_safety import stopped_today
from backstride.errors import SafetyRefusal

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
    programme: tuple[str, ...] = ()
    """What the clinician's changes in force did to today's routine."""
    pinned: dict[str, str] = field(default_factory=dict)
    """Exercise id of a pinned item -> 'pinned by <login>: <reason>'."""


def routine_plan(
    cat: Catalogue,
    record: RunnerRecord,
    owned: frozenset[str],
    today: date,
    zone: tzinfo,
    minutes: int | None = None,
    goal: str | None = None,
    changes: InForce = NOTHING,
) -> RoutinePlan:
    """Build today's routine; SafetyRefusal (exit 3) when there must be none.

    Minutes default to 20 whatever an earlier session was given (a short session once is
    not the runner's new normal); the goal defaults to the last session's (else prevent).
    A clinician's changes in force apply after the safety rules (programme_routine.py).
    """
    status = record.status
    _refuse(record, today, zone)
    assert status.current is not None and status.level is not None
    request = routine_request(record, owned, today, minutes, goal)
    chosen_goal, minutes = request.goal, request.minutes
    routine = build_routine(cat, request)
    progressing = {c for c, d in record.decisions.items() if d.action == "progress"}
    held = {c: p for c, p in last_planned(cat, record.sessions).items() if c in progressing}
    applied = apply_programme(cat, request, routine, changes, held)
    routine = applied.routine
    used = {chain_of(cat, item.exercise.id) for item in routine.items}
    chosen = {c: d for c, d in record.decisions.items() if c in used}
    lines = _changes(status, routine)
    return RoutinePlan(
        routine, status, chosen, minutes, chosen_goal, lines, applied.lines, applied.pinned
    )


def routine_request(
    record: RunnerRecord,
    owned: frozenset[str],
    today: date,
    minutes: int | None = None,
    goal: str | None = None,
) -> RoutineRequest:
    """What today's routine is built from: the status, kit, time, goal, pain and doses."""
    status = record.status
    last = record.sessions[-1].routine if record.sessions else {}
    chosen_goal = pick("goal", goal or str(last.get("goal", DEFAULT_GOAL)), GOALS, field="goal")
    return RoutineRequest(
        triage=status.level,
        pattern=status.current.pattern if status.current else None,
        owned=owned,
        minutes=minutes if minutes is not None else DEFAULT_MINUTES,
        goal=chosen_goal,
        pain_today=latest_score(record.entries, today),
        prescriptions={chain: d.prescription for chain, d in record.decisions.items()},
        limits=status.limits,
        excluded_chains={c: d.reason for c, d in record.decisions.items() if d.excluded},
    )


def _refuse(record: RunnerRecord, today: date, zone: tzinfo) -> None:
    """SafetyRefusal when the level, a session stopped today, or a stop decision allows none."""
    refusal = refusal_of(record.status)
    if refusal is not None:
        raise SafetyRefusal(refusal, hint=refusal_hint(record.status))
    if record.sessions:
        last_session = record.sessions[-1]
        day = local_day(last_session.started_at, zone)
        ended_today = stopped_today(last_session.routine.get("ended_by"), day, today)
        if ended_today is not None:
            raise SafetyRefusal(ended_today)
    stopped = [d for d in record.decisions.values() if d.action == "stop"]
    if stopped:
        raise SafetyRefusal(stopped[0].reason + " The check-in comes first.")


def _changes(status: SafetyStatus, routine: Routine) -> tuple[str, ...]:
    """The lines that changed the level or the programme today, each led by its rule id."""
    lines = [f"{r.id}: {r.reason}" for r in status.reasons if r.id.startswith("S-")]
    lines += [reason for reason in routine.reasons if reason[:1] == "L" and reason[1:2].isdigit()]
    return tuple(lines)
