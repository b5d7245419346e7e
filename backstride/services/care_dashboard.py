"""The clinician's dashboard: each client's signs, read through authorize within their scopes.

A sign outside the scopes a client gives stays unknown (and the row says so): the dashboard
never reads more than the client's page could.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from backstride.domain.care import CareLink, Scope
from backstride.domain.care_adherence import (
    ADHERENCE_DAYS,
    Adherence,
    adherence,
    last_session_words,
)
from backstride.domain.care_dashboard import (
    ClientSigns,
    DashboardRow,
    dashboard_order,
    new_leg_symptoms,
    regressions_in_a_row,
    screening_leg_symptoms,
)
from backstride.domain.load import LoadUnit
from backstride.domain.local_time import local_day
from backstride.domain.pain import daily_means, pain_trend
from backstride.domain.screening import Level
from backstride.services.care import my_clients
from backstride.services.care_gate import authorize
from backstride.services.context import Action, runner_zone
from backstride.services.load import training_load
from backstride.services.pain import local_pain_entries
from backstride.services.programme_changes import sessions_a_week
from backstride.services.routine import safety_now
from backstride.services.screening import screening_history
from backstride.storage.exercise_sessions import list_sessions

DASHBOARD_SCOPES: tuple[Scope, ...] = ("screening", "pain_sessions", "runs_load")


@dataclass(frozen=True, slots=True)
class ClientNumbers:
    """A row's numbers beside its place, each None when its scope is not shared."""

    first_day: date
    """The first of the 14 days the pain line and adherence cover (the client's zone)."""
    pain_daily: list[float | None] | None
    """Mean pain of each of the 14 days (None inside: a day without entries)."""
    adherence: Adherence | None
    last_session: str | None
    load_change_pct: float | None
    load_unit: LoadUnit | None


@dataclass(frozen=True, slots=True)
class ClientRow:
    """One dashboard row: the client's place and reasons, their numbers, what is unshared."""

    link: CareLink
    row: DashboardRow
    unshared: tuple[Scope, ...]
    numbers: ClientNumbers


def client_signs(
    action: Action, scopes: frozenset[Scope], login: str
) -> tuple[ClientSigns, ClientNumbers]:
    """One client's signs and numbers, each scope read (and audited) once, the rest unknown."""
    level: Level | None = None
    leg, regressions, pain_change, days = False, 0, None, None
    load_change, load_unit, daily, done, last = None, None, None, None, None
    first_day = action.today - timedelta(days=ADHERENCE_DAYS - 1)
    if "screening" in scopes:
        authorize(action, "screening", "read for the dashboard: the latest screening")
        level = safety_now(action).level
        records = [(item.taken_at, item.answers) for item in screening_history(action)]
        leg = screening_leg_symptoms(records, action.now)
    if "pain_sessions" in scopes:
        authorize(action, "pain_sessions", "read for the dashboard: pain and sessions")
        entries = local_pain_entries(action)
        leg = leg or new_leg_symptoms(entries, action.today)
        pain_change = pain_trend(entries, action.today).change_points
        daily = daily_means(entries, first_day, action.today)
        sessions = list_sessions(action.session, action.runner_id)
        regressions = regressions_in_a_row(sessions)
        if sessions:
            days = (action.today - local_day(sessions[-1].started_at, action.zone)).days
        planned = sessions_a_week(action, None)
        done = adherence(sessions, action.today, action.zone, planned)
        last = last_session_words(sessions, action.today, action.zone)
    if "runs_load" in scopes:
        authorize(action, "runs_load", "read for the dashboard: the weekly load")
        report = training_load(action)
        load_change = report.weeks[-1].change_pct if report.weeks else None
        load_unit = report.unit
    signs = ClientSigns(
        action.runner_id,
        login,
        level,
        leg,
        regressions,
        pain_change,
        load_change,
        days,
        sessions_shared="pain_sessions" in scopes,
    )
    return signs, ClientNumbers(first_day, daily, done, last, load_change, load_unit)


def dashboard(action: Action) -> list[ClientRow]:
    """The acting clinician's clients by need, most urgent first."""
    links = {link.runner_id: link for link in my_clients(action)}
    signs, numbers = [], {}
    for link in links.values():
        zone = runner_zone(action.session, link.runner_id, action.zone)
        client = Action(action.session, action.actor_id, link.runner_id, action.now, zone)
        found, numbers[link.runner_id] = client_signs(client, link.scopes, link.runner_login)
        signs.append(found)
    return [
        ClientRow(
            links[row.signs.runner_id],
            row,
            tuple(s for s in DASHBOARD_SCOPES if s not in links[row.signs.runner_id].scopes),
            numbers[row.signs.runner_id],
        )
        for row in dashboard_order(signs)
    ]
