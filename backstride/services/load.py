"""Training load beside pain: runs and strength sessions as daily load, with the week's pain."""

from dataclasses import dataclass
from datetime import date, timedelta

from backstride.domain.choices import pick
from backstride.domain.load import (
    ACUTE_DAYS,
    CHRONIC_DAYS,
    Correlation,
    LoadSummary,
    LoadUnit,
    Session,
    WeekChange,
    daily_loads,
    ewma,
    explain,
    lagged_correlation,
    load_summary,
    weekly_change,
    weekly_totals,
)
from backstride.domain.load_advice import load_advice
from backstride.domain.local_time import local_day, local_start
from backstride.domain.pain import daily_means, pain_trend, weekly_means
from backstride.services.context import Action
from backstride.services.pain import local_pain_entries
from backstride.storage.activities import list_activities
from backstride.storage.exercise_sessions import list_sessions
from backstride.storage.profiles import load_profile

UNITS: tuple[LoadUnit, ...] = ("distance_km", "distance_mi", "minutes", "session_rpe")
UNIT_WORDS = {
    "km": "distance_km",
    "mi": "distance_mi",
    "miles": "distance_mi",
    "rpe": "session_rpe",
}
HISTORY_DAYS = 182  # without any session yet, show half a year of (empty) weeks


@dataclass(frozen=True, slots=True)
class LoadReport:
    """Everything `backstride load` shows."""

    unit: LoadUnit
    summary: LoadSummary
    weeks: list[WeekChange]
    weekly_pain: dict[date, float]
    correlation: Correlation
    explanation: list[str]
    skipped_sessions: int
    days: list[date]
    daily: list[float]
    acute: list[float]
    chronic: list[float]
    daily_pain: dict[date, float]


def training_load(action: Action, unit: str = "distance_km") -> LoadReport:
    """Daily load from imported runs and logged strength sessions, up to today."""
    word = unit.strip().lower()
    if word == "distance":  # the runner's own units, from the profile
        word = f"distance_{load_profile(action.session, action.runner_id).units}"
    chosen = pick("unit", UNIT_WORDS.get(word, word), UNITS, field="unit")
    today = action.today
    runs = list_activities(action.session, action.runner_id, runs_only=True)
    records = list_sessions(action.session, action.runner_id, limit=400)
    sessions = [
        Session(
            day=local_start(run.start, run.local_offset_min, action.zone).date(),
            minutes=(run.moving_s or run.elapsed_s) / 60,
            distance_km=None if run.distance_m is None else run.distance_m / 1000,
            rpe=None,
            kind="run",
        )
        for run in runs
    ]
    sessions += [
        Session(
            day=local_day(record.started_at, action.zone),
            minutes=(record.duration_s or 0) / 60,
            distance_km=None,
            rpe=record.rpe,
            kind="strength",
        )
        for record in records
    ]
    # From the first recorded session (or half a year back), in whole weeks, up to today.
    start = min([s.day for s in sessions if s.day <= today] or [today - timedelta(HISTORY_DAYS)])
    first = start - timedelta(days=start.weekday())
    loads = daily_loads(sessions, first, today, chosen)
    totals = weekly_totals(loads.days, loads.loads)
    weeks = weekly_change(totals, today)
    summary = load_summary(loads.days, loads.loads)
    entries = local_pain_entries(action)
    first_pain = min([e.recorded_at.date() for e in entries] or [first])
    since = min(first, first_pain)
    by_day = daily_means(entries, since, today + timedelta(days=1))
    offset = (first - since).days
    next_day_pain = by_day[offset + 1 : offset + 1 + len(loads.days)]
    return LoadReport(
        unit=chosen,
        summary=summary,
        weeks=weeks,
        weekly_pain={w.week_start: round(w.mean, 1) for w in weekly_means(entries)},
        correlation=lagged_correlation(loads.loads, next_day_pain),
        explanation=explain(summary, weeks, chosen),
        skipped_sessions=loads.skipped_sessions,
        days=loads.days,
        daily=loads.loads,
        acute=ewma(loads.loads, ACUTE_DAYS),
        chronic=ewma(loads.loads, CHRONIC_DAYS),
        daily_pain={
            since + timedelta(days=i): round(mean, 1)
            for i, mean in enumerate(by_day)
            if mean is not None
        },
    )


def load_advice_now(action: Action) -> str | None:
    """LA1 for today: pain worse by the MIC and a weekly distance rise above 30 %, or None.

    The week judged is the latest with a flagged rise among this week (unfinished, but its
    total can only grow) and the last full one, so a jump is still said the week after it.
    """
    report = training_load(action, "distance_km")
    today = action.today
    trend = pain_trend(local_pain_entries(action), today)
    recent = report.weeks[-2:]
    jumped = [week for week in recent if week.large_jump]
    if not jumped:
        return None
    week = jumped[-1]
    index = report.weeks.index(week)
    before = report.weeks[index - 1].total if index > 0 else None
    return load_advice(
        week.change_pct,
        trend.verdict,
        pain_change_points=trend.change_points,
        week_before_total=before,
        unit="km",
    )
