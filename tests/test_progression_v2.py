"""Progression v2 rules (DOMAIN.md 2.1.4) in decide(): cuts, the stop at the floor, the session."""

from datetime import date, timedelta

import pytest

from backstride.domain.catalogue import load_catalogue
from backstride.domain.dose_steps import (
    at_volume_floor,
    hold_floor_s,
    progress_step,
    regress_step,
    reps_floor,
    volume_floor,
)
from backstride.domain.pain import MorningRise
from backstride.domain.prescription import Prescription, starting_prescription
from backstride.domain.progression import SEE_CLINICIAN, decide
from backstride.domain.progression_facts import SessionPain, SessionSignal

CATALOGUE = load_catalogue()
DAY = date(2026, 3, 2)
BAD = SessionSignal(DAY, 7, 4, 4.0)
GREEN = SessionSignal(DAY, 2, 4, 4.0)
GREEN_BEFORE = SessionSignal(DAY - timedelta(days=2), 2, 4, 4.0)


def start(exercise_id: str) -> Prescription:
    return starting_prescription(CATALOGUE.get(exercise_id))


@pytest.mark.parametrize(("low", "floor"), [(1, 1), (2, 1), (3, 1), (4, 2), (8, 4), (9, 4)])
def test_reps_floor_is_half_the_low_end_and_at_least_one(low: int, floor: int) -> None:
    assert reps_floor(low) == floor


@pytest.mark.parametrize(
    ("low", "floor"), [(3, 3), (5, 5), (6, 5), (10, 5), (19, 5), (20, 10), (30, 15), (45, 20)]
)
def test_hold_floor_is_half_the_low_end_in_5_s_steps_and_at_least_5_s(low: int, floor: int) -> None:
    assert hold_floor_s(low) == floor


def test_only_the_easiest_rung_has_a_floor_to_stop_at() -> None:
    side = start("side-plank")
    assert not at_volume_floor(CATALOGUE, volume_floor(CATALOGUE, side))
    plank = start("plank")
    assert volume_floor(CATALOGUE, plank) == plank.with_dose(3, 20)  # the rounds stay
    assert at_volume_floor(CATALOGUE, plank.with_dose(3, 20))
    assert not at_volume_floor(CATALOGUE, plank)


def test_progress_from_a_cut_climbs_back_to_the_low_end_first() -> None:
    bridge = start("glute-bridge")  # 8 x 6 s, reps 8-12
    p = volume_floor(CATALOGUE, bridge)
    seen = []
    for _ in range(5):
        p, _change = progress_step(CATALOGUE, p)
        seen.append((p.reps, p.hold_s))
    assert seen == [(6, 5), (8, 5), (8, 6), (10, 6), (12, 6)]


def test_plank_cut_keeps_the_rounds() -> None:
    cut, change = regress_step(CATALOGUE, start("plank"))
    assert (cut.reps, cut.hold_s) == (3, 40)
    assert change == "a volume cut, as Forearm plank is the easiest rung: from 45 to 40 s hold"


EASIEST = sorted({CATALOGUE.ladder(e.id)[0].exercise.id for e in CATALOGUE.exercises})


@pytest.mark.parametrize("exercise_id", EASIEST)
def test_a_regression_never_leaves_the_dose_as_it_was(exercise_id: str) -> None:
    """Down every ladder's easiest rung: each regression cuts, until the exercise is left out."""
    p = start(exercise_id)
    for _ in range(30):
        decision = decide(CATALOGUE, p, [BAD], None, ["hold"])
        assert decision.action == "regress"
        assert "stay there" not in decision.reason
        if decision.excluded:
            assert decision.rule == "X2" and decision.prescription == p
            assert at_volume_floor(CATALOGUE, p)
            break
        assert decision.prescription != p, decision.reason
        p = decision.prescription
    else:
        pytest.fail(f"{exercise_id} never reached its floor")


def test_at_the_floor_a_regression_leaves_the_exercise_out() -> None:
    floor = volume_floor(CATALOGUE, start("locust"))
    assert (floor.reps, floor.hold_s) == (1, 15)
    decision = decide(CATALOGUE, floor, [BAD], None, [])
    assert (decision.rule, decision.action) == ("X2", "regress")
    assert decision.excluded and decision.suggest_clinician
    assert decision.prescription == floor
    assert SEE_CLINICIAN in decision.reason
    assert "nothing left to cut" in decision.reason
    assert decision.numbers["at_floor"] is True


def test_a_screening_after_the_session_clears_the_exclusion() -> None:
    cleared = date(2026, 3, 5)
    bridge = start("glute-bridge")
    twice = decide(CATALOGUE, bridge, [BAD], None, ["regress"], cleared_on=cleared)
    assert (twice.rule, twice.excluded, twice.suggest_clinician) == ("R1", False, False)
    assert twice.prescription == bridge.with_dose(8, 5)
    assert "2026-03-05" in twice.reason
    assert twice.numbers["cleared_by_screening"] is True
    floor = volume_floor(CATALOGUE, bridge)
    at_floor = decide(CATALOGUE, floor, [BAD], None, [], cleared_on=cleared)
    assert (at_floor.rule, at_floor.excluded, at_floor.prescription) == ("R1", False, floor)
    assert "smallest dose" in at_floor.reason and "stay there" not in at_floor.reason
    plain = decide(CATALOGUE, bridge, [BAD], None, [], cleared_on=cleared)
    assert "cleared_by_screening" not in plain.numbers


def test_high_pain_elsewhere_in_the_session_names_that_exercise() -> None:
    high = SessionPain("Locust pose", 8, DAY)
    plank = start("plank")
    decision = decide(CATALOGUE, plank, [GREEN_BEFORE, GREEN], None, [], session_pain=high)
    assert (decision.rule, decision.action, decision.prescription) == ("B1", "hold", plank)
    assert decision.reason.startswith("Locust pose reached 8 during the session on 2026-03-02")
    assert "no exercise goes up" in decision.reason
    assert decision.numbers == {"session_pain_during_max": 8}
    without = decide(CATALOGUE, plank, [GREEN_BEFORE, GREEN], None, [])
    assert without.action == "progress"


def test_a_morning_rise_holds_or_regresses_with_its_numbers() -> None:
    plank = start("plank").with_dose(3, 55)
    held = decide(
        CATALOGUE, plank, [GREEN_BEFORE, GREEN], MorningRise(DAY, 4.0, 5.0, 1.0, False), []
    )
    assert (held.rule, held.action, held.prescription) == ("B2", "hold", plank)
    assert "averaged 5.0 in the 7 days to 2026-03-02, up 1.0 from 4.0" in held.reason
    assert held.numbers["rise_points"] == 1.0 and held.numbers["rise_regresses"] is False
    down = decide(
        CATALOGUE, plank, [GREEN_BEFORE, GREEN], MorningRise(DAY, 3.0, 5.0, 2.0, True), []
    )
    assert (down.rule, down.action, down.prescription.hold_s) == ("R2", "regress", 50)
    assert "minimal important change (2 points or 30 %)" in down.reason


def test_a_session_with_nothing_done_is_no_evidence() -> None:
    skipped = SessionSignal(DAY, 1, 3, 4.0, skipped_all=True)
    bridge = start("glute-bridge")
    decision = decide(CATALOGUE, bridge, [GREEN_BEFORE, skipped], None, [])
    assert (decision.rule, decision.action, decision.prescription) == ("H2", "hold", bridge)
    assert "work done 0" in decision.reason
    assert not skipped.green
    bad_anyway = SessionSignal(DAY, 7, 3, 4.0, skipped_all=True)
    assert decide(CATALOGUE, bridge, [bad_anyway], None, []).action == "regress"
