"""Exercise variation (S003): the monotony verdict, its app-policy thresholds, the suggestions."""

from datetime import date, timedelta

import pytest

from backstride.domain.sources import is_known_source
from backstride.domain.variation import (
    CAUTION,
    SOURCES,
    RunSummary,
    VarietyReport,
    assess_variety,
    pace_text,
)

MARCH = date(2024, 3, 1)


def run(
    day: date, km: float, pace_s: float, climb: float | None = 10.0, indoor: bool = False
) -> RunSummary:
    return RunSummary(day, km * 1000, km * pace_s, climb, indoor)


def block(
    kms: list[float],
    paces: list[float],
    step_days: int = 3,
    climb: float | None = 10.0,
    indoor: bool = False,
) -> list[RunSummary]:
    return [
        run(MARCH + timedelta(days=i * step_days), km, pace, climb, indoor)
        for i, (km, pace) in enumerate(zip(kms, paces, strict=True))
    ]


def texts(report: VarietyReport) -> dict[str, str]:
    return {s.kind: s.text for s in report.suggestions}


# Ten runs of 5.0 ± 0.1 km at 6:00 ± 0:05, every third day: total 50 km in 28 days.
MONOTONOUS_KMS = [4.9, 5.0, 5.1, 5.0, 4.9, 5.1, 5.0, 5.0, 4.9, 5.1]
MONOTONOUS_PACES = [355.0, 360, 365, 360, 358, 362, 360, 360, 355, 365]


def test_monotonous_block_gets_suggestions_from_the_runners_numbers() -> None:
    report = assess_variety(block(MONOTONOUS_KMS, MONOTONOUS_PACES))
    assert report.monotonous
    assert report.runs_used == 10
    assert report.summary == "Your last 10 runs were 4.9-5.1 km at 5:55-6:05 /km."
    assert report.measures is not None
    assert report.measures.median_distance_km == pytest.approx(5.0)
    assert report.measures.weekly_km == pytest.approx(12.5)
    got = texts(report)
    assert set(got) == {"distance", "speed", "terrain"}  # never 6 runs in 7 days: no rest
    # 1.25 x 5.0 = 6.25 km, but the week is 50 / 4 = 12.5 km: 5.0 + 1.25 = 6.25, down to 6.0.
    assert "longer easy 6.0 km instead of your usual 5.0 km" in got["distance"]
    assert "usual 12.5 km a week" in got["distance"]
    assert "shorter 3.0 km run" in got["distance"]  # 0.6 x 5.0
    assert "6 × 20 s a little quicker than 5:30 /km" in got["speed"]  # 6:00 - 30 s
    assert "at 6:00 /km or slower" in got["speed"]
    assert "about 2.0 m per km" in got["terrain"]  # 10 m over 4.9-5.1 km
    assert "6 × 30 s uphill" in got["terrain"]
    assert report.caution == CAUTION
    assert all("one thing at a time" not in text for text in got.values())


def test_varied_block_is_not_monotonous() -> None:
    report = assess_variety(block([3, 10, 6, 3, 10, 6], [330, 390, 360, 320, 400, 350]))
    assert not report.monotonous
    assert report.suggestions == ()
    assert report.caution is None
    assert report.summary == "Your last 6 runs were 3.0-10.0 km at 5:20-6:40 /km."


def test_fewer_than_four_runs_is_not_enough() -> None:
    report = assess_variety(block([5, 5, 5], [360, 360, 360]))
    assert report.summary == "not enough runs to judge (3 of 4)"
    assert not report.monotonous
    assert report.measures is None
    assert report.suggestions == ()
    assert assess_variety([]).summary == "not enough runs to judge (0 of 4)"


def test_treadmill_block_gets_varied_lengths_and_an_incline() -> None:
    report = assess_variety(block([5.0] * 8, [360] * 8, climb=None, indoor=True))
    terrain = texts(report)["terrain"]
    # 0.6 x 5 = 3.0; 1.25 x 5 = 6.25 capped at 5 + 10 % of 40 / 4 = 6.0 km.
    assert "3.0 km, 5.0 km and 6.0 km" in terrain
    assert "1-2 %" in terrain
    assert report.measures is not None and report.measures.indoor_share == 1.0


def test_unknown_elevation_makes_the_terrain_suggestion_conditional() -> None:
    report = assess_variety(block([5.0] * 8, [360] * 8, climb=None))
    assert report.measures is not None and report.measures.elevation_m_per_km is None
    assert "if your routes are flat" in texts(report)["terrain"]


def test_hilly_routes_get_no_terrain_suggestion() -> None:
    report = assess_variety(block([5.0] * 8, [360] * 8, climb=40.0))  # 8 m/km
    assert report.monotonous and "terrain" not in texts(report)


def test_longer_run_never_adds_more_than_10_percent_to_the_week() -> None:
    # Four 8 km runs, one a week: the week is 8 km, so +10 % allows 8.8, down to 8.5 km,
    # where 1.25 x 8 would be 10.0 km.
    report = assess_variety(block([8.0] * 4, [360] * 4, step_days=7))
    distance = texts(report)["distance"]
    assert "longer easy 8.5 km" in distance and "10.0" not in distance
    assert "app-policy" in distance
    # Four 4 km runs in a 7-day window: the week is 16 km, the cap 5.6 km does not bind,
    # so the longer run is 1.25 x 4 = 5.0 km.
    uncapped = assess_variety(block([4.0] * 4, [360] * 4, step_days=1), window_days=7)
    assert "longer easy 5.0 km" in texts(uncapped)["distance"]
    # Seven 5 km runs in one week make a 35 km week, not 35 km spread over the 28-day window.
    busy = assess_variety([run(MARCH + timedelta(days=d), 5.0, 360) for d in range(7)])
    assert "longer easy 6.5 km" in texts(busy)["distance"]
    assert "usual 35.0 km a week" in texts(busy)["distance"]


@pytest.mark.parametrize(
    ("offsets", "rest"),
    [
        (range(7), "You ran on 7 of the 7 days from 2024-03-01 to 2024-03-07"),
        ([0, 1, 2, 3, 4, 6], "You ran on 6 of the 7 days from 2024-03-01 to 2024-03-07"),
        ([0, 1, 2, 4, 6, 8], None),
    ],
)
def test_six_running_days_in_a_week_call_for_a_day_off(
    offsets: range | list[int], rest: str | None
) -> None:
    runs = [run(MARCH + timedelta(days=d), 5.0, 360) for d in offsets]
    got = texts(assess_variety(runs))
    if rest is None:
        assert "rest" not in got
    else:
        assert got["rest"].startswith(rest)


@pytest.mark.parametrize(
    ("kms", "paces", "monotonous"),
    [
        # 3 runs at 5 - d, 2 at 5, 3 at 5 + d km: CV = 0.866 d / 5; only 2 of 8 near the median.
        ([4.44] * 3 + [5.0] * 2 + [5.56] * 3, [360] * 8, True),  # CV 0.097
        ([4.41] * 3 + [5.0] * 2 + [5.59] * 3, [360] * 8, False),  # CV 0.102
        # The same for pace about 6:00: CV = 0.866 p / 360, with p beyond the ±5 % of 18 s.
        ([5.0] * 8, [340] * 3 + [360] * 2 + [380] * 3, True),  # CV 0.048
        ([5.0] * 8, [338.5] * 3 + [360] * 2 + [381.5] * 3, False),  # CV 0.052
    ],
)
def test_cv_thresholds_at_their_boundary(
    kms: list[float], paces: list[float], monotonous: bool
) -> None:
    report = assess_variety(block(kms, paces))
    assert report.measures is not None and report.measures.alike_share == 0.25
    assert report.monotonous is monotonous
    assert bool(report.suggestions) is monotonous


@pytest.mark.parametrize(("alike", "monotonous"), [(6, True), (5, False)])
def test_share_threshold_is_75_percent(alike: int, monotonous: bool) -> None:
    odd = [(2.0, 300.0), (10.0, 420.0), (3.0, 330.0)][: 8 - alike]
    kms = [5.0] * alike + [km for km, _ in odd]
    paces = [360.0] * alike + [pace for _, pace in odd]
    report = assess_variety(block(kms, paces))
    assert report.measures is not None and report.measures.distance_cv > 0.10
    assert report.measures.alike_share == alike / 8
    assert report.monotonous is monotonous


def test_window_keeps_only_the_28_days_ending_today() -> None:
    today = date(2024, 3, 28)
    old = [run(date(2024, 2, d), 5.0, 360) for d in (20, 25, 29)]
    recent = [run(date(2024, 3, d), 5.0, 360) for d in (10, 17, 24)]
    later = [run(date(2024, 3, 30), 5.0, 360)]
    report = assess_variety(old + recent + later, today=today)
    assert report.runs_used == 3 and report.window_start == MARCH
    report = assess_variety(old + recent + later + [run(MARCH, 5.0, 360)], today=today)
    assert report.runs_used == 4 and report.window_end == today
    # Without today, the window ends on the latest run (30 March) and starts on 3 March.
    assert assess_variety(old + recent + later).runs_used == 4


def test_runs_under_1_km_or_without_moving_time_are_ignored() -> None:
    runs = block([5.0] * 4, [360] * 4) + block([0.9] * 3, [300] * 3)
    runs.append(RunSummary(MARCH, 5000, 0, None))
    report = assess_variety(runs)
    assert report.runs_used == 4
    assert report.summary.startswith("Your last 4 runs were 5.0 km at 6:00 /km")


def test_every_source_tag_is_known() -> None:
    assert all(is_known_source(tag) for tag in SOURCES)
    report = assess_variety([run(MARCH + timedelta(days=d), 5.0, 360) for d in range(7)])
    assert {s.kind for s in report.suggestions} == {"distance", "speed", "terrain", "rest"}
    assert all(is_known_source(s.source) for s in report.suggestions)
    assert "app-policy" in report.reason and "DOMAIN.md 2.7" in report.reason


def test_pace_text_and_window_guard() -> None:
    assert pace_text(359.6) == "6:00 /km"
    assert pace_text(330) == "5:30 /km"
    with pytest.raises(ValueError, match="too short"):
        assess_variety([], window_days=6)


def test_the_words_follow_the_runners_units() -> None:
    miles = [km * 1.609344 for km in MONOTONOUS_KMS]  # the same block, run in miles
    report = assess_variety(block(miles, [p / 1.609344 for p in MONOTONOUS_PACES]), units="mi")
    assert report.summary == "Your last 10 runs were 4.9-5.1 mi at 5:55-6:05 /mi."
    got = texts(report)
    assert "longer easy 6.0 mi instead of your usual 5.0 mi" in got["distance"]
    assert "usual 12.5 mi a week" in got["distance"]
    assert "at 6:00 /mi or slower" in got["speed"]
