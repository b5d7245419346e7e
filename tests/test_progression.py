"""Progression by pain: one case per rule at its boundaries, and the ladder on real exercises."""

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from backstride.domain.catalogue import Catalogue, load_catalogue
from backstride.domain.dose_steps import progress_step, regress_step, volume_floor
from backstride.domain.pain import MorningRise
from backstride.domain.prescription import Prescription, starting_prescription
from backstride.domain.progression import ACTIONS, RULES, SEE_CLINICIAN, Decision, decide
from backstride.domain.progression_facts import SessionPain, SessionSignal
from backstride.domain.sources import is_known_source
from backstride.errors import InvalidInput

CATALOGUE = load_catalogue()
DAY = date(2026, 3, 2)


def signal(
    pain_during: int | None,
    morning: int | None,
    baseline: float | None = 4.0,
    days_ago: int = 0,
    **flags: bool,
) -> SessionSignal:
    return SessionSignal(DAY - timedelta(days=days_ago), pain_during, morning, baseline, **flags)


def start(exercise_id: str, level_id: str | None = None) -> Prescription:
    return starting_prescription(CATALOGUE.get(exercise_id), level_id)


def shown(value: float | int) -> str:
    """How the reason writes a number: whole scores as 3, baselines as 4.0 or 4.5."""
    return str(value) if isinstance(value, int) else f"{value:.1f}"


def assert_numbers_in_reason(decision: Decision) -> None:
    for name, value in decision.numbers.items():
        if value is None or isinstance(value, bool):
            continue
        pattern = rf"(?<![\d.]){re.escape(shown(value))}(?![\d])"
        assert re.search(pattern, decision.reason), (name, value, decision.reason)
    assert "(DOMAIN.md 2." in decision.reason
    assert decision.reason.endswith(").")


BRIDGE = start("glute-bridge")  # 8 reps x 6 s hold, reps 8-12

GREEN = signal(2, 4, days_ago=2)


def rise(earlier: float, recent: float, regresses: bool = False) -> MorningRise:
    """A week-on-week morning rise as `pain.morning_rise` reports it."""
    return MorningRise(DAY, earlier, recent, recent - earlier, regresses)


FLAT = None
BLOCKS = rise(4.0, 5.0)
REGRESSES = rise(3.0, 5.0, regresses=True)
HIGH = SessionPain("Locust pose", 8, DAY)
FLOOR = volume_floor(CATALOGUE, BRIDGE)  # 4 x 5 s hold: nothing left to cut

# (rule, action, signals, morning rise, previous decisions, high pain elsewhere in the session)
Case = tuple[str, str, list[SessionSignal], MorningRise | None, list[str], SessionPain | None]
CASES: list[Case] = [
    ("S1", "stop", [GREEN, signal(2, 4, leg_symptoms=True)], FLAT, [], None),
    ("S1", "stop", [signal(0, 3, red_flag=True)], FLAT, [], None),
    ("S1", "stop", [signal(8, 9, leg_symptoms=True, red_flag=True)], REGRESSES, ["regress"], HIGH),
    ("X1", "regress", [signal(6, 4)], FLAT, ["regress"], None),
    ("X1", "regress", [GREEN, signal(2, 4)], REGRESSES, ["hold", "regress"], None),
    ("X2", "regress", [signal(6, 4)], FLAT, [], None),
    ("X2", "regress", [GREEN, signal(2, 5)], FLAT, ["hold"], HIGH),
    ("R1", "regress", [signal(6, 4)], FLAT, [], None),
    ("R1", "regress", [signal(6, None, None)], FLAT, [], None),
    ("R1", "regress", [GREEN, signal(2, 5, 4.5)], FLAT, [], None),
    ("R1", "regress", [signal(4, 5, 4.5)], FLAT, ["regress", "hold"], None),
    ("R1", "regress", [signal(6, 4)], FLAT, [], HIGH),
    ("R2", "regress", [GREEN, signal(2, 4)], REGRESSES, [], None),
    ("R2", "regress", [GREEN, signal(2, 4)], rise(4.0, 5.3, regresses=True), [], HIGH),
    ("H2", "hold", [], FLAT, [], None),
    ("H2", "hold", [signal(None, 4)], FLAT, [], None),
    ("H2", "hold", [GREEN, signal(2, None)], FLAT, [], None),
    ("H2", "hold", [signal(4, None)], FLAT, [], None),
    ("H2", "hold", [signal(2, 3, None)], FLAT, [], None),
    ("H2", "hold", [GREEN, signal(2, 4, skipped_all=True)], FLAT, [], None),
    ("H2", "hold", [signal(2, None)], BLOCKS, [], HIGH),
    ("B1", "hold", [GREEN, signal(3, 4)], FLAT, [], HIGH),
    ("B1", "hold", [signal(4, 4)], BLOCKS, [], HIGH),
    ("B2", "hold", [GREEN, signal(3, 4)], BLOCKS, [], None),
    ("B2", "hold", [GREEN, signal(3, 4)], rise(2.5, 3.5), [], None),
    ("H1", "hold", [signal(4, 4)], FLAT, [], None),
    ("H1", "hold", [GREEN, signal(5, 4)], FLAT, [], None),
    ("H1", "hold", [signal(5, 3, 4.5)], rise(4.0, 4.9), [], None),
    ("P1", "progress", [GREEN, signal(3, 4)], FLAT, [], None),
    ("P1", "progress", [GREEN, signal(3, 4)], rise(4.0, 4.9), [], None),
    ("P1", "progress", [signal(3, 4, 4.5, days_ago=2), signal(3, 4)], FLAT, ["hold"], None),
    ("H3", "hold", [signal(3, 4)], FLAT, [], None),
    ("H3", "hold", [signal(4, 4, days_ago=2), signal(2, 4)], FLAT, ["hold"], None),
    ("H3", "hold", [signal(2, 5, days_ago=2), signal(2, 4)], FLAT, ["regress"], None),
    ("H3", "hold", [GREEN, signal(2, 4)], FLAT, ["hold", "progress"], None),
    ("H3", "hold", [signal(2, 4, skipped_all=True, days_ago=2), signal(2, 4)], FLAT, [], None),
]


@pytest.mark.parametrize(("rule_id", "action", "signals", "rise", "previous", "high"), CASES)
def test_rule_at_its_boundaries(
    rule_id: str,
    action: str,
    signals: list[SessionSignal],
    rise: MorningRise | None,
    previous: list[str],
    high: SessionPain | None,
) -> None:
    current = FLOOR if rule_id == "X2" else replace(BRIDGE, reps=10)
    decision = decide(CATALOGUE, current, signals, rise, previous, session_pain=high)
    assert (decision.rule, decision.action) == (rule_id, action)
    assert decision.excluded == rule_id.startswith("X")
    assert decision.suggest_clinician == decision.excluded
    if action in ("hold", "stop"):
        assert decision.prescription == current
    assert_numbers_in_reason(decision)


def test_every_rule_has_a_case_and_a_known_source() -> None:
    assert [rule.id for rule in RULES] == [
        "S1",
        "X1",
        "X2",
        "R1",
        "R2",
        "H2",
        "B1",
        "B2",
        "H1",
        "P1",
        "H3",
    ]
    assert {rule.id for rule in RULES} == {case[0] for case in CASES}
    for rule in RULES:
        assert rule.action in ACTIONS
        assert all(is_known_source(part) for part in rule.source.split("; ")), rule


@pytest.mark.parametrize(
    ("pain_during", "expected"), [(3, "progress"), (4, "hold"), (5, "hold"), (6, "regress")]
)
def test_pain_during_3_4_5_6(pain_during: int, expected: str) -> None:
    decision = decide(CATALOGUE, BRIDGE, [GREEN, signal(pain_during, 4)], None, [])
    assert decision.action == expected
    assert_numbers_in_reason(decision)
    assert decision.numbers["pain_during_max"] == pain_during


@pytest.mark.parametrize(("morning", "expected"), [(4, "progress"), (5, "regress")])
def test_next_morning_equal_to_baseline_settles_half_a_point_above_regresses(
    morning: int, expected: str
) -> None:
    baseline = 4.0 if expected == "progress" else 4.5
    decision = decide(CATALOGUE, BRIDGE, [GREEN, signal(1, morning, baseline)], None, [])
    assert decision.action == expected
    assert f"usual {baseline:.1f}" in decision.reason
    assert decision.numbers["next_morning"] == morning
    assert decision.numbers["baseline"] == baseline


def test_progress_reason_names_both_sessions_and_the_step() -> None:
    decision = decide(CATALOGUE, BRIDGE, [signal(2, 4, days_ago=2), signal(3, 4)], None, [])
    assert decision.prescription.reps == 10
    assert decision.reason == (
        "Pain during stayed at 2 and 3 (at most 3) and next-morning pain was 4 and 4, no higher "
        "than your usual 4.0, two sessions in a row: one step up, from 8 to 10 reps "
        "(DOMAIN.md 2.4, 2.6)."
    )
    assert decision.numbers["previous_pain_during_max"] == 2


def test_one_green_session_holds_and_says_one_more() -> None:
    decision = decide(CATALOGUE, BRIDGE, [signal(3, 4)], None, [])
    assert decision.prescription == BRIDGE
    assert "one more session like this and the dose goes up" in decision.reason


def test_stop_keeps_the_dose_and_sends_to_screening() -> None:
    decision = decide(CATALOGUE, BRIDGE, [signal(2, 3, red_flag=True)], None, [])
    assert decision.prescription == BRIDGE
    assert "screening questionnaire" in decision.reason
    assert "2026-03-02" in decision.reason
    assert decision.numbers == {"leg_symptoms": False, "red_flag": True}


def test_regress_steps_down_once_and_not_yet_to_a_clinician() -> None:
    decision = decide(CATALOGUE, replace(BRIDGE, reps=12), [signal(6, 4)], None, ["hold"])
    assert decision.prescription.reps == 10
    assert "from 12 to 10 reps" in decision.reason
    assert not decision.suggest_clinician
    assert SEE_CLINICIAN not in decision.reason


def test_two_regressions_in_a_row_leave_the_exercise_out() -> None:
    decision = decide(CATALOGUE, replace(BRIDGE, reps=10), [signal(2, 4)], REGRESSES, ["regress"])
    assert (decision.rule, decision.action) == ("X1", "regress")
    assert decision.excluded and decision.suggest_clinician
    assert SEE_CLINICIAN in decision.reason
    assert "morning pain averaged 5.0" in decision.reason
    assert decision.prescription.reps == 8  # the dose it comes back at once cleared


def test_regression_at_the_bottom_after_a_regression_leaves_it_out() -> None:
    decision = decide(CATALOGUE, BRIDGE, [signal(7, 4)], None, ["regress"])
    assert (decision.rule, decision.excluded, decision.suggest_clinician) == ("X1", True, True)
    assert decision.prescription == BRIDGE.with_dose(8, 5)
    assert "stay there" not in decision.reason


def test_progress_at_the_top_holds_and_says_so() -> None:
    top = replace(BRIDGE, reps=12)
    decision = decide(CATALOGUE, top, [GREEN, signal(0, 2)], None, [])
    assert (decision.rule, decision.action, decision.prescription) == ("P1", "hold", top)
    assert "already at the hardest dose" in decision.reason


def test_missing_data_says_what_to_log() -> None:
    morning = decide(CATALOGUE, BRIDGE, [signal(2, None)], None, []).reason
    assert "log your morning pain on 2026-03-03" in morning
    during = decide(CATALOGUE, BRIDGE, [signal(None, 3)], None, []).reason
    assert "log your highest pain during the exercise" in during
    usual = decide(CATALOGUE, BRIDGE, [signal(2, 3, None)], None, []).reason
    assert "usual level" in usual
    nothing = decide(CATALOGUE, BRIDGE, [], None, []).reason
    assert "No session with this exercise has been logged yet" in nothing


@pytest.mark.parametrize("baseline", [0.0, 2.5, 4.0, 10.0])
def test_every_score_lands_in_its_traffic_light(baseline: float) -> None:
    for pain_during in range(11):
        for morning in range(11):
            latest = signal(pain_during, morning, baseline)
            decision = decide(CATALOGUE, BRIDGE, [GREEN, latest], None, [])
            if pain_during > 5 or morning > baseline:
                expected = "regress"
            elif pain_during >= 4:
                expected = "hold"
            else:
                expected = "progress"  # GREEN before it, so two in a row
            assert decision.action == expected, (pain_during, morning, baseline)
            assert_numbers_in_reason(decision)


@pytest.mark.parametrize(
    "values",
    [
        {"pain_during_max": 11},
        {"pain_during_max": -1},
        {"next_morning": True},
        {"next_morning": 3.5},
        {"baseline": 10.5},
    ],
)
def test_signal_refuses_scores_outside_0_to_10(values: dict[str, Any]) -> None:
    fields: dict[str, Any] = {"pain_during_max": 2, "next_morning": 3, "baseline": 4.0}
    with pytest.raises(InvalidInput, match="0 to 10"):
        SessionSignal(DAY, **(fields | values))


def climb(catalogue: Catalogue, p: Prescription, steps: int) -> list[tuple[str, int, int | None]]:
    rungs = []
    for _ in range(steps):
        p, _change = progress_step(catalogue, p)
        rungs.append((p.level_id, p.reps, p.hold_s))
    return rungs


def test_glute_bridge_adds_reps_then_stays_at_the_top() -> None:
    assert (BRIDGE.reps, BRIDGE.hold_s) == (8, 6)
    first, change = progress_step(CATALOGUE, BRIDGE)
    assert (first.reps, change) == (10, "from 8 to 10 reps")
    second, change = progress_step(CATALOGUE, first)
    assert (second.reps, change) == (12, "from 10 to 12 reps")
    top, change = progress_step(CATALOGUE, second)
    assert top == second
    assert change == "already at the hardest dose of this ladder (Glute bridge, 12 x 6 s hold)"


def test_plank_hold_then_side_plank_because_its_reps_are_the_rounds() -> None:
    plank = start("plank")
    assert (plank.reps, plank.hold_s, plank.reps_scope) == (3, 45, "whole_circuit")
    assert climb(CATALOGUE, plank, 5) == [
        ("plank", 3, 50),
        ("plank", 3, 55),
        ("plank", 3, 60),
        ("side-plank-bent-knee", 4, 10),
        ("side-plank-bent-knee", 6, 10),
    ]
    _, change = progress_step(CATALOGUE, plank.with_dose(3, 55))
    assert change == "from 55 to 60 s hold"
    side, change = progress_step(CATALOGUE, plank.with_dose(3, 60))
    assert side.exercise_id == "side-plank"
    assert side.dose_source == CATALOGUE.get("side-plank").default_dose.source
    assert "(3 x 60 s hold)" in change and "(4 x 10 s hold)" in change


def test_bird_dog_leg_only_then_bird_dog_at_the_low_end() -> None:
    leg_only = start("bird-dog")
    assert leg_only.level_id == "bird-dog-leg-only"
    assert climb(CATALOGUE, leg_only, 4) == [
        ("bird-dog-leg-only", 10, 5),
        ("bird-dog-leg-only", 12, 5),
        ("bird-dog", 8, 5),
        ("bird-dog", 10, 5),
    ]


def test_hollow_hold_walks_its_level_ladder_and_stops_at_the_top() -> None:
    levels = CATALOGUE.get("hollow-hold").level_ids
    rungs = climb(CATALOGUE, start("hollow-hold"), len(levels))
    assert [level for level, _reps, _hold in rungs] == [*levels[1:], levels[-1]]
    assert {(reps, hold) for _level, reps, hold in rungs} == {(6, 10)}
    _, change = progress_step(CATALOGUE, start("hollow-hold", levels[-1]))
    assert change.startswith("already at the hardest dose")


def test_reps_step_is_capped_at_the_top_of_the_range() -> None:
    assert [reps for _l, reps, _h in climb(CATALOGUE, start("ball-back-extension"), 2)] == [14, 15]


def test_hold_only_dose_progresses_by_hold_time_only() -> None:
    stretch = CATALOGUE.get("towel-hamstring-stretch")
    dose = stretch.default_dose.model_copy(update={"reps": None})
    catalogue = Catalogue((stretch.model_copy(update={"doses": [dose]}),))
    p = starting_prescription(catalogue.get("towel-hamstring-stretch"))
    assert climb(catalogue, p, 4) == [
        ("towel-hamstring-stretch", 1, 20),
        ("towel-hamstring-stretch", 1, 25),
        ("towel-hamstring-stretch", 1, 30),
        ("towel-hamstring-stretch", 1, 30),
    ]


def test_regress_from_side_plank_bent_knee_back_to_plank() -> None:
    side = start("side-plank")
    plank, change = regress_step(CATALOGUE, side)
    assert (plank.exercise_id, plank.level_id, plank.reps, plank.hold_s) == (
        "plank",
        "plank",
        3,
        45,
    )
    assert plank == start("plank")
    assert change == (
        "from Side plank on bent knees (4 x 10 s hold) to Forearm plank (3 x 45 s hold), "
        "the low end of its dose"
    )


def test_regress_reverses_hold_then_reps_then_cuts_at_the_bottom() -> None:
    p = start("glute-bridge").with_dose(12, 6)
    seen = []
    for _ in range(6):
        p, change = regress_step(CATALOGUE, p)
        seen.append((p.reps, p.hold_s))
    assert seen == [(10, 6), (8, 6), (8, 5), (6, 5), (4, 5), (4, 5)]
    assert change == "Glute bridge is the easiest rung and 4 x 5 s hold is its smallest dose"
    plank = start("plank").with_dose(3, 60)
    plank, _ = regress_step(CATALOGUE, plank)
    assert (plank.reps, plank.hold_s) == (3, 55)


def test_regress_within_a_family_goes_to_the_lower_level_at_the_low_end() -> None:
    bird_dog = start("bird-dog", "bird-dog").with_dose(12, 5)
    down, change = regress_step(CATALOGUE, bird_dog)
    assert (down.level_id, down.reps) == ("bird-dog", 10)
    lower, change = regress_step(CATALOGUE, start("bird-dog", "bird-dog"))
    assert (lower.level_id, lower.reps, lower.hold_s) == ("bird-dog-leg-only", 8, 5)


@pytest.mark.parametrize("exercise_id", ["glute-bridge", "hollow-hold", "plank", "glute-squeeze"])
def test_bottom_of_a_ladder_cuts_then_stays_at_the_floor(exercise_id: str) -> None:
    bottom = start(CATALOGUE.ladder(exercise_id)[0].exercise.id)
    cut, change = regress_step(CATALOGUE, bottom)
    assert cut != bottom
    assert "volume cut" in change
    p = cut
    for _ in range(20):
        p, change = regress_step(CATALOGUE, p)
    assert change.endswith("is its smallest dose")
    assert p.level_id == bottom.level_id
    assert p.reps >= 1 and (p.hold_s is None or p.hold_s >= min(5, bottom.hold_s or 5))


def test_hip_drill_ladder_crosses_families_both_ways() -> None:
    squeeze = start("glute-squeeze")
    drill, _ = progress_step(CATALOGUE, squeeze)
    assert drill == start("hip-flexor-twist")
    back, _ = regress_step(CATALOGUE, drill)
    assert back == squeeze
