"""Under-triage is the one unforgivable error: moving any answer toward a red flag never calms.

For every answer with a direction (toward alarm), hypothesis draws valid answers, moves that one
answer one step toward alarm, and checks that the triage level is never less urgent. Age and
onset (sudden / gradual) have no single direction: the table reacts to both ends of each (young
and old; a sudden start with thin bones, a gradual start in inflammatory pain), so their
boundaries are covered case by case in test_screening_rules.py instead.
"""

import os
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from backstride.domain.screening import level_rank, screen
from backstride.domain.screening_answers import ScreeningAnswers

# Each answer, its values from calm to alarming (a step moves one place to the right).
ORDERED: dict[str, list[Any]] = {
    "trauma": ["none", "minor", "major"],
    "leg_symptom_side": ["none", "one", "both"],
    "numbness_tingling_leg": ["none", "one_leg", "both_legs"],
    "trend": ["improving", "same", "worse"],
    "first_ever_episode": [False, True],
    "better_with_rest": [True, False],
    "previously_assessed_by_clinician": [True, False],
}
# Answers whose values are only partly ordered: each value and the values one step nearer alarm.
# Leg-symptom onset: "new" is the red flag; "none" and "long-standing" are not ordered against
# each other, because symptoms reported with onset "none" are treated as new (the safer reading).
PARTIAL: dict[str, dict[str, list[str]]] = {
    "leg_symptom_onset": {"none": ["new"], "chronic_stable": ["new"], "new": []},
    "leg_weakness": {
        "none": ["one_leg_stable"],
        "one_leg_stable": ["one_leg_worsening", "both_legs"],
        "one_leg_worsening": [],
        "both_legs": [],
    },
}
FLAGS = [
    "locked_or_seized_feeling",
    "radiates_below_knee",
    "foot_drop",
    "gait_disturbance",
    "saddle_numbness",
    "bladder_change_new",
    "bowel_change_new",
    "sexual_dysfunction_new",
    "fever_or_chills",
    "feels_systemically_unwell",
    "history_of_cancer",
    "unexplained_weight_loss",
    "osteoporosis_known",
    "oral_steroids_3_months_plus",
    "immunosuppressed",
    "iv_drug_use",
    "recent_bacterial_infection",
    "constant_pain_unrelieved_by_rest_or_position",
    "spinal_deformity_new",
    "better_with_exercise",
    "wakes_second_half_night_better_on_rising",
    "alternating_buttock_pain",
    "diffuse_ache_whole_low_back",
    "abdominal_pain",
    "faint_or_clammy",
    "pregnant_or_postpartum",
]
EXTRA_FLAGS = [
    "psoriasis",
    "uveitis",
    "inflammatory_bowel_disease",
    "heel_enthesitis",
    "family_history_spondyloarthritis",
    "nsaid_response_48h",
    "arthritis_history",
]
LOCATIONS = ["low_back", "buttock", "thigh", "calf", "foot", "thoracic"]


def _mostly_calm(values: list[Any]) -> st.SearchStrategy[Any]:
    """Half the time the calmest value, else any: red flags are rare, so most draws are calm."""
    return st.one_of(st.just(values[0]), st.sampled_from(values))


@st.composite
def valid_answers(draw: st.DrawFn) -> dict[str, Any]:
    """Valid answers with few flags raised, so that one more step can change the level."""
    age = draw(st.integers(5, 110))
    raised = set(draw(st.lists(st.sampled_from(FLAGS), unique=True, max_size=3)))
    raised_extra = set(draw(st.lists(st.sampled_from(EXTRA_FLAGS), unique=True, max_size=3)))
    raw: dict[str, Any] = {
        "age": age,
        "age_at_onset": draw(st.integers(0, age)),
        "sex": draw(st.sampled_from(["F", "M", "X"])),
        "onset": draw(st.sampled_from(["sudden", "gradual"])),
        "pain_location": draw(st.lists(st.sampled_from(LOCATIONS), unique=True, max_size=3)),
        "morning_stiffness_min": draw(st.one_of(st.integers(0, 60), st.integers(0, 1440))),
        "pain_now_0_10": draw(st.integers(0, 10)),
        "duration_weeks": draw(st.one_of(st.integers(0, 20), st.floats(0, 600, allow_nan=False))),
        "extra": {flag: flag in raised_extra for flag in EXTRA_FLAGS},
    }
    for name, values in ORDERED.items():
        raw[name] = draw(_mostly_calm(values))
    for name, steps in PARTIAL.items():
        raw[name] = draw(_mostly_calm(list(steps)))
    for flag in FLAGS:
        raw[flag] = flag in raised
    return raw


def _steps_toward_alarm(raw: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every answers dict that differs from raw by one answer moved one step toward alarm."""
    moves: list[tuple[str, dict[str, Any]]] = []
    for name, values in ORDERED.items():
        current = raw[name]
        if current in values and values.index(current) + 1 < len(values):
            moves.append((name, {**raw, name: values[values.index(current) + 1]}))
    for name, steps in PARTIAL.items():
        moves.extend((name, {**raw, name: value}) for value in steps[raw[name]])
    for flag in FLAGS:
        if not raw[flag]:
            moves.append((flag, {**raw, flag: True}))
    for flag in EXTRA_FLAGS:
        if not raw["extra"][flag]:
            moves.append((flag, {**raw, "extra": {**raw["extra"], flag: True}}))
    for place in LOCATIONS:
        if place not in raw["pain_location"]:
            moves.append((place, {**raw, "pain_location": [*raw["pain_location"], place]}))
    longer = min(raw["duration_weeks"] + 1, 600.0)
    moves.append(("duration_weeks", {**raw, "duration_weeks": longer}))
    stiffer = min(raw["morning_stiffness_min"] + 1, 1440)
    moves.append(("morning_stiffness_min", {**raw, "morning_stiffness_min": stiffer}))
    if raw["pain_now_0_10"] < 10:
        moves.append(("pain_now_0_10", {**raw, "pain_now_0_10": raw["pain_now_0_10"] + 1}))
    if raw["age_at_onset"] > 0:
        moves.append(("age_at_onset", {**raw, "age_at_onset": raw["age_at_onset"] - 1}))
    return moves


@settings(max_examples=int(os.environ.get("BACKSTRIDE_PROPERTY_EXAMPLES", "600")), deadline=None)
@given(valid_answers())
def test_moving_one_answer_toward_a_red_flag_never_lowers_the_triage(raw: dict[str, Any]) -> None:
    before = level_rank(screen(ScreeningAnswers(**raw)).triage)
    for name, moved in _steps_toward_alarm(raw):
        after = level_rank(screen(ScreeningAnswers(**moved)).triage)
        assert after <= before, f"moving {name} toward alarm made the result calmer"


def test_every_directed_answer_is_moved_from_the_calm_baseline() -> None:
    from screening_base import CALM

    moved = {
        name for name, _ in _steps_toward_alarm({**CALM, "extra": {f: False for f in EXTRA_FLAGS}})
    }
    expected = {n for n, v in ORDERED.items() if CALM[n] != v[-1]} | set(FLAGS) | set(EXTRA_FLAGS)
    assert expected <= moved
