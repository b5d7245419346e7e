"""LA1: pain worse by the minimal important change plus a weekly jump above 30 % -> trim runs."""

from datetime import date

import pytest

from backstride.domain.load import weekly_change
from backstride.domain.load_advice import load_advice


def test_a_45_percent_jump_with_worse_pain_says_to_trim_with_the_numbers() -> None:
    advice = load_advice(45.0, "worse", pain_change_points=2.4, week_before_total=20.0)
    assert advice is not None
    assert advice.startswith("LA1 (")
    assert "rose 45 %" in advice and "30 %" in advice
    assert "up 2.4 points" in advice and "2 points or 30 %" in advice
    assert "Trim the next runs" in advice
    assert "about 22.0-24.0 km after the 20.0 km week" in advice
    assert "DOMAIN.md 2.7" in advice and "DOMAIN.md 2.4" in advice


@pytest.mark.parametrize(
    ("change_pct", "verdict", "advises"),
    [
        (30.0, "worse", False),  # exactly 30 % is not above the threshold
        (30.000000000000004, "worse", False),  # float noise at 30 % is still 30 %
        (30.01, "worse", True),
        (31.0, "worse", True),
        (45.0, "stable", False),
        (45.0, "improving", False),
        (45.0, "not_enough_data", False),
        (None, "worse", False),  # no week before to compare with
        (-40.0, "worse", False),
    ],
)
def test_both_signals_are_needed_and_30_percent_is_the_edge(
    change_pct: float | None, verdict: str, advises: bool
) -> None:
    assert (load_advice(change_pct, verdict) is not None) is advises


def test_just_above_30_shows_enough_decimals_to_be_above_it() -> None:
    advice = load_advice(30.01, "worse")
    assert advice is not None and "rose 30.01 %" in advice
    assert "your pain has got worse" in advice and "km after" not in advice


def test_the_change_from_load_weekly_change_feeds_it() -> None:
    weeks = weekly_change([(date(2026, 3, 2), 10.0), (date(2026, 3, 9), 13.0)])
    assert load_advice(weeks[-1].change_pct, "worse") is None  # 10 -> 13 km is exactly 30 %
    weeks = weekly_change([(date(2026, 3, 2), 20.0), (date(2026, 3, 9), 29.0)])
    advice = load_advice(weeks[-1].change_pct, "worse", week_before_total=weeks[0].total)
    assert advice is not None and "rose 45 %" in advice


def test_minutes_are_named_as_training_time() -> None:
    advice = load_advice(50.0, "worse", unit="min", week_before_total=100.0)
    assert advice is not None
    assert "weekly training time rose 50 %" in advice and "110.0-120.0 min" in advice


@pytest.mark.parametrize(("verdict", "unit"), [("worsening", "km"), ("worse", "miles")])
def test_an_unknown_verdict_or_unit_is_a_bug_not_silence(verdict: str, unit: str) -> None:
    with pytest.raises(ValueError, match="unknown"):
        load_advice(45.0, verdict, unit=unit)
