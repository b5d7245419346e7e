"""The load page's window: a report from a year before the weeks shown shows what the whole
history's report shows there, the EWMAs to within 1e-5 and everything else exactly."""

import math
import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from backstride.cli.local_action import local_action
from backstride.domain.activity import Activity, Sample
from backstride.domain.activity_metrics import metrics
from backstride.domain.load import LOAD_UNITS, LoadUnit, Session
from backstride.domain.load_report import (
    WARM_UP_WEEKS,
    LoadReport,
    LoadWindow,
    load_report,
    window_start,
)
from backstride.domain.pain import PainEntry
from backstride.services.load import training_load
from backstride.services.pain import log_pain
from backstride.storage.activities import save_activity

SHOWN = 12
TODAY = date(2026, 11, 18)  # a Wednesday: the week shown last is unfinished
TOLERANCE = 1e-5
"""How far a windowed EWMA may stray from the whole history's: WARM_UP_WEEKS of load before
the first day shown leave (27/29)^364, about 5e-12, of the seed's difference in the chronic
load (domain/load_report.py), so 1e-5 is far below the 0.1 the page prints and far above
what is left."""
EXACT_SUMMARY = (
    "day",
    "days_of_data",
    "today_load",
    "ratio_note",
    "week_total",
    "week_mean",
    "week_sd",
    "monotony",
    "monotony_note",
    "strain",
)
EWMA_SUMMARY = (
    "acute_ewma",
    "acute_ewma_before",
    "chronic_ewma",
    "chronic_ewma_before",
    "ratio",
)


def _history(seed: int, years: int) -> tuple[list[Session], list[PainEntry]]:
    """Years of random runs (some without a distance, some long), strength sessions with and
    without an RPE, rest days, and the last 150 days of pain."""
    rng = random.Random(seed)
    first = TODAY - timedelta(days=365 * years)
    sessions: list[Session] = []
    for offset in range((TODAY - first).days + 1):
        day = first + timedelta(days=offset)
        if rng.random() < 0.6:
            km = rng.choice([None, *(rng.uniform(2, 45) for _ in range(9))])
            sessions.append(Session(day, rng.uniform(15, 240), km, None, "run"))
        if rng.random() < 0.2:
            rpe = rng.choice([None, 3, 5, 8])
            sessions.append(Session(day, rng.uniform(10, 40), None, rpe, "strength"))
    entries = [
        PainEntry(
            datetime(day.year, day.month, day.day, 8, tzinfo=UTC), rng.randint(0, 8), "morning"
        )
        for day in (TODAY - timedelta(days=d) for d in range(150, -1, -1))
        if rng.random() < 0.8
    ]
    return sessions, entries


def _windowed(
    sessions: list[Session],
    entries: list[PainEntry],
    unit: LoadUnit,
    first: date | None = None,
) -> LoadReport:
    """The report the service makes (from `first`, else the window's start): the runs before
    the day's margin are only counted, not given."""
    first = window_start(TODAY, SHOWN, entries) if first is None else first
    margin = first - timedelta(days=1)
    counted = [s for s in sessions if s.kind == "run" and s.day < margin]
    given = [s for s in sessions if s.kind != "run" or s.day >= margin]
    window = LoadWindow(
        first,
        min(s.day for s in counted),
        len(counted),
        sum(1 for s in counted if s.distance_km is not None),
    )
    return load_report(given, entries, TODAY, unit, window)


def _same_where_shown(whole: LoadReport, part: LoadReport) -> float:
    """Assert what the page shows is the same; the largest EWMA difference found."""
    assert part.weeks[-SHOWN:] == whole.weeks[-SHOWN:]
    for name in EXACT_SUMMARY:
        assert getattr(part.summary, name) == getattr(whole.summary, name), name
    for report in (whole, part):
        assert report.summary.ratio is not None
    assert (part.correlation, part.skipped_sessions) == (whole.correlation, whole.skipped_sessions)
    assert (part.weekly_pain, part.daily_pain) == (whole.weekly_pain, whole.daily_pain)
    assert part.explanation == whole.explanation
    shown = (TODAY - whole.weeks[-SHOWN].week_start).days + 1
    assert part.daily[-shown:] == whole.daily[-shown:]
    gaps: list[float] = [
        abs(getattr(part.summary, name) - getattr(whole.summary, name)) for name in EWMA_SUMMARY
    ]
    for series in ("acute", "chronic"):
        ours, theirs = getattr(part, series)[-shown:], getattr(whole, series)[-shown:]
        gaps += [abs(a - b) for a, b in zip(ours, theirs, strict=True)]
    return max(gaps)


@pytest.mark.parametrize("unit", LOAD_UNITS)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_window_a_year_back_shows_what_the_whole_history_shows(seed: int, unit: LoadUnit) -> None:
    sessions, entries = _history(seed, years=9)
    whole = load_report(sessions, entries, TODAY, unit)
    part = _windowed(sessions, entries, unit)
    assert len(part.days) < len(whole.days) / 5  # the window is a small part of the history
    assert 0 < _same_where_shown(whole, part) < TOLERANCE


def test_without_the_warm_up_the_seed_shows_so_the_tolerance_has_teeth() -> None:
    sessions, _ = _history(4, years=9)
    whole = load_report(sessions, [], TODAY, "distance_km")
    monday = TODAY - timedelta(days=TODAY.weekday())
    short = _windowed(sessions, [], "distance_km", monday - timedelta(weeks=SHOWN + 1))
    assert abs(short.summary.chronic_ewma - whole.summary.chronic_ewma) > 1000 * TOLERANCE


def test_the_window_reaches_back_to_the_day_before_the_first_pain_entry() -> None:
    first_pain = TODAY - timedelta(weeks=SHOWN + WARM_UP_WEEKS + 30)
    entry = PainEntry(datetime.combine(first_pain, datetime.min.time(), UTC), 3, "morning")
    first = window_start(TODAY, SHOWN, [entry])
    assert first.weekday() == 0 and first <= first_pain - timedelta(days=1)
    assert first > first_pain - timedelta(days=8)


def _store_runs(years: int) -> datetime:
    """A run most days for `years` years, stored as an import would, some on devices far east
    or west of UTC near midnight (their day on the runner's clock is not their UTC day); now."""
    now = datetime.combine(TODAY, datetime.min.time(), UTC) + timedelta(hours=20)
    rng = random.Random(7)
    with local_action(now) as action:
        for back in range(365 * years, 0, -1):
            if rng.random() < 0.3:
                continue
            offset = rng.choice([0, 0, 60, 13 * 60, -10 * 60])
            start = now - timedelta(days=back, hours=rng.choice([8, 9, 19, 21]))
            km = round(rng.uniform(3, 25), 2)
            samples = (Sample(0.0, 0.0), Sample(km * 330, km * 1000))
            run = Activity("t.gpx", "running", None, start, offset, km * 330, km * 1000, samples)
            key = f"{back:064d}"
            save_activity(action.session, action.runner_id, run, metrics(run), key)
        for back in range(60, 0, -1):
            moment = now - timedelta(days=back)
            log_pain(replace(action, now=moment), back % 7, "morning")
    return now


def test_the_load_page_report_matches_the_whole_history_from_the_database() -> None:
    now = _store_runs(years=3)
    with local_action(now, write=False) as action:
        for unit in ("distance", "minutes"):
            whole = training_load(action, unit)
            part = training_load(action, unit, shown_weeks=SHOWN)
            assert len(part.days) < len(whole.days) / 2
            assert _same_where_shown(whole, part) < TOLERANCE
            assert math.isclose(part.summary.chronic_ewma, whole.summary.chronic_ewma)
        # Runs carry no effort rating: no load in the window, so the page needs the whole
        # history to name the latest week with one, and reads it (all runs left out, counted).
        whole = training_load(action, "rpe")
        assert training_load(action, "rpe", shown_weeks=SHOWN) == whole
        assert whole.skipped_sessions > 700


def test_a_history_that_begins_inside_the_window_is_read_whole() -> None:
    now = _store_runs(years=1)
    with local_action(now, write=False) as action:
        assert training_load(action, "distance", SHOWN) == training_load(action, "distance")
