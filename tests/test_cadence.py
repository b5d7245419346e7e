"""Cadence coaching: like-with-like baseline, the ladder on DOMAIN.md 2.5's numbers, adoption."""

import pytest

from backstride.domain.cadence import RunCadence, adopted, cadence_ladder, easy_pace_baseline


@pytest.mark.parametrize(
    ("baseline", "targets"),
    [
        (160, [165, 170]),  # S004's example, stopping at the band; +10 % would allow 176
        (150, [155, 160, 165]),  # +10 % of 150 is 165
        (140, [145, 150]),  # 5 spm is 3.6 %; 155 would pass the 10 % cap of 154
        (100, [105, 110]),
        (172, []),  # DOMAIN.md 2.5: never pushed when already in the band
    ],
)
def test_ladder_on_worked_numbers(baseline: int, targets: list[int]) -> None:
    got, reason = cadence_ladder(baseline)
    assert got == targets
    assert ("already in the 170-190 band" in reason) == (baseline >= 170)


def test_every_step_is_3_to_5_percent_and_the_total_at_most_10() -> None:
    for baseline in range(120, 170):
        targets, _ = cadence_ladder(baseline)
        previous = baseline
        for target in targets:
            assert 0.03 * baseline - 0.5 <= target - previous <= 0.05 * baseline + 0.5
            previous = target
        assert not targets or targets[-1] <= baseline * 1.10 + 0.5


def test_baseline_uses_runs_at_the_easy_pace_only() -> None:
    runs = [
        RunCadence(360, 160),
        RunCadence(362, 162),
        RunCadence(358, 161),
        RunCadence(300, 176),
        RunCadence(290, 178),
    ]
    baseline = easy_pace_baseline(runs)
    assert baseline.cadence_spm == 161
    assert baseline.runs_used == 3
    assert "like with like" in baseline.reason
    assert easy_pace_baseline([]).cadence_spm is None


def test_adoption_needs_like_runs_within_3_spm() -> None:
    later = [RunCadence(360, 163), RunCadence(361, 164), RunCadence(300, 180)]
    assert adopted(165, later, 360)
    assert not adopted(170, later, 360)
    assert not adopted(165, [RunCadence(300, 165)], 360)  # only a fast run: not like with like


def test_a_hand_count_is_40_to_120_steps_in_30_s() -> None:
    from backstride.domain.cadence import check_steps, parse_steps
    from backstride.errors import InvalidInput

    assert (parse_steps(" 85 "), check_steps(40), check_steps(120)) == (85, 40, 120)
    for typed in ("39", "121"):
        with pytest.raises(InvalidInput, match="out of range"):
            parse_steps(typed)
    with pytest.raises(InvalidInput, match="not a whole number"):
        parse_steps("eighty")
