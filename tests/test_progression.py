"""Progression by pain: one case per rule at its boundaries, and the ladder on real exercises."""

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from backstride.domain.catalogue import Catalogue, load_catalogue
from backstride.domain.prescription import Prescription, starting_prescription
from backstride.domain.progression import (
    ACTIONS,
    RULES,
    SEE_CLINICIAN,
    Decision,
    SessionSignal,
    decide,
    progress_step,
    regress_step,
)
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

# (rule, action, signals, week_on_week_rise, previous decisions)
CASES: list[tuple[str, str, list[SessionSignal], bool, list[str]]] = [
    ("S1", "stop", [GREEN, signal(2, 4, leg_symptoms=True)], False, []),
    ("S1", "stop", [signal(0, 3, red_flag=True)], False, []),
    ("S1", "stop", [signal(8, 9, leg_symptoms=True, red_flag=True)], True, ["regress"]),
    ("R1", "regress", [signal(6, 4)], False, []),
    ("R1", "regress", [signal(6, None, None)], False, []),
    ("R1", "regress", [GREEN, signal(2, 5, 4.5)], False, []),
    ("R1", "regress", [signal(4, 5, 4.5)], False, []),
    ("R1", "regress", [GREEN, signal(2, 4)], True, []),
    ("H1", "hold", [signal(4, 4)], False, []),
    ("H1", "hold", [GREEN, signal(5, 4)], False, []),
    ("H1", "hold", [signal(5, 3, 4.5)], False, []),
    ("H2", "hold", [], False, []),
    ("H2", "hold", [signal(None, 4)], False, []),
    ("H2", "hold", [GREEN, signal(2, None)], False, []),
    ("H2", "hold", [signal(4, None)], False, []),
    ("H2", "hold", [signal(2, 3, None)], False, []),
    ("P1", "progress", [GREEN, signal(3, 4)], False, []),
    ("P1", "progress", [signal(3, 4, 4.5, days_ago=2), signal(3, 4)], False, ["hold"]),
    ("H3", "hold", [signal(3, 4)], False, []),
    ("H3", "hold", [signal(4, 4, days_ago=2), signal(2, 4)], False, ["hold"]),
    ("H3", "hold", [signal(2, 5, days_ago=2), signal(2, 4)], False, ["regress"]),
    ("H3", "hold", [GREEN, signal(2, 4)], False, ["hold", "progress"]),
]


@pytest.mark.parametrize(("rule_id", "action", "signals", "rise", "previous"), CASES)
def test_rule_at_its_boundaries(
    rule_id: str, action: str, signals: list[SessionSignal], rise: bool, previous: list[str]
) -> None:
    decision = decide(CATALOGUE, replace(BRIDGE, reps=10), signals, rise, previous)
    assert (decision.rule, decision.action) == (rule_id, action)
    assert_numbers_in_reason(decision)


def test_every_rule_has_a_case_and_a_known_source() -> None:
    assert [rule.id for rule in RULES] == ["S1", "R1", "H1", "H2", "P1", "H3"]
    assert {rule.id for rule in RULES} == {case[0] for case in CASES}
    for rule in RULES:
        assert rule.action in ACTIONS
        assert all(is_known_source(part) for part in rule.source.split("; ")), rule


@pytest.mark.parametrize(
    ("pain_during", "expected"), [(3, "progress"), (4, "hold"), (5, "hold"), (6, "regress")]
)
def test_pain_during_3_4_5_6(pain_during: int, expected: str) -> None:
    decision = decide(CATALOGUE, BRIDGE, [GREEN, signal(pain_during, 4)], False, [])
    assert decision.action == expected
    assert_numbers_in_reason(decision)
    assert decision.numbers["pain_during_max"] == pain_during


@pytest.mark.parametrize(("morning", "expected"), [(4, "progress"), (5, "regress")])
def test_next_morning_equal_to_baseline_settles_half_a_point_above_regresses(
    morning: int, expected: str
) -> None:
    baseline = 4.0 if expected == "progress" else 4.5
    decision = decide(CATALOGUE, BRIDGE, [GREEN, signal(1, morning, baseline)], False, [])
    assert decision.action == expected
    assert f"usual {baseline:.1f}" in decision.reason
    assert decision.numbers["next_morning"] == morning
    assert decision.numbers["baseline"] == baseline


def test_progress_reason_names_both_sessions_and_the_step() -> None:
    decision = decide(CATALOGUE, BRIDGE, [signal(2, 4, days_ago=2), signal(3, 4)], False, [])
    assert decision.prescription.reps == 10
    assert decision.reason == (
        "Pain during stayed at 2 and 3 (at most 3) and next-morning pain was 4 and 4, no higher "
        "than your usual 4.0, two sessions in a row: one step up, from 8 to 10 reps "
        "(DOMAIN.md 2.4, 2.6)."
    )
    assert decision.numbers["previous_pain_during_max"] == 2


def test_one_green_session_holds_and_says_one_more() -> None:
    decision = decide(CATALOGUE, BRIDGE, [signal(3, 4)], False, [])
    assert decision.prescription == BRIDGE
    assert "one more session like this and the dose goes up" in decision.reason


def test_stop_keeps_the_dose_and_sends_to_screening() -> None:
    decision = decide(CATALOGUE, BRIDGE, [signal(2, 3, red_flag=True)], False, [])
    assert decision.prescription == BRIDGE
    assert "screening questionnaire" in decision.reason
    assert "2026-03-02" in decision.reason
    assert decision.numbers == {"leg_symptoms": False, "red_flag": True}


def test_regress_steps_down_once_and_not_yet_to_a_clinician() -> None:
    decision = decide(CATALOGUE, replace(BRIDGE, reps=12), [signal(6, 4)], False, ["hold"])
    assert decision.prescription.reps == 10
    assert "from 12 to 10 reps" in decision.reason
    assert not decision.suggest_clinician
    assert SEE_CLINICIAN not in decision.reason


def test_two_regressions_in_a_row_suggest_a_clinician() -> None:
    decision = decide(CATALOGUE, replace(BRIDGE, reps=10), [signal(2, 4)], True, ["regress"])
    assert decision.action == "regress"
    assert decision.suggest_clinician
    assert SEE_CLINICIAN in decision.reason
    assert "rose from one week to the next" in decision.reason


def test_regression_at_the_bottom_stays_and_still_counts() -> None:
    decision = decide(CATALOGUE, BRIDGE, [signal(7, 4)], False, ["regress"])
    assert decision.action == "regress"
    assert decision.prescription == BRIDGE
    assert "already at the easiest dose" in decision.reason
    assert decision.suggest_clinician


def test_progress_at_the_top_holds_and_says_so() -> None:
    top = replace(BRIDGE, reps=12)
    decision = decide(CATALOGUE, top, [GREEN, signal(0, 2)], False, [])
    assert (decision.rule, decision.action, decision.prescription) == ("P1", "hold", top)
    assert "already at the hardest dose" in decision.reason


def test_missing_data_says_what_to_log() -> None:
    morning = decide(CATALOGUE, BRIDGE, [signal(2, None)], False, []).reason
    assert "log your morning pain on 2026-03-03" in morning
    during = decide(CATALOGUE, BRIDGE, [signal(None, 3)], False, []).reason
    assert "log your highest pain during the exercise" in during
    usual = decide(CATALOGUE, BRIDGE, [signal(2, 3, None)], False, []).reason
    assert "usual level" in usual
    nothing = decide(CATALOGUE, BRIDGE, [], False, []).reason
    assert "No session with this exercise has been logged yet" in nothing


@pytest.mark.parametrize("baseline", [0.0, 2.5, 4.0, 10.0])
def test_every_score_lands_in_its_traffic_light(baseline: float) -> None:
    for pain_during in range(11):
        for morning in range(11):
            latest = signal(pain_during, morning, baseline)
            decision = decide(CATALOGUE, BRIDGE, [GREEN, latest], False, [])
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


def test_regress_reverses_hold_then_reps_then_stays_at_the_bottom() -> None:
    p = start("glute-bridge").with_dose(12, 6)
    seen = []
    for _ in range(4):
        p, change = regress_step(CATALOGUE, p)
        seen.append((p.reps, p.hold_s))
    assert seen == [(10, 6), (8, 6), (8, 6), (8, 6)]
    assert change.startswith("already at the easiest dose")
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
def test_bottom_of_a_ladder_stays(exercise_id: str) -> None:
    bottom = start(CATALOGUE.ladder(exercise_id)[0].exercise.id)
    same, change = regress_step(CATALOGUE, bottom)
    assert same == bottom
    assert change.startswith("already at the easiest dose")


def test_hip_drill_ladder_crosses_families_both_ways() -> None:
    squeeze = start("glute-squeeze")
    drill, _ = progress_step(CATALOGUE, squeeze)
    assert drill == start("hip-flexor-twist")
    back, _ = regress_step(CATALOGUE, drill)
    assert back == squeeze
