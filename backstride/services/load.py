"""Training load beside pain: runs and strength sessions as daily load, with the week's pain."""

from datetime import timedelta

from backstride.domain.activity_record import StoredActivity
from backstride.domain.load import LoadUnit, Session
from backstride.domain.load_advice import load_advice_today
from backstride.domain.load_report import (
    ADVICE_WEEKS,
    LoadReport,
    load_report,
    load_unit,
    recent_weeks,
    training_sessions,
)
from backstride.domain.pain import PainEntry
from backstride.services.context import Action
from backstride.services.pain import local_pain_entries
from backstride.storage.activities import list_activities
from backstride.storage.exercise_sessions import list_sessions
from backstride.storage.profiles import load_profile


def _sessions(action: Action, runs: list[StoredActivity] | None = None) -> list[Session]:
    """One read of the runs (unless given) and strength sessions, as the days' sessions."""
    if runs is None:
        runs = list_activities(action.session, action.runner_id, runs_only=True)
    records = list_sessions(action.session, action.runner_id, limit=400)
    return training_sessions(runs, records, action.zone)


def _report(action: Action, unit: LoadUnit, entries: list[PainEntry]) -> LoadReport:
    """Daily load from the runs and strength sessions up to today, beside the pain."""
    return load_report(_sessions(action), entries, action.today, unit)


def training_load(action: Action, unit: str = "distance_km") -> LoadReport:
    """Daily load from imported runs and logged strength sessions, up to today."""
    chosen = load_unit(unit, load_profile(action.session, action.runner_id).units)
    return _report(action, chosen, local_pain_entries(action))


def load_advice_now(
    action: Action,
    entries: list[PainEntry] | None = None,
    runs: list[StoredActivity] | None = None,
) -> str | None:
    """LA1 for today: pain worse by the MIC and a weekly distance rise above 30 %, or None.

    `entries` (local times) and `runs`: what the caller has read already, if it has.
    """
    read = local_pain_entries(action) if entries is None else entries
    if runs is None:  # only the weeks LA1 judges (a day's margin for the runner's clock)
        since = action.now - timedelta(weeks=ADVICE_WEEKS, days=1)
        runs = list_activities(action.session, action.runner_id, runs_only=True, since=since)
    weeks = recent_weeks(_sessions(action, runs), action.today, "distance_km")
    return load_advice_today(weeks, read, action.today)
