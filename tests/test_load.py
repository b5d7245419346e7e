"""Training-load maths: session and daily load, EWMA, ratio, monotony, weekly change, wording."""

import ast
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from backstride.domain import load
from backstride.domain.load import (
    CORRELATION_CAVEAT,
    MONOTONY_UNDEFINED_NOTE,
    LoadSummary,
    LoadUnit,
    Session,
    WeekChange,
    daily_loads,
    ewma,
    explain,
    lagged_correlation,
    load_summary,
    session_load,
    weekly_change,
    weekly_totals,
)

MONDAY = date.fromisocalendar(2026, 10, 1)
FORBIDDEN = ("probability", "risk of injury", "injury risk")


def days_from(first: date, count: int) -> list[date]:
    return [first + timedelta(days=i) for i in range(count)]


def run(
    day: date = MONDAY, minutes: float = 30, km: float | None = 5.0, rpe: int | None = 4
) -> Session:
    return Session(day=day, minutes=minutes, distance_km=km, rpe=rpe, kind="run")


def strength(day: date = MONDAY, minutes: float = 20, rpe: int | None = 3) -> Session:
    return Session(day=day, minutes=minutes, distance_km=None, rpe=rpe, kind="strength")


def summary_of(loads: list[float], today_index: int = -1) -> LoadSummary:
    return load_summary(days_from(MONDAY, len(loads)), loads, today_index)


@pytest.mark.parametrize(
    ("session", "unit", "expected"),
    [
        (run(), "distance_km", 5.0),
        (run(), "minutes", 30.0),
        (run(), "session_rpe", 120.0),
        (run(km=None), "distance_km", None),
        (run(rpe=None), "session_rpe", None),
        (strength(), "distance_km", 0.0),
        (strength(), "minutes", 20.0),
        (strength(), "session_rpe", 60.0),
        (strength(rpe=None), "session_rpe", None),
    ],
)
def test_session_load_per_unit(session: Session, unit: LoadUnit, expected: float | None) -> None:
    assert session_load(session, unit) == expected


@pytest.mark.parametrize(
    "make",
    [
        lambda: run(minutes=-1),
        lambda: run(km=-0.5),
        lambda: run(rpe=11),
        lambda: run(rpe=-1),
    ],
)
def test_session_rejects_impossible_values(make: Callable[[], Session]) -> None:
    with pytest.raises(ValueError):
        make()


def test_daily_loads_sum_sessions_with_rest_days_zero_and_count_skipped() -> None:
    sessions = [
        run(MONDAY, km=5.0),
        strength(MONDAY),
        run(MONDAY + timedelta(days=2), km=3.0),
        run(MONDAY + timedelta(days=2), km=2.5),
        run(MONDAY + timedelta(days=3), km=None),
        run(MONDAY + timedelta(days=9), km=10.0),  # outside the range: ignored, not skipped
    ]
    result = daily_loads(sessions, MONDAY, MONDAY + timedelta(days=4), "distance_km")
    assert result.days == days_from(MONDAY, 5)
    assert result.loads == [5.0, 0.0, 5.5, 0.0, 0.0]
    assert result.skipped_sessions == 1


def test_daily_loads_session_rpe_skips_sessions_without_rpe() -> None:
    sessions = [run(MONDAY, minutes=30, rpe=5), strength(MONDAY, minutes=20, rpe=None)]
    result = daily_loads(sessions, MONDAY, MONDAY, "session_rpe")
    assert result.loads == [150.0]
    assert result.skipped_sessions == 1


def test_daily_loads_rejects_reversed_range() -> None:
    with pytest.raises(ValueError, match="before first day"):
        daily_loads([], MONDAY, MONDAY - timedelta(days=1), "minutes")


def test_ewma_worked_example_with_lambda_a_quarter() -> None:
    # λ = 2 / (7 + 1) = 0.25, seeded with the first load: 4; 0.25·8 + 0.75·4 = 5; 0.75·5 = 3.75.
    assert ewma([4.0, 8.0, 0.0], 7) == [4.0, 5.0, 3.75]
    assert load.ewma_lambda(7) == 0.25


def test_ewma_of_constant_loads_stays_constant() -> None:
    assert ewma([6.0] * 40, 28) == pytest.approx([6.0] * 40)


def test_ewma_after_a_step_approaches_the_new_level() -> None:
    series = ewma([0.0] * 10 + [10.0] * 60, 7)
    after = series[10:]
    assert series[:10] == [0.0] * 10
    assert all(a < b for a, b in zip(after, after[1:], strict=False))
    assert after[0] == pytest.approx(2.5)
    assert 9.99 < after[-1] <= 10.0


def test_ewma_of_nothing_is_empty_and_window_must_be_positive() -> None:
    assert ewma([], 7) == []
    with pytest.raises(ValueError):
        ewma([1.0], 0)


def test_ratio_is_none_before_28_days_with_the_count_so_far() -> None:
    summary = summary_of([5.0] * 27)
    assert summary.ratio is None
    assert summary.ratio_note == "not enough data: needs 28 days (27 so far)"


def test_ratio_is_present_from_28_days() -> None:
    summary = summary_of([5.0] * 28)
    assert summary.ratio == pytest.approx(1.0)
    assert summary.ratio_note is None


def test_ratio_is_none_when_chronic_load_is_zero() -> None:
    summary = summary_of([0.0] * 30)
    assert summary.ratio is None
    assert summary.ratio_note is not None


def test_summary_uses_only_days_up_to_today_index() -> None:
    loads = [5.0] * 26 + [50.0] * 14
    summary = summary_of(loads, today_index=25)
    assert summary.days_of_data == 26
    assert summary.day == MONDAY + timedelta(days=25)
    assert summary.acute_ewma == pytest.approx(5.0)
    assert summary.ratio is None


def test_summary_rejects_gaps_and_mismatched_lengths() -> None:
    with pytest.raises(ValueError, match="consecutive"):
        load_summary([MONDAY, MONDAY + timedelta(days=2)], [1.0, 2.0])
    with pytest.raises(ValueError, match="one load per day"):
        load_summary([MONDAY], [1.0, 2.0])


def test_monotony_of_identical_loads_is_undefined_with_a_note() -> None:
    summary = summary_of([5.0] * 7)
    assert summary.monotony is None
    assert summary.monotony_note == MONOTONY_UNDEFINED_NOTE
    assert summary.strain is None


def test_monotony_and_strain_on_worked_numbers() -> None:
    # Last 7 days 1..7: mean 4, population SD √(28 / 7) = 2, monotony 2, strain 28 × 2 = 56.
    summary = summary_of([9.0, 9.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0])
    assert summary.week_total == pytest.approx(28.0)
    assert summary.week_mean == pytest.approx(4.0)
    assert summary.week_sd == pytest.approx(2.0)
    assert summary.monotony == pytest.approx(2.0)
    assert summary.strain == pytest.approx(56.0)


def test_monotony_needs_seven_days() -> None:
    summary = summary_of([1.0, 2.0, 3.0])
    assert summary.monotony is None
    assert summary.monotony_note is not None
    assert "7 days" in summary.monotony_note


def test_weekly_totals_group_by_iso_week_monday_start() -> None:
    sunday_before = MONDAY - timedelta(days=1)
    days = days_from(sunday_before, 9)  # Sunday, then Monday to the next Monday
    loads = [1.0, 2.0, 0.0, 3.0, 0.0, 0.0, 4.0, 5.0, 6.0]
    assert weekly_totals(days, loads) == [
        (MONDAY - timedelta(weeks=1), 1.0),
        (MONDAY, 14.0),
        (MONDAY + timedelta(weeks=1), 6.0),
    ]


def test_weekly_change_flags_more_than_30_percent_only() -> None:
    weeks = [MONDAY + timedelta(weeks=i) for i in range(5)]
    totals = list(zip(weeks, [10.0, 13.0, 17.0, 0.0, 5.0], strict=True))
    changes = weekly_change(totals)
    assert changes[0] == WeekChange(weeks[0], 10.0, None, False)
    assert changes[1].change_pct == 30.0
    assert changes[1].large_jump is False
    assert changes[2].change_pct == pytest.approx(400 / 13)
    assert changes[2].large_jump is True
    assert changes[3].change_pct == -100.0
    assert changes[4].change_pct is None
    assert changes[4].large_jump is False


def test_weekly_change_exactly_30_percent_with_decimal_totals() -> None:
    weeks = [MONDAY, MONDAY + timedelta(weeks=1)]
    changes = weekly_change(list(zip(weeks, [20.1, 26.13], strict=True)))
    assert changes[1].large_jump is False


FOURTEEN = [float(day) for day in range(1, 15)]


def test_correlation_of_perfectly_correlated_data_is_one() -> None:
    pain: list[float | None] = [2 * x for x in FOURTEEN]
    result = lagged_correlation([*FOURTEEN, 99.0], [*pain, None])
    assert result.r == pytest.approx(1.0)
    assert result.n == 14
    assert result.caveat == CORRELATION_CAVEAT


def test_correlation_of_opposite_data_is_minus_one() -> None:
    pain: list[float | None] = [-x for x in FOURTEEN]
    assert lagged_correlation(FOURTEEN, pain).r == pytest.approx(-1.0)


def test_correlation_needs_fourteen_paired_days() -> None:
    pain: list[float | None] = [2 * x for x in FOURTEEN]
    pain[3] = None
    result = lagged_correlation(FOURTEEN, pain)
    assert result.r is None
    assert result.n == 13


@pytest.mark.parametrize(
    ("loads", "pain"),
    [
        ([5.0, 5.0, 5.0, 5.0], [1.0, 2.0, 3.0, 4.0]),
        ([1.0, 2.0, 3.0, 4.0], [2.0, 2.0, 2.0, 2.0]),
    ],
)
def test_correlation_with_zero_variance_is_none(
    loads: list[float], pain: list[float | None]
) -> None:
    result = lagged_correlation(loads, pain)
    assert result.r is None
    assert result.n == 4


def test_correlation_caveat_says_it_cannot_show_cause() -> None:
    assert "cannot show that load causes pain" in CORRELATION_CAVEAT
    assert "chance" in CORRELATION_CAVEAT


def test_explain_writes_each_formula_with_the_numbers() -> None:
    # 21 quiet days then a week of 1..7 km: 28 days, so the ratio is shown.
    loads = [4.0] * 21 + [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    days = days_from(MONDAY, len(loads))
    summary = load_summary(days, loads)
    weekly = weekly_change(weekly_totals(days, loads))
    lines = explain(summary, weekly, "distance_km")
    text = "\n".join(lines)
    assert summary.ratio is not None
    assert "λ = 0.25): " in text
    assert f"= {summary.acute_ewma:.1f} km" in text
    assert "N = 28, λ = 0.069" in text
    assert f"= {summary.ratio:.2f}" in text
    assert "Monotony = mean / SD of the last 7 days = 4.0 / 2.0 = 2.00" in text
    assert "Strain = weekly total × monotony = 28.0 × 2.00 = 56.0 km" in text
    assert "(28.0 − 28.0) / 28.0 × 100 = +0.0 %" in text
    disputed = [line for line in lines if "disputed" in line]
    assert len(disputed) == 1
    assert "Impellizzeri" in disputed[0]
    assert "Lolli" in disputed[0]
    assert "information only" in disputed[0]


def test_explain_early_days_says_what_is_missing() -> None:
    loads = [5.0] * 7
    days = days_from(MONDAY, len(loads))
    lines = explain(load_summary(days, loads), weekly_change(weekly_totals(days, loads)), "minutes")
    text = "\n".join(lines)
    assert "not enough data: needs 28 days (7 so far)" in text
    assert MONOTONY_UNDEFINED_NOTE in text
    assert any("disputed" in line for line in lines)


def test_explain_names_a_large_jump() -> None:
    loads = [2.0] * 7 + [4.0] * 7
    days = days_from(MONDAY, len(loads))
    lines = explain(
        load_summary(days, loads), weekly_change(weekly_totals(days, loads)), "session_rpe"
    )
    assert any("+100.0 %" in line and "large jump" in line for line in lines)


def _explain_outputs() -> list[str]:
    outputs: list[str] = []
    for loads in ([5.0] * 3, [5.0] * 7, [0.0] * 30, [3.0, 0.0, 6.0, 0.0, 9.0, 0.0, 12.0] * 5):
        days = days_from(MONDAY, len(loads))
        summary = load_summary(days, loads)
        weekly = weekly_change(weekly_totals(days, loads))
        for unit in load.LOAD_UNITS:
            outputs.extend(explain(summary, weekly, unit))
        outputs.extend(n for n in (summary.ratio_note, summary.monotony_note) if n is not None)
    return outputs


def test_no_output_or_string_in_the_module_speaks_of_injury_odds() -> None:
    tree = ast.parse(Path(load.__file__).read_text(encoding="utf-8"))
    literals = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    for text in _explain_outputs() + literals + [CORRELATION_CAVEAT]:
        for word in FORBIDDEN:
            assert word not in text.lower(), text


def test_a_decayed_chronic_load_gives_no_ratio() -> None:
    from datetime import date, timedelta

    from backstride.domain.load import load_summary

    days = [date(2026, 1, 1) + timedelta(days=i) for i in range(400)]
    loads = [10.0] + [0.0] * 399
    summary = load_summary(days, loads)
    assert summary.ratio is None
    assert summary.ratio_note == "undefined: the chronic load is 0"


def test_the_week_still_running_is_marked_and_not_compared_as_a_fall() -> None:
    weeks = [MONDAY, MONDAY + timedelta(weeks=1)]
    changes = weekly_change(list(zip(weeks, [40.0, 9.0], strict=True)), MONDAY + timedelta(days=8))
    assert not changes[0].unfinished
    assert changes[1].unfinished and changes[1].days_so_far == 2
    days = days_from(MONDAY, 9)
    lines = explain(load_summary(days, [5.0] * 9), changes, "distance_km")
    assert any("so far: 9.0 km in 2 of 7 days" in line for line in lines)
    assert not any("-77" in line for line in lines)


def test_a_week_of_next_to_nothing_gives_no_percentage_not_an_overflow() -> None:
    from backstride.domain.load import weekly_change

    weeks = weekly_change([(date(2026, 1, 5), 5e-324), (date(2026, 1, 12), 10.0)])
    assert weeks[1].change_pct is None and not weeks[1].large_jump
