"""Training load beside pain: runs and strength sessions as daily load, with the week's pain."""

from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from backstride.domain.activity_record import StoredActivity
from backstride.domain.choices import pick
from backstride.domain.load import (
    ACUTE_DAYS,
    CHRONIC_DAYS,
    CORRELATION_MIN_PAIRS,
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
from backstride.domain.local_time import local_day, local_start
from backstride.domain.pain import PainEntry, daily_means, weekly_means
from backstride.domain.session_record import SessionRecord
from backstride.domain.units import Units

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


def load_unit(typed: str, units: Units) -> LoadUnit:
    """The load unit asked for; "distance" is the runner's own (km or mi, from the profile)."""
    word = typed.strip().lower()
    if word == "distance":
        word = f"distance_{units}"
    return pick("unit", UNIT_WORDS.get(word, word), UNITS, field="unit")


def training_sessions(
    runs: list[StoredActivity], records: list[SessionRecord], zone: tzinfo
) -> list[Session]:
    """Imported runs and logged strength sessions as load sessions, on the runner's days."""
    sessions = [
        Session(
            day=local_start(run.start, run.local_offset_min, zone).date(),
            minutes=(run.moving_s or run.elapsed_s) / 60,
            distance_km=None if run.distance_m is None else run.distance_m / 1000,
            rpe=None,
            kind="run",
        )
        for run in runs
    ]
    sessions += [
        Session(
            day=local_day(record.started_at, zone),
            minutes=(record.duration_s or 0) / 60,
            distance_km=None,
            rpe=record.rpe,
            kind="strength",
        )
        for record in records
    ]
    return sessions


ADVICE_WEEKS = 5
"""Weeks LA1 looks at: this one, the last full one, and the ones they are compared with."""


def recent_weeks(sessions: list[Session], today: date, unit: LoadUnit) -> list[WeekChange]:
    """The last few weeks' totals and changes, the same as `load_report(...).weeks` ends with,
    without the whole history (years of daily load cost ~0.5 s on every page of the day)."""
    monday = today - timedelta(days=today.weekday())
    first = monday - timedelta(weeks=ADVICE_WEEKS - 1)
    loads = daily_loads([s for s in sessions if first <= s.day <= today], first, today, unit)
    return weekly_change(weekly_totals(loads.days, loads.loads), today)


def load_report(
    sessions: list[Session], entries: list[PainEntry], today: date, unit: LoadUnit
) -> LoadReport:
    """Daily load up to today, its weeks and averages, and how next-day pain follows it."""
    # From the first recorded session (or half a year back), in whole weeks, up to today.
    start = min([s.day for s in sessions if s.day <= today] or [today - timedelta(HISTORY_DAYS)])
    first = start - timedelta(days=start.weekday())
    loads = daily_loads(sessions, first, today, unit)
    weeks = weekly_change(weekly_totals(loads.days, loads.loads), today)
    summary = load_summary(loads.days, loads.loads)
    first_pain = min([e.recorded_at.date() for e in entries] or [first])
    since = min(first, first_pain)
    by_day = daily_means(entries, since, today + timedelta(days=1))
    offset = (first - since).days
    next_day_pain = by_day[offset + 1 : offset + 1 + len(loads.days)]
    return LoadReport(
        unit=unit,
        summary=summary,
        weeks=weeks,
        weekly_pain={w.week_start: round(w.mean, 1) for w in weekly_means(entries)},
        correlation=lagged_correlation(loads.loads, next_day_pain),
        explanation=explain(summary, weeks, unit),
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


def correlation_words(correlation: Correlation) -> str:
    """The correlation between a day's load and the next day's pain, or why none is shown."""
    if correlation.r is None:
        return (
            "Load and next-day pain: no correlation shown: it needs "
            f"{CORRELATION_MIN_PAIRS} days with a load and the next day's pain, and has "
            f"{correlation.n} (or one of them never changes)."
        )
    return f"Load and next-day pain: r = {correlation.r:.2f} over {correlation.n} days."
