"""Training load beside pain: runs and strength sessions as daily load, with the week's pain."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Protocol

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
    runs_without_load,
    session_load,
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


@dataclass(frozen=True, slots=True)
class RunLoad:
    """What load needs of one stored run: when it began and how long and far it went."""

    start: datetime
    local_offset_min: int | None
    elapsed_s: float
    moving_s: float | None
    distance_m: float | None


class TimedRun(Protocol):
    """A run as load reads it: a stored activity, or just its load columns (RunLoad)."""

    @property
    def start(self) -> datetime: ...
    @property
    def local_offset_min(self) -> int | None: ...
    @property
    def elapsed_s(self) -> float: ...
    @property
    def moving_s(self) -> float | None: ...
    @property
    def distance_m(self) -> float | None: ...


def training_sessions(
    runs: Sequence[TimedRun], records: list[SessionRecord], zone: tzinfo
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


WARM_UP_WEEKS = 52
"""Weeks of load a windowed report reads before the weeks it shows, so its EWMAs have forgotten
where they were seeded.

An EWMA seeded on a later day than the whole history's differs from the whole history's value
by (1 - λ)^n times the difference of the two seeds, n days on (each day keeps 1 - λ of
yesterday's value). For the chronic load, λ = 2 / 29, so after the 52 weeks (364 days) before
the first day shown that factor is (27/29)^364, about 5e-12: a value shown differs by under
1e-5 unless the loads differ by some two million units a day. tests/test_load_window.py checks
this on a long random history."""


@dataclass(frozen=True, slots=True)
class LoadWindow:
    """Where a report over part of a history begins, and what it needs of the runs before.

    The runs before are counted, not read: the first one's day gives the days of data, and
    those without a load in the unit are still reported as left out.
    """

    first_day: date
    """A Monday: the first day whose load is computed."""
    history_start: date
    """The first earlier run's day, on the runner's clock."""
    earlier_runs: int
    earlier_runs_with_distance: int


def window_start(today: date, shown_weeks: int, entries: list[PainEntry]) -> date:
    """The Monday a report showing the last `shown_weeks` weeks can start on and show the same.

    WARM_UP_WEEKS before the weeks shown, and never after the day before the first pain entry:
    the correlation pairs each day's load with the next day's pain, over every pain entry.
    """
    monday = today - timedelta(days=today.weekday())
    first = monday - timedelta(weeks=shown_weeks - 1 + WARM_UP_WEEKS)
    first_pain = min((e.recorded_at.date() for e in entries), default=first)
    earliest = min(first, first_pain - timedelta(days=1))
    return earliest - timedelta(days=earliest.weekday())


def _first_day(sessions: list[Session], today: date) -> date:
    """The Monday of the first recorded session's week (or of half a year back)."""
    start = min([s.day for s in sessions if s.day <= today] or [today - timedelta(HISTORY_DAYS)])
    return start - timedelta(days=start.weekday())


def _earlier(sessions: list[Session], unit: LoadUnit, window: LoadWindow | None) -> tuple[int, int]:
    """Days of history before a window's first day, and sessions there with no load."""
    if window is None:
        return 0, 0
    before = [s for s in sessions if s.day < window.first_day]
    start = min([window.history_start, *(s.day for s in before)])
    monday = start - timedelta(days=start.weekday())
    skipped = sum(1 for s in before if session_load(s, unit) is None)
    runs = runs_without_load(unit, window.earlier_runs, window.earlier_runs_with_distance)
    return (window.first_day - monday).days, skipped + runs


def load_report(
    sessions: list[Session],
    entries: list[PainEntry],
    today: date,
    unit: LoadUnit,
    window: LoadWindow | None = None,
) -> LoadReport:
    """Daily load up to today, its weeks and averages, and how next-day pain follows it.

    Without a window, from the first recorded session (or half a year back), in whole weeks;
    with one, from its first day (the caller read only the sessions since a little before it).
    """
    first = _first_day(sessions, today) if window is None else window.first_day
    earlier_days, earlier_skipped = _earlier(sessions, unit, window)
    loads = daily_loads(sessions, first, today, unit)
    weeks = weekly_change(weekly_totals(loads.days, loads.loads), today)
    summary = load_summary(loads.days, loads.loads, earlier_days=earlier_days)
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
        skipped_sessions=loads.skipped_sessions + earlier_skipped,
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
