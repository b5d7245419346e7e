"""Training load beside pain: runs and strength sessions as daily load, with the week's pain."""

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta

from backstride.domain.activity_record import StoredActivity
from backstride.domain.load import LoadUnit, Session
from backstride.domain.load_advice import load_advice_today
from backstride.domain.load_report import (
    ADVICE_WEEKS,
    LoadReport,
    LoadWindow,
    TimedRun,
    load_report,
    load_unit,
    recent_weeks,
    training_sessions,
    window_start,
)
from backstride.domain.local_time import local_start
from backstride.domain.pain import PainEntry
from backstride.services.context import Action
from backstride.services.pain import local_pain_entries
from backstride.storage.activities import list_activities
from backstride.storage.exercise_sessions import list_sessions
from backstride.storage.profiles import load_profile
from backstride.storage.run_loads import earlier_runs, run_loads


def _sessions(action: Action, runs: Sequence[TimedRun] | None = None) -> list[Session]:
    """One read of the runs (unless given) and strength sessions, as the days' sessions."""
    if runs is None:
        runs = run_loads(action.session, action.runner_id)
    records = list_sessions(action.session, action.runner_id, limit=400)
    return training_sessions(runs, records, action.zone)


def _report(action: Action, unit: LoadUnit, entries: list[PainEntry]) -> LoadReport:
    """Daily load from the runs and strength sessions up to today, beside the pain."""
    return load_report(_sessions(action), entries, action.today, unit)


def training_load(
    action: Action, unit: str = "distance_km", shown_weeks: int | None = None
) -> LoadReport:
    """Daily load from imported runs and logged strength sessions, up to today.

    With `shown_weeks`, for a page that shows only the last weeks: the days' loads start some
    way before them (domain/load_report.py, WARM_UP_WEEKS), older runs are only counted.
    """
    chosen = load_unit(unit, load_profile(action.session, action.runner_id).units)
    entries = local_pain_entries(action)
    if shown_weeks is None:
        return _report(action, chosen, entries)
    return _windowed(action, chosen, entries, shown_weeks)


def _windowed(
    action: Action, unit: LoadUnit, entries: list[PainEntry], shown_weeks: int
) -> LoadReport:
    """The report from a window's first day, the same as the whole history's where shown."""
    first = window_start(action.today, shown_weeks, entries)
    # A day's margin: a run's day on the runner's clock is within 14 hours of its UTC day.
    cut = datetime.combine(first, time(), UTC) - timedelta(days=1)
    earlier = earlier_runs(action.session, action.runner_id, cut)
    if earlier is None:  # the history begins inside the window: read it all
        return _report(action, unit, entries)
    start = local_start(earlier.first.start, earlier.first.local_offset_min, action.zone)
    window = LoadWindow(first, start.date(), earlier.runs, earlier.with_distance)
    sessions = _sessions(action, run_loads(action.session, action.runner_id, since=cut))
    report = load_report(sessions, entries, action.today, unit, window)
    if not any(week.total > 0 for week in report.weeks):
        # No load at all in the window: the page names the latest week with one, further back.
        return _report(action, unit, entries)
    return report


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
