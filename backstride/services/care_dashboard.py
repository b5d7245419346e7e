"""The clinician's dashboard: each client's signs, read through authorize within their scopes.

A sign outside the scopes a client gives stays unknown (and the row says so): the dashboard
never reads more than the client's page could.
"""

from dataclasses import dataclass

from backstride.domain.care import CareLink, Scope
from backstride.domain.care_dashboard import (
    ClientSigns,
    DashboardRow,
    dashboard_order,
    new_leg_symptoms,
    regressions_in_a_row,
    screening_leg_symptoms,
)
from backstride.domain.local_time import local_day
from backstride.domain.pain import pain_trend
from backstride.domain.screening import Level
from backstride.services.care import my_clients
from backstride.services.care_gate import authorize
from backstride.services.context import Action, runner_zone
from backstride.services.load import training_load
from backstride.services.pain import local_pain_entries
from backstride.services.routine import safety_now
from backstride.services.screening import screening_history
from backstride.storage.exercise_sessions import list_sessions

DASHBOARD_SCOPES: tuple[Scope, ...] = ("screening", "pain_sessions", "runs_load")


@dataclass(frozen=True, slots=True)
class ClientRow:
    """One dashboard row: the client's place and reasons, and the scopes it could not read."""

    link: CareLink
    row: DashboardRow
    unshared: tuple[Scope, ...]


def client_signs(action: Action, scopes: frozenset[Scope], login: str) -> ClientSigns:
    """One client's signs, each scope read (and audited) once, the others left unknown."""
    level: Level | None = None
    leg, regressions, pain_change, days = False, 0, None, None
    load_change = None
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
        sessions = list_sessions(action.session, action.runner_id)
        regressions = regressions_in_a_row(sessions)
        if sessions:
            days = (action.today - local_day(sessions[-1].started_at, action.zone)).days
    if "runs_load" in scopes:
        authorize(action, "runs_load", "read for the dashboard: the weekly load")
        weeks = training_load(action).weeks
        load_change = weeks[-1].change_pct if weeks else None
    return ClientSigns(
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


def dashboard(action: Action) -> list[ClientRow]:
    """The acting clinician's clients by need, most urgent first."""
    links = {link.runner_id: link for link in my_clients(action)}
    signs = []
    for link in links.values():
        zone = runner_zone(action.session, link.runner_id, action.zone)
        client = Action(action.session, action.actor_id, link.runner_id, action.now, zone)
        signs.append(client_signs(client, link.scopes, link.runner_login))
    return [
        ClientRow(
            links[row.signs.runner_id],
            row,
            tuple(s for s in DASHBOARD_SCOPES if s not in links[row.signs.runner_id].scopes),
        )
        for row in dashboard_order(signs)
    ]
