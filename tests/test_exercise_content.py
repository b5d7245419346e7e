"""The exercise texts agree with themselves, with each other and with the seeds' doses."""

import re

import pytest

from backstride.domain.catalogue import Catalogue, load_catalogue
from backstride.domain.exercise import Exercise
from backstride.domain.prescription import starting_prescription

S001 = "001_69012fdd480ec1fe.txt"
S002 = "002_b171ee446bc31386.txt"
CATALOGUE: Catalogue = load_catalogue()
EXERCISES: list[Exercise] = list(CATALOGUE.exercises)

# Lying face down (prone) or face up (supine), from the starting position a file gives.
LYING = re.compile(r"\blie\b.*\b(face (down|up)|on your (back|front|stomach))\b", re.IGNORECASE)
PRONE_OVER_BALL = re.compile(r"\bface down\b.*\bball\b", re.IGNORECASE)
HIP_LIFT = re.compile(r"\b(raise|lift)s?\b[^.;]*\bhips?\b", re.IGNORECASE)
LOW_BACK_DRIVES = re.compile(r"\b(low|lower)[- ]back muscles\b", re.IGNORECASE)


def lying_exercises() -> list[Exercise]:
    """Every exercise whose starting position lies on the back or face down (over a ball too)."""
    return [e for e in EXERCISES if LYING.search(e.starting_position)]


def test_the_lying_positions_are_read_from_the_data() -> None:
    lying = {e.id for e in lying_exercises()}
    prone_over_ball = {e.id for e in EXERCISES if PRONE_OVER_BALL.search(e.starting_position)}
    # the two S000 ball moves are prone over a ball; the pattern must see them
    assert {"ball-back-extension", "ball-reverse-leg-raise"} <= prone_over_ball <= lying
    assert "glute-bridge" in lying
    standing = {e.id for e in EXERCISES if e.starting_position.lower().startswith("stand")}
    assert standing and not standing & lying


@pytest.mark.parametrize("exercise", lying_exercises(), ids=lambda e: e.id)
def test_lying_exercises_warn_about_pregnancy_and_the_months_after(exercise: Exercise) -> None:
    """DOMAIN.md 2.1.4 C9: pregnancy and the 6 months after birth need a clinician's advice."""
    warnings = [
        note
        for note in exercise.cautions
        if re.search(r"\bpregnan", note.text, re.IGNORECASE)
        and re.search(r"giv(ing|en) birth|gave birth", note.text, re.IGNORECASE)
        and re.search(r"clinician|doctor|midwife|physiotherapist", note.text, re.IGNORECASE)
    ]
    assert len(warnings) == 1, exercise.id
    assert warnings[0].source == "DOMAIN.md 2.1.4"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_no_text_lifts_the_hips_with_the_low_back(exercise: Exercise) -> None:
    """The bridge's own mistake is effort in the low back; no move may teach it as the method."""
    texts = [exercise.summary, *exercise.steps, *exercise.cues]
    for text in texts:
        assert not (HIP_LIFT.search(text) and LOW_BACK_DRIVES.search(text)), (exercise.id, text)


def test_the_wall_lumbar_extension_is_an_arch_with_the_buttocks_down() -> None:
    """F16 (S003): felt in the low back, not the glutes or hamstrings, so the hips stay down."""
    move = CATALOGUE.get("lumbar-extension-wall")
    for text in [move.summary, *move.steps]:
        assert not HIP_LIFT.search(text), text
    assert any(
        re.search(r"(buttocks|bottom).*(stay|rest|keep).*(floor|mat)", s) for s in move.steps
    )
    assert any(re.search(r"\barch\b", s) for s in move.steps)
    assert not any(re.search(r"glute|hamstring", m) for m in move.target_muscles)
    assert any(re.search(r"bridge", m) for m in move.common_mistakes)


def test_the_hip_twist_builds_up_to_the_seeds_number_per_side() -> None:
    """S001 says to work up to its number of twists per side: that is the ceiling, not the start."""
    twist = CATALOGUE.get("hip-flexor-twist")
    seed_doses = [d for d in twist.doses if d.source == S001 and d.reps is not None]
    assert len(seed_doses) == 1
    seed_reps = seed_doses[0].reps
    assert seed_reps is not None
    dose = twist.default_dose
    assert dose.reps is not None
    assert dose.reps.high == seed_reps.high
    assert dose.reps.low < dose.reps.high
    assert starting_prescription(twist).reps == dose.reps.low < seed_reps.low
    assert dose.choice is not None
    assert S001 in dose.choice
    assert f"{dose.reps.low}" in dose.choice and f"{seed_reps.high}" in dose.choice


def test_the_bridge_steps_say_where_the_feet_go_for_each_dose() -> None:
    """S002's default dose rests only the heels; S000's keeps the feet flat: the steps say both."""
    bridge = CATALOGUE.get("glute-bridge")
    steps = " ".join([bridge.starting_position, *bridge.steps]).lower()
    for dose in bridge.doses:
        summary = dose.summary.lower()
        if "heels" in summary:
            assert re.search(r"only your heels|heels only", steps), dose.source
            assert re.search(r"(front|balls|toes) of (your|the) feet", steps), dose.source
        if "feet flat" in summary:
            assert re.search(r"(whole|feet) flat|flat on the (floor|mat)", steps), dose.source
    default = bridge.default_dose
    assert default.source == S002 and "heels" in default.summary
    assert not re.search(r"feet (flat|on the floor)", bridge.starting_position.lower())
