"""The load report's pure parts: the unit asked for, sessions as load, LA1 for today."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backstride.domain.activity_record import StoredActivity
from backstride.domain.load import Session, WeekChange
from backstride.domain.load_advice import load_advice_today
from backstride.domain.load_report import (
    ADVICE_WEEKS,
    load_report,
    load_unit,
    recent_weeks,
    training_sessions,
)
from backstride.domain.pain import PainEntry
from backstride.domain.session_record import SessionRecord
from backstride.domain.units import Units
from backstride.errors import InvalidInput

MONDAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("typed", "units", "unit"),
    [
        ("distance", "km", "distance_km"),
        (" Distance ", "mi", "distance_mi"),
        ("miles", "km", "distance_mi"),
        ("rpe", "km", "session_rpe"),
        ("minutes", "mi", "minutes"),
    ],
)
def test_the_unit_asked_for(typed: str, units: Units, unit: str) -> None:
    assert load_unit(typed, units) == unit


def test_an_unknown_unit_names_the_field() -> None:
    with pytest.raises(InvalidInput) as raised:
        load_unit("furlongs", "km")
    assert raised.value.field == "unit"


def test_runs_and_strength_sessions_become_load_sessions() -> None:
    start = datetime(2026, 3, 2, 7, tzinfo=UTC)
    run = StoredActivity("r", "t", start, None, "running", None, 3000.0, None, 9000.0, {})
    strength = SessionRecord(start, start + timedelta(minutes=20), 1200.0, True, 4, {})
    sessions = training_sessions([run], [strength], UTC)
    assert [(s.kind, s.minutes, s.distance_km, s.rpe) for s in sessions] == [
        ("run", 50.0, 9.0, None),
        ("strength", 20.0, None, 4),
    ]


def test_with_no_sessions_the_report_shows_half_a_year_of_empty_weeks() -> None:
    report = load_report([], [], MONDAY, "minutes")
    assert report.days[-1] == MONDAY and len(report.days) > 182
    assert set(report.daily) == {0.0} and report.daily_pain == {}


def test_la1_today_needs_a_jump_in_one_of_the_last_two_weeks() -> None:
    first = datetime(2026, 2, 17, 8, tzinfo=UTC)
    worse = [PainEntry(first + timedelta(days=d), 2 if d < 7 else 6, "morning") for d in range(14)]
    flat = [WeekChange(MONDAY - timedelta(weeks=w), 10.0, 0.0, False) for w in (2, 1)]
    assert load_advice_today(flat, worse, MONDAY) is None
    jumped = [WeekChange(MONDAY - timedelta(weeks=1), 10.0, None, False)]
    jumped.append(WeekChange(MONDAY, 20.0, 100.0, True))
    advice = load_advice_today(jumped, worse, MONDAY)
    assert advice is not None and advice.startswith("LA1") and "10.0 km week before" in advice


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 400), st.integers(0, 42_000).map(lambda m: m / 1000)),
        min_size=0,
        max_size=60,
    ),
    st.sampled_from(["distance_km", "minutes"]),
)
def test_the_recent_weeks_are_the_last_weeks_of_the_whole_report(
    runs: list[tuple[int, float]], unit: str
) -> None:
    """LA1 judges the last weeks: reading only them gives the whole report's last weeks."""
    today = date(2026, 12, 3)
    sessions = [Session(today - timedelta(days=back), km * 6, km, None, "run") for back, km in runs]
    whole = load_report(sessions, [], today, unit).weeks  # type: ignore[arg-type]
    recent = recent_weeks(sessions, today, unit)  # type: ignore[arg-type]
    assert len(recent) == ADVICE_WEEKS
    # The first recent week has no week before it to compare with; the rest are the same (all
    # of the report, when the history is shorter).
    shared = min(len(whole), ADVICE_WEEKS - 1)
    assert recent[-shared:] == whole[-shared:]
    assert load_advice_today(recent, [], today) == load_advice_today(whole, [], today)
