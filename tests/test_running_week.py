"""The running week a plan is built around, pure: given, from the profile, from imported runs."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from backstride.domain.activity_record import StoredActivity
from backstride.domain.profile import parse_run_days
from backstride.domain.running_week import run_summary, running_week
from backstride.errors import InvalidInput

TODAY = date(2026, 3, 2)  # a Monday


def stored_run(
    day: date, distance_m: float | None = 8000.0, moving_s: float | None = 2400.0, **kw: Any
) -> StoredActivity:
    start = datetime(day.year, day.month, day.day, 7, 0, tzinfo=UTC)
    return StoredActivity(
        id=str(day),
        source="test",
        start=start,
        local_offset_min=kw.get("offset"),
        sport="running",
        sub_sport=kw.get("sub_sport"),
        elapsed_s=2500.0,
        moving_s=moving_s,
        distance_m=distance_m,
        summary={},
    )


def test_days_given_win_and_a_bad_spec_names_the_runs_field() -> None:
    days, source, notes = running_week("tue:easy", [], [], TODAY, UTC)
    assert (source, notes, [d.day for d in days]) == ("given", [], ["tue"])
    with pytest.raises(InvalidInput, match="runs 'someday'") as raised:
        running_week("someday", [], [], TODAY, UTC)
    assert raised.value.field == "runs"


def test_the_profile_comes_next_then_imported_runs_then_nothing() -> None:
    profile = parse_run_days("sat:long")
    assert running_week(None, profile, [], TODAY, UTC)[1] == "profile"
    tuesdays = [stored_run(TODAY - timedelta(days=6 + 7 * w)) for w in range(4)]
    days, source, notes = running_week(None, [], tuesdays, TODAY, UTC)
    assert source == "imported runs" and [d.day for d in days] == ["tue"]
    assert len(notes) == 1 and "last 8 weeks" in notes[0]
    old = [stored_run(TODAY - timedelta(days=60))]
    days, source, notes = running_week(None, [], old, TODAY, UTC)
    assert (days, source) == ([], "none") and "No running week" in notes[0]


def test_a_run_summary_needs_a_distance_and_falls_back_to_elapsed_time() -> None:
    assert run_summary(stored_run(TODAY, distance_m=None), UTC) is None
    summary = run_summary(stored_run(TODAY, moving_s=None, sub_sport="treadmill"), UTC)
    assert summary is not None
    assert (summary.moving_s, summary.indoor, summary.day) == (2500.0, True, TODAY)


def test_a_run_falls_on_the_day_of_its_own_clock() -> None:
    late = StoredActivity(
        "x", "test", datetime(2026, 3, 1, 23, 30, tzinfo=UTC), 120, "running", None,
        1800.0, 1800.0, 5000.0, {},
    )  # fmt: skip
    summary = run_summary(late, UTC)
    assert summary is not None and summary.day == date(2026, 3, 2)
