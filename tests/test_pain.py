"""The pain journal's maths: entry validation, weekly and daily means, the trend verdict."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from backstride.domain.pain import (
    MIC_FRACTION,
    MIC_POINTS,
    PainEntry,
    PainWhen,
    WeekMean,
    daily_means,
    pain_trend,
    weekly_means,
)

TODAY = date(2026, 3, 15)
RECENT_FIRST = TODAY - timedelta(days=6)
EARLIER_FIRST = TODAY - timedelta(days=13)


def at(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def entry(day: date, score: int, when: PainWhen = "morning", hour: int = 8) -> PainEntry:
    return PainEntry(recorded_at=at(day, hour), score=score, when=when)


def scores_with_mean(total: int, count: int) -> list[int]:
    """`count` whole scores that add up to `total`, so their mean is exactly total / count."""
    low, extra = divmod(total, count)
    return [low + 1] * extra + [low] * (count - extra)


def window(first_day: date, scores: list[int], when: PainWhen = "morning") -> list[PainEntry]:
    """Spread scores over the 7 days from `first_day`, several a day when there are many."""
    return [
        entry(first_day + timedelta(days=i % 7), score, when, hour=6 + i // 7)
        for i, score in enumerate(scores)
    ]


def trend_of(earlier: list[int], recent: list[int]) -> str:
    entries = window(EARLIER_FIRST, earlier) + window(RECENT_FIRST, recent)
    return pain_trend(entries, TODAY).verdict


def test_the_mic_constants_are_those_of_domain_md() -> None:
    assert (MIC_POINTS, MIC_FRACTION) == (2, 0.30)


@pytest.mark.parametrize("score", [-1, 11, True, False, 5.0])
def test_a_score_outside_whole_0_to_10_is_refused(score: object) -> None:
    with pytest.raises(ValueError, match=r"0 to 10") as raised:
        PainEntry(recorded_at=at(TODAY), score=score, when="morning")  # type: ignore[arg-type]
    assert repr(score) in str(raised.value)


@pytest.mark.parametrize("score", [0, 10])
def test_the_ends_of_the_scale_are_valid(score: int) -> None:
    assert PainEntry(recorded_at=at(TODAY), score=score, when="evening").score == score


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        PainEntry(recorded_at=datetime(2026, 3, 15, 8), score=3, when="morning")


def test_an_unknown_when_is_refused_with_the_valid_words() -> None:
    with pytest.raises(ValueError, match="during_run"):
        PainEntry(recorded_at=at(TODAY), score=3, when="at_lunch")  # type: ignore[arg-type]


def test_an_entry_has_calm_defaults() -> None:
    e = PainEntry(recorded_at=at(TODAY), score=3, when="after_run")
    assert (e.reaches, e.side, e.note) == ("back", "central", "")


def test_weekly_means_split_at_monday_oldest_first() -> None:
    sunday, monday = date(2026, 3, 8), date(2026, 3, 9)
    entries = [entry(monday, 6), entry(sunday, 2), entry(sunday, 4), entry(monday, 3)]
    assert weekly_means(entries) == [
        WeekMean(week_start=date(2026, 3, 2), mean=3.0, count=2),
        WeekMean(week_start=monday, mean=4.5, count=2),
    ]


def test_weekly_means_follow_the_iso_week_across_new_year() -> None:
    # 2024-12-30 is the Monday of ISO week 2025-W01; 2024-12-29 ends 2024-W52.
    entries = [
        entry(date(2025, 1, 5), 5),
        entry(date(2024, 12, 30), 1),
        entry(date(2024, 12, 29), 8),
        entry(date(2025, 1, 6), 0),
    ]
    assert weekly_means(entries) == [
        WeekMean(date(2024, 12, 23), 8.0, 1),
        WeekMean(date(2024, 12, 30), 3.0, 2),
        WeekMean(date(2025, 1, 6), 0.0, 1),
    ]


def test_weekly_means_of_no_entries_are_empty() -> None:
    assert weekly_means([]) == []


def test_the_date_is_the_entrys_own_local_date() -> None:
    late_evening = datetime(2026, 3, 8, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    e = PainEntry(recorded_at=late_evening, score=4, when="evening")
    assert weekly_means([e])[0].week_start == date(2026, 3, 2)


def test_daily_means_have_none_for_days_without_entries() -> None:
    first = date(2026, 3, 1)
    entries = [
        entry(first, 2),
        entry(first, 5, hour=20),
        entry(first + timedelta(days=2), 7),
        entry(first + timedelta(days=10), 9),  # outside the range
        entry(first - timedelta(days=1), 9),  # outside the range
    ]
    assert daily_means(entries, first, first + timedelta(days=3)) == [3.5, None, 7.0, None]


def test_daily_means_refuse_a_range_that_runs_backwards() -> None:
    with pytest.raises(ValueError, match="before"):
        daily_means([], TODAY, TODAY - timedelta(days=1))


def test_exactly_two_points_lower_is_improving() -> None:
    # 9 -> 7 is only 22 %: the 2-point rule alone decides.
    assert trend_of([9], [7]) == "improving"


def test_1_9_points_lower_on_a_baseline_of_8_is_stable() -> None:
    # 8.0 -> 6.1: 1.9 points and 23.75 %, short of both rules.
    assert trend_of([8], scores_with_mean(61, 10)) == "stable"


def test_exactly_30_percent_lower_is_improving() -> None:
    # 3.0 -> 2.1: 0.9 points, exactly 30 % (a float comparison would see 29.999...).
    assert trend_of([3], scores_with_mean(21, 10)) == "improving"


def test_29_percent_lower_is_stable() -> None:
    # 5.0 -> 3.55: 1.45 points, 29 %.
    assert trend_of([5], scores_with_mean(71, 20)) == "stable"


def test_two_points_higher_is_worse() -> None:
    # 8 -> 10 is only 25 %: the 2-point rule alone decides.
    assert trend_of([8], [10]) == "worse"


def test_exactly_30_percent_higher_is_worse_and_29_percent_is_stable() -> None:
    assert trend_of([3], scores_with_mean(39, 10)) == "worse"
    assert trend_of([5], scores_with_mean(129, 20)) == "stable"


def test_from_a_baseline_of_0_only_two_points_make_it_worse() -> None:
    assert trend_of([0], scores_with_mean(19, 10)) == "stable"
    assert trend_of([0], [2]) == "worse"
    assert (
        pain_trend(window(EARLIER_FIRST, [0]) + window(RECENT_FIRST, [1]), TODAY).change_pct is None
    )


@pytest.mark.parametrize(("earlier", "recent"), [([], [3]), ([3], []), ([], [])])
def test_an_empty_window_gives_not_enough_data(earlier: list[int], recent: list[int]) -> None:
    result = pain_trend(window(EARLIER_FIRST, earlier) + window(RECENT_FIRST, recent), TODAY)
    assert result.verdict == "not_enough_data"
    assert (result.change_points, result.change_pct) == (None, None)
    assert (result.earlier_count, result.recent_count) == (len(earlier), len(recent))
    assert f"{len(earlier)} in the 7 days before" in result.explanation


def test_the_windows_end_today_and_ignore_older_and_later_entries() -> None:
    entries = [
        entry(EARLIER_FIRST - timedelta(days=1), 10),
        entry(EARLIER_FIRST, 6),
        entry(RECENT_FIRST - timedelta(days=1), 6),
        entry(RECENT_FIRST, 3),
        entry(TODAY, 3),
        entry(TODAY + timedelta(days=1), 10),
    ]
    result = pain_trend(entries, TODAY)
    assert (result.earlier_mean, result.recent_mean) == (6.0, 3.0)
    assert (result.earlier_count, result.recent_count) == (2, 2)


def test_the_when_filter_judges_one_moment_only() -> None:
    entries = (
        window(EARLIER_FIRST, [6], when="during_run")
        + window(RECENT_FIRST, [2], when="during_run")
        + window(EARLIER_FIRST, [3], when="morning")
        + window(RECENT_FIRST, [3], when="morning")
    )
    assert pain_trend(entries, TODAY, when="during_run").verdict == "improving"
    assert pain_trend(entries, TODAY, when="morning").verdict == "stable"
    assert pain_trend(entries, TODAY, when="evening").verdict == "not_enough_data"
    assert "during runs" in pain_trend(entries, TODAY, when="during_run").explanation


def test_the_explanation_gives_the_numbers_behind_the_verdict() -> None:
    result = pain_trend(window(EARLIER_FIRST, [5, 5]) + window(RECENT_FIRST, [2, 3]), TODAY)
    assert result.verdict == "improving"
    assert (result.change_points, result.change_pct) == (-2.5, -50.0)
    assert result.explanation == (
        "Average pain fell from 5.0 to 2.5 (-2.5 points, -50.0 %) between the 7 days before "
        "and the last 7 days: at least the minimal important change of 2 points or 30 % "
        "(DOMAIN.md 2.3)."
    )


def test_a_stable_explanation_never_shows_a_change_that_reaches_the_mic() -> None:
    # 8.0 -> 6.05 is 1.95 points: shown cut to 1.9, not rounded up to a misleading 2.0.
    result = pain_trend(
        window(EARLIER_FIRST, [8]) + window(RECENT_FIRST, scores_with_mean(121, 20)), TODAY
    )
    assert result.verdict == "stable"
    assert "-1.9 points" in result.explanation
    assert "less than the minimal important change" in result.explanation


def test_a_rise_from_zero_explains_why_there_is_no_percentage() -> None:
    result = pain_trend(window(EARLIER_FIRST, [0]) + window(RECENT_FIRST, [3]), TODAY)
    assert result.verdict == "worse"
    assert "rose from 0.0 to 3.0 (+3.0 points; no percentage from a baseline of 0)" in (
        result.explanation
    )


def test_latest_score_is_the_last_of_that_day_at_that_moment() -> None:
    from backstride.domain.pain import latest_score

    day = datetime(2026, 3, 2, 7, tzinfo=UTC)
    entries = [
        PainEntry(day, 3, "morning"),
        PainEntry(day + timedelta(hours=5), 5, "after_run"),
        PainEntry(day + timedelta(days=1), 1, "morning"),
    ]
    assert latest_score(entries, day.date()) == 5
    assert latest_score(entries, day.date(), "morning") == 3
    assert latest_score(entries, date(2026, 3, 4)) is None
