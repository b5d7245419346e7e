"""One case per triage rule at its boundaries, the pattern rule, and the result's promises."""

from typing import Any

import pytest
from screening_base import CALM, answers_with

from backstride.domain.screening import RULES, screen
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.domain.sources import is_known_source


def fired_ids(**changes: Any) -> list[str]:
    return [rule.id for rule in screen(ScreeningAnswers(**answers_with(**changes))).fired]


INFLAMMATORY = dict(  # ASAS 4/5 (onset < 40, gradual, better with exercise, not with rest)
    age=30, age_at_onset=25, duration_weeks=12, better_with_exercise=True, better_with_rest=False
)

CASES: list[tuple[str, dict[str, Any], bool]] = [
    ("E1", {"saddle_numbness": True}, True),
    ("E2", {"bladder_change_new": True}, True),
    (
        "E2",
        {"bladder_change_new": True, "extra": {"longstanding_stress_incontinence_unchanged": True}},
        True,
    ),
    ("E3", {"bowel_change_new": True}, True),
    ("E4", {"sexual_dysfunction_new": True}, True),
    ("E5", {"leg_symptom_side": "both", "leg_symptom_onset": "new"}, True),
    ("E5", {"numbness_tingling_leg": "both_legs", "leg_symptom_onset": "none"}, True),
    ("E5", {"leg_symptom_side": "both", "leg_symptom_onset": "chronic_stable"}, False),
    ("E5", {"leg_symptom_side": "one", "leg_symptom_onset": "new"}, False),
    ("E6", {"leg_weakness": "one_leg_worsening"}, True),
    ("E6", {"leg_weakness": "both_legs"}, True),
    ("E6", {"foot_drop": True}, True),
    ("E6", {"gait_disturbance": True}, True),
    ("E6", {"leg_weakness": "one_leg_stable"}, False),
    ("E7", {"fever_or_chills": True}, True),
    ("E7", {"feels_systemically_unwell": True, "immunosuppressed": True}, True),
    ("E7", {"feels_systemically_unwell": True, "recent_bacterial_infection": True}, True),
    (
        "E7",
        {"feels_systemically_unwell": True, "constant_pain_unrelieved_by_rest_or_position": True},
        True,
    ),
    ("E7", {"feels_systemically_unwell": True}, False),
    ("E8", {"trauma": "major"}, True),
    ("E8", {"trauma": "minor"}, False),
    ("E9", {"history_of_cancer": True, "numbness_tingling_leg": "one_leg"}, True),
    ("E9", {"history_of_cancer": True, "bladder_change_new": True}, True),
    ("E9", {"history_of_cancer": True}, False),
    ("U1", {"history_of_cancer": True}, True),
    ("U2", {"unexplained_weight_loss": True}, True),
    ("U3", {"feels_systemically_unwell": True}, True),
    ("U3", {"fever_or_chills": True}, False),
    ("U4", {"immunosuppressed": True}, True),
    ("U4", {"iv_drug_use": True}, True),
    ("U5", {"oral_steroids_3_months_plus": True}, True),
    ("U5", {"osteoporosis_known": True, "onset": "sudden"}, True),
    ("U5", {"osteoporosis_known": True, "trauma": "minor"}, True),
    ("U5", {"osteoporosis_known": True, "onset": "gradual"}, False),
    ("U5", {"trauma": "minor", "age": 65}, True),
    ("U5", {"trauma": "minor", "age": 64}, False),
    ("U6", {"constant_pain_unrelieved_by_rest_or_position": True}, True),
    ("U7", {"leg_weakness": "one_leg_stable"}, True),
    ("U7", {"leg_weakness": "one_leg_worsening"}, False),
    ("U8", {"first_ever_episode": True, "age": 60, "age_at_onset": 60}, True),
    ("U8", {"first_ever_episode": True, "age": 59, "age_at_onset": 59}, False),
    ("U8", {"first_ever_episode": False, "age": 70}, False),
    ("U9", {"spinal_deformity_new": True}, True),
    ("U9", {"pain_location": ["thoracic"], "feels_systemically_unwell": True}, True),
    ("U9", {"pain_location": ["thoracic"]}, False),
    ("C1", {"radiates_below_knee": True}, True),
    ("C1", {"numbness_tingling_leg": "one_leg"}, True),
    ("C1", {"pain_location": ["low_back", "calf"]}, True),
    ("C1", {"leg_symptom_side": "both", "leg_symptom_onset": "chronic_stable"}, True),
    ("C1", {"leg_symptom_side": "one", "leg_symptom_onset": "new"}, True),
    ("C1", {"pain_location": ["low_back", "buttock", "thigh"]}, False),
    ("C2", INFLAMMATORY, True),
    # Same age as at onset: the history is this episode alone (DOMAIN.md 2.1.4 C2 corrected).
    ("C2", {**INFLAMMATORY, "age_at_onset": 30, "duration_weeks": 11}, False),
    ("C2", {**INFLAMMATORY, "age_at_onset": 30, "duration_weeks": 11.9}, False),
    ("C2", {**INFLAMMATORY, "age_at_onset": 45, "age": 46}, False),
    (
        "C2",
        {
            "age": 40,
            "age_at_onset": 30,
            "duration_weeks": 20,
            "morning_stiffness_min": 31,
            "alternating_buttock_pain": True,
        },
        True,
    ),
    (
        "C2",
        {
            "age": 40,
            "age_at_onset": 30,
            "duration_weeks": 20,
            "morning_stiffness_min": 30,
            "alternating_buttock_pain": True,
        },
        False,
    ),
    (
        "C2",
        {
            "age": 50,
            "age_at_onset": 30,
            "duration_weeks": 20,
            "morning_stiffness_min": 31,
            "alternating_buttock_pain": True,
        },
        False,
    ),
    (
        "C2",
        {
            "age": 44,
            "age_at_onset": 44,
            "duration_weeks": 14,
            "better_with_exercise": True,
            "pain_location": ["low_back", "buttock"],
            "extra": {"psoriasis": True},
        },
        True,
    ),
    ("C3", {"duration_weeks": 6, "trend": "worse", "previously_assessed_by_clinician": True}, True),
    ("C3", {"duration_weeks": 5.9, "trend": "worse"}, False),
    ("C3", {"duration_weeks": 6, "trend": "same"}, True),
    ("C3", {"duration_weeks": 6, "trend": "same", "previously_assessed_by_clinician": True}, False),
    ("C3", {"duration_weeks": 10, "trend": "improving"}, False),
    ("C4", {"age": 19, "age_at_onset": 19}, True),
    ("C4", {"age": 20, "age_at_onset": 20}, False),
    ("C4", {"first_ever_episode": True, "age": 50, "age_at_onset": 50}, True),
    ("C4", {"first_ever_episode": True, "age": 49, "age_at_onset": 49}, False),
    ("C4", {"first_ever_episode": False, "age": 55}, False),
    ("C5", {"age": 15, "age_at_onset": 15}, True),
    ("C5", {"age": 16, "age_at_onset": 16}, False),
    ("C6", {"trauma": "minor"}, True),
    ("C6", {"trauma": "minor", "oral_steroids_3_months_plus": True}, False),
    ("C7", {"pain_location": ["thoracic"]}, True),
    ("C7", {"pain_location": ["thoracic"], "fever_or_chills": True}, False),
    ("C8", {"duration_weeks": 12, "trend": "improving"}, True),
    # Version 2 (DOMAIN.md 2.1.4).
    ("E10", {"age": 50, "pain_now_0_10": 7, "abdominal_pain": True}, True),
    ("E10", {"age": 50, "pain_now_0_10": 7, "faint_or_clammy": True, "onset": "sudden"}, True),
    ("E10", {"age": 49, "age_at_onset": 49, "pain_now_0_10": 9, "abdominal_pain": True}, False),
    ("E10", {"age": 60, "pain_now_0_10": 6, "abdominal_pain": True}, False),
    ("E10", {"age": 60, "pain_now_0_10": 9}, False),
    ("U10", {"recent_bacterial_infection": True}, True),
    ("U5", {"osteoporosis_known": True, "onset": "gradual", "pain_now_0_10": 7}, True),
    ("U5", {"osteoporosis_known": True, "onset": "gradual", "pain_now_0_10": 6}, False),
    ("U5", {"osteoporosis_known": True, "onset": "gradual", "trend": "worse"}, True),
    ("U8", {"first_ever_episode": True, "age": 14, "age_at_onset": 14}, True),
    ("U8", {"first_ever_episode": True, "age": 5, "age_at_onset": 5}, True),
    ("U8", {"first_ever_episode": True, "age": 15, "age_at_onset": 15}, False),
    ("C9", {"pregnant_or_postpartum": True}, True),
    (
        "E5",
        {
            "leg_symptom_side": "one",
            "leg_symptom_onset": "chronic_stable",
            "numbness_tingling_leg": "both_legs",
        },
        True,
    ),
    (
        "E5",
        {
            "leg_symptom_side": "both",
            "leg_symptom_onset": "chronic_stable",
            "numbness_tingling_leg": "both_legs",
        },
        True,
    ),
    (
        "E5",
        {
            "leg_symptom_side": "both",
            "leg_symptom_onset": "chronic_stable",
            "numbness_tingling_leg": "one_leg",
        },
        False,
    ),
    # C2 on the history since age_at_onset: a 4-week flare of pain that began at 25.
    ("C2", {**INFLAMMATORY, "duration_weeks": 4}, True),
    (
        "C2",
        {
            "age": 30,
            "age_at_onset": 30,
            "duration_weeks": 4,
            "alternating_buttock_pain": True,
            "extra": {"uveitis": True, "inflammatory_bowel_disease": True},
        },
        False,
    ),
    (
        "C2",
        {
            "age": 30,
            "age_at_onset": 28,
            "duration_weeks": 4,
            "alternating_buttock_pain": True,
            "extra": {"uveitis": True, "inflammatory_bowel_disease": True},
        },
        True,
    ),
    ("C8", {"duration_weeks": 11, "trend": "improving"}, False),
    (
        "C8",
        {"duration_weeks": 12, "trend": "improving", "previously_assessed_by_clinician": True},
        False,
    ),
]


@pytest.mark.parametrize(("rule_id", "changes", "fires"), CASES)
def test_rule_fires_exactly_at_its_boundary(
    rule_id: str, changes: dict[str, Any], fires: bool
) -> None:
    assert (rule_id in fired_ids(**changes)) is fires


def test_every_rule_has_a_case_that_fires_and_one_that_does_not_or_is_boolean() -> None:
    firing = {rule_id for rule_id, _, fires in CASES if fires}
    assert firing == {rule.id for rule in RULES}


def test_table_version_2_has_10_emergency_10_urgent_9_clinician_rules_in_order() -> None:
    ids = [rule.id for rule in RULES]
    expected = [f"E{i}" for i in range(1, 11)] + [f"U{i}" for i in range(1, 11)]
    assert ids == expected + [f"C{i}" for i in range(1, 10)]
    assert screen(ScreeningAnswers(**CALM)).rule_table_version == "2"


def test_every_rule_names_known_sources_and_a_sentence() -> None:
    for rule in RULES:
        assert all(is_known_source(part) for part in rule.source.split("; ")), rule.id
        assert rule.reason.endswith(".")


def test_calm_answers_are_self_care_with_exercises() -> None:
    result = screen(ScreeningAnswers(**CALM))
    assert result.triage == "self_care"
    assert result.fired == ()
    assert result.exercises_allowed


@pytest.mark.parametrize(
    ("changes", "triage"),
    [
        ({"saddle_numbness": True, "history_of_cancer": True}, "emergency"),
        ({"history_of_cancer": True}, "urgent_doctor"),
        ({"radiates_below_knee": True}, "see_clinician"),
    ],
)
def test_most_urgent_level_wins_and_urgent_results_carry_no_exercises(
    changes: dict[str, Any], triage: str
) -> None:
    result = screen(ScreeningAnswers(**answers_with(**changes)))
    assert result.triage == triage
    assert result.exercises_allowed is (triage == "see_clinician")


def test_every_fired_rule_is_reported_in_table_order() -> None:
    ids = fired_ids(saddle_numbness=True, history_of_cancer=True, radiates_below_knee=True)
    assert ids == ["E1", "E9", "U1", "C1"]  # saddle numbness after cancer is E9 too


PATTERN_CASES: list[tuple[dict[str, Any], str]] = [
    ({}, "nonspecific_mechanical"),
    ({"radiates_below_knee": True}, "radicular"),
    ({"leg_weakness": "one_leg_stable"}, "radicular"),
    ({**INFLAMMATORY}, "inflammatory"),
    ({**INFLAMMATORY, "radiates_below_knee": True}, "radicular"),
    ({"onset": "sudden", "locked_or_seized_feeling": True, "duration_weeks": 5.9}, "spasm"),
    (
        {"onset": "sudden", "locked_or_seized_feeling": True, "duration_weeks": 6},
        "nonspecific_mechanical",
    ),
    ({"onset": "sudden", "locked_or_seized_feeling": False}, "nonspecific_mechanical"),
    (
        {
            "age": 58,
            "age_at_onset": 55,
            "duration_weeks": 12,
            "diffuse_ache_whole_low_back": True,
            "morning_stiffness_min": 30,
        },
        "arthritic_degenerative",
    ),
    (
        {"age": 58, "age_at_onset": 55, "duration_weeks": 11, "diffuse_ache_whole_low_back": True},
        "nonspecific_mechanical",
    ),
    (
        {
            "age": 58,
            "age_at_onset": 55,
            "duration_weeks": 12,
            "diffuse_ache_whole_low_back": True,
            "morning_stiffness_min": 31,
        },
        "nonspecific_mechanical",
    ),
]


@pytest.mark.parametrize(("changes", "pattern"), PATTERN_CASES)
def test_pattern_rule_precedence_and_boundaries(changes: dict[str, Any], pattern: str) -> None:
    assert screen(ScreeningAnswers(**answers_with(**changes))).pattern == pattern


def test_no_text_states_a_diagnosis() -> None:
    from backstride.domain.triage_texts import NEXT_STEPS, PATTERN_REASONS, SAFETY_NET

    texts = [r.reason for r in RULES] + [*NEXT_STEPS.values(), *SAFETY_NET.values()]
    texts += list(PATTERN_REASONS.values())
    for text in texts:
        assert "you have " not in text.lower(), text
    assert all("suggest" in text for text in PATTERN_REASONS.values())
