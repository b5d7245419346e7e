"""Today's routine from the runner's record: refused when it must be, else built and explained."""

from dataclasses import dataclass
from datetime import date, tzinfo

from backstride.domain.catalogue import Catalogue
from backstride.domain.choices import pick
from backstride.domain.local_time import local_day
from backstride.domain.pain import latest_score
from backstride.domain.progression import Decision
from backstride.domain.progression_history import chain_of
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


def routine_plan(
    cat: Catalogue,
    record: RunnerRecord,
    owned: frozenset[str],
    today: date,
    zone: tzinfo,
    minutes: int | None = None,
    goal: str | None = None,
) -> RoutinePlan:
    """Build today's routine; SafetyRefusal (exit 3) when there must be none.

    Minutes default to 20 whatever an earlier session was given (a short session once is
    not the runner's new normal); the goal defaults to the last session's (else prevent).
    """
    status = record.status
    last = record.sessions[-1].routine if record.sessions else {}
    minutes = minutes if minutes is not None else DEFAULT_MINUTES
    chosen_goal = pick("goal", goal or str(last.get("goal", DEFAULT_GOAL)), GOALS, field="goal")
    _refuse(record, today, zone)
    assert status.current is not None and status.level is not None
    request = RoutineRequest(
        triage=status.level,
        pattern=status.current.pattern,
        owned=owned,
        minutes=minutes,
        goal=chosen_goal,
        pain_today=latest_score(record.entries, today),
        prescriptions={chain: d.prescription for chain, d in record.decisions.items()},
        limits=status.limits,
        excluded_chains={c: d.reason for c, d in record.decisions.items() if d.excluded},
    )
    routine = build_routine(cat, request)
    used = {chain_of(cat, item.exercise.id) for item in routine.items}
    chosen = {c: d for c, d in record.decisions.items() if c in used}
    return RoutinePlan(routine, status, chosen, minutes, chosen_goal, _changes(status, routine))


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
