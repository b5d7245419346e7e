"""Today's routine: the latest screening, the profile, pain and past sessions, put together.

One read of the runner's record (domain.runner_record); the rules that turn it into a
routine live in domain.todays_routine and domain.progression_history (DOMAIN.md 2.4).
"""

from dataclasses import dataclass
from datetime import date

from backstride.domain.catalogue import Catalogue
from backstride.domain.local_time import local_day
from backstride.domain.pain import latest_score
from backstride.domain.programme_changes import InForce, in_force
from backstride.domain.runner_record import RunnerRecord, runner_record
from backstride.domain.safety_status import SafetyStatus
from backstride.domain.todays_routine import RoutinePlan as RoutinePlan
from backstride.domain.todays_routine import routine_plan
from backstride.errors import BackstrideError
from backstride.services.context import Action
from backstride.services.exercises import catalogue
from backstride.services.pain import local_pain_entries
from backstride.storage.exercise_sessions import list_sessions
from backstride.storage.profiles import load_profile
from backstride.storage.programme_changes import programme_changes
from backstride.storage.screenings import list_screenings


@dataclass(frozen=True, slots=True)
class TodayOverview:
    """The runner's day: the level now, routine or the reason there is none, morning pain."""

    status: SafetyStatus
    plan: RoutinePlan | None
    refusal: str | None
    morning_pain_today: int | None
    last_session_day: date | None
    load_advice: str | None = None
    programme: InForce | None = None
    """The clinician's changes in force: the note shows even when there is no routine."""


def read_record(action: Action, cat: Catalogue) -> RunnerRecord:
    """One read of sessions, pain and screenings, and what they decide today."""
    sessions = list_sessions(action.session, action.runner_id)
    screenings = [s.record() for s in list_screenings(action.session, action.runner_id)]
    entries = local_pain_entries(action)
    return runner_record(cat, sessions, entries, screenings, action.now, action.zone)


def safety_now(action: Action) -> SafetyStatus:
    """The level now, from every screening, check-in and session: what every command shows."""
    return read_record(action, catalogue()).status


def routine_from(
    action: Action,
    cat: Catalogue,
    record: RunnerRecord,
    minutes: int | None = None,
    goal: str | None = None,
) -> RoutinePlan:
    """Today's routine from a record already read; SafetyRefusal when there must be none."""
    owned = frozenset(load_profile(action.session, action.runner_id).equipment)
    changes = in_force(programme_changes(action.session, action.runner_id))
    return routine_plan(cat, record, owned, action.today, action.zone, minutes, goal, changes)


def todays_routine(
    action: Action, minutes: int | None = None, goal: str | None = None
) -> RoutinePlan:
    """Build today's routine; SafetyRefusal (exit 3) when there must be none.

    Minutes default to 20 whatever an earlier session was given (a short session once is
    not the runner's new normal); the goal defaults to the last session's (else prevent).
    """
    cat = catalogue()
    return routine_from(action, cat, read_record(action, cat), minutes, goal)


def today_overview(action: Action) -> TodayOverview:
    """Everything the runner's day shows; a refused routine becomes its reason."""
    from backstride.services.load import load_advice_now

    cat = catalogue()
    record = read_record(action, cat)
    last_day = local_day(record.sessions[-1].started_at, action.zone) if record.sessions else None
    plan, refusal = None, None
    try:
        plan = routine_from(action, cat, record)
    except BackstrideError as error:
        refusal = str(error)
    advice = load_advice_now(action, record.entries) if record.status.exercises_allowed else None
    return TodayOverview(
        record.status,
        plan,
        refusal,
        latest_score(record.entries, action.today, "morning"),
        last_day,
        advice,
        in_force(programme_changes(action.session, action.runner_id)),
    )
