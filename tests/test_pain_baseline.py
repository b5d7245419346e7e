"""The settled baseline and the week-on-week morning rise (DOMAIN.md 2.1.4), at their edges."""

from datetime import UTC, date, datetime, timedelta

import pytest

from backstride.domain.pain import (
    RISE_MAX_DAYS,
    SETTLED_WINDOW_DAYS,
    MorningRise,
    PainEntry,
    PainWhen,
    morning_rise,
    settled_baseline,
    worst_morning_rise,
)

DAY0 = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
SESSION = DAY0 + timedelta(hours=3)  # 10:00 on day 0


def entry(day: int, score: int, when: PainWhen = "morning") -> PainEntry:
    return PainEntry(DAY0 + timedelta(days=day), score, when)


def run(first: int, last: int, score: int) -> list[PainEntry]:
    """One morning entry a day from `first` to `last` inclusive."""
    return [entry(day, score) for day in range(first, last + 1)]


def test_no_entries_no_baseline() -> None:
    assert settled_baseline([], SESSION) is None
    assert settled_baseline([entry(-1, 3, "evening")], SESSION) is None


def test_entries_older_than_the_window_give_no_baseline() -> None:
    assert settled_baseline(run(-40, -SETTLED_WINDOW_DAYS, 3), SESSION) is None
    assert settled_baseline(run(-40, -SETTLED_WINDOW_DAYS + 1, 3), SESSION) == 3.0


def test_a_steady_state_gives_its_own_median() -> None:
    scores = [2, 3, 4, 3, 5, 3, 2]
    entries = [entry(day, scores[(day + 40) % 7]) for day in range(-27, 1)]
    assert settled_baseline(entries, SESSION) == 3.0
    evenings = [entry(day, 9, "evening") for day in range(-27, 1)]
    assert settled_baseline(entries + evenings, SESSION) == 3.0


def test_a_ten_day_flare_does_not_lift_the_baseline() -> None:
    entries = run(-40, -10, 3) + run(-9, 0, 5)
    assert settled_baseline(entries, SESSION) == 3.0
    # A 7-day mean would have read 5.0 by now.
    assert sum(e.score for e in entries[-7:]) / 7 == 5.0


def test_the_baseline_is_the_median_of_the_28_days_before_the_rise() -> None:
    before_rise = [entry(day, (1, 2, 3, 2)[day % 4]) for day in range(-60, -10)]
    entries = before_rise + run(-10, 0, 6)
    assert settled_baseline(entries, SESSION) == 2.0
    assert settled_baseline(before_rise + run(-10, 0, 6)[:1], SESSION) == 2.0


def test_a_rise_ends_at_the_first_morning_back_at_the_baseline() -> None:
    flare = run(-60, -29, 2) + run(-28, -2, 4)
    assert settled_baseline(flare + [entry(0, 4)], SESSION) == 2.0
    settled = flare + [entry(-1, 2), entry(0, 4)]
    assert settled_baseline(settled, SESSION) == 4.0


def test_a_rise_lasting_over_12_weeks_becomes_the_runners_level() -> None:
    def after(days: int) -> float | None:
        entries = run(-days - 40, -days - 1, 2) + run(-days, 0, 4)
        return settled_baseline(entries, SESSION)

    assert after(RISE_MAX_DAYS) == 2.0
    assert after(RISE_MAX_DAYS + 1) == 4.0


def test_only_entries_before_the_session_count() -> None:
    entries = run(-30, -1, 3) + [entry(0, 9), entry(1, 9)]
    assert settled_baseline(entries, DAY0) == 3.0
    assert settled_baseline(entries, DAY0 + timedelta(minutes=1)) == 3.0  # 9 opens a rise


def test_a_median_between_two_scores() -> None:
    alternating = [entry(day, 3 + day % 2) for day in range(-27, 1)]
    assert settled_baseline(alternating, SESSION) == 3.5
    assert settled_baseline(alternating[:-1], SESSION) == 3.5


# --- the week-on-week rise of morning pain --------------------------------------------------


def test_a_morning_rise_needs_both_weeks() -> None:
    assert morning_rise(run(-6, 0, 3), DAY0.date()) is None
    assert morning_rise([], DAY0.date()) is None


def test_only_morning_entries_count_in_the_rise() -> None:
    evenings = [entry(d, 2, "evening") for d in range(-13, -6)]
    evenings += [entry(d, 8, "evening") for d in range(-6, 1)]
    rise = morning_rise(run(-13, 0, 3) + evenings, DAY0.date())
    assert rise is not None
    assert (rise.earlier_mean, rise.recent_mean, rise.change_points) == (3.0, 3.0, 0.0)
    assert not rise.blocks and not rise.regresses


@pytest.mark.parametrize(
    ("earlier", "recent", "blocks", "regresses"),
    [
        (5, 5, False, False),
        (6, 7, True, False),  # +1 point, 17 %: holds
        (4, 5, True, False),  # +1 point, 25 %: holds
        (3, 4, True, True),  # +1 point is 33 % of 3: the MIC
        (8, 10, True, True),  # +2 points
        (1, 1, False, False),
    ],
)
def test_a_one_point_rise_blocks_and_the_mic_regresses(
    earlier: int, recent: int, blocks: bool, regresses: bool
) -> None:
    rise = morning_rise(run(-13, -7, earlier) + run(-6, 0, recent), DAY0.date())
    assert rise is not None
    assert (rise.blocks, rise.regresses) == (blocks, regresses)
    assert rise.change_points == recent - earlier


def test_a_rise_just_under_one_point_does_not_block() -> None:
    # 7 mornings at 4, then 6 at 5 and one at 4: +6/7 point.
    recent = run(-6, -1, 5) + [entry(0, 4)]
    rise = morning_rise(run(-13, -7, 4) + recent, DAY0.date())
    assert rise is not None and rise.change_points == pytest.approx(6 / 7)
    assert not rise.blocks


def test_the_worst_rise_puts_the_mic_first() -> None:
    big = MorningRise(date(2026, 6, 3), 6.0, 7.5, 1.5, False)
    mic = MorningRise(date(2026, 6, 2), 2.0, 3.0, 1.0, True)
    assert worst_morning_rise([None, big, mic]) == mic
    assert worst_morning_rise([None, big]) == big
    assert worst_morning_rise([None, None]) is None
