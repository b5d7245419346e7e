"""A calm baseline of screening answers that tests change one field at a time."""

from typing import Any

CALM: dict[str, Any] = {
    "age": 34,
    "sex": "F",
    "first_ever_episode": False,
    "onset": "gradual",
    "locked_or_seized_feeling": False,
    "pain_location": ["low_back"],
    "radiates_below_knee": False,
    "leg_symptom_side": "none",
    "leg_symptom_onset": "none",
    "numbness_tingling_leg": "none",
    "leg_weakness": "none",
    "foot_drop": False,
    "gait_disturbance": False,
    "saddle_numbness": False,
    "bladder_change_new": False,
    "bowel_change_new": False,
    "sexual_dysfunction_new": False,
    "fever_or_chills": False,
    "feels_systemically_unwell": False,
    "history_of_cancer": False,
    "unexplained_weight_loss": False,
    "trauma": "none",
    "osteoporosis_known": False,
    "oral_steroids_3_months_plus": False,
    "immunosuppressed": False,
    "iv_drug_use": False,
    "recent_bacterial_infection": False,
    "constant_pain_unrelieved_by_rest_or_position": False,
    "spinal_deformity_new": False,
    "morning_stiffness_min": 10,
    "better_with_exercise": False,
    "better_with_rest": True,
    "wakes_second_half_night_better_on_rising": False,
    "alternating_buttock_pain": False,
    "age_at_onset": 33,
    "diffuse_ache_whole_low_back": False,
    "pain_now_0_10": 4,
    "duration_weeks": 3,
    "trend": "improving",
    "previously_assessed_by_clinician": False,
    "abdominal_pain": False,
    "faint_or_clammy": False,
    "pregnant_or_postpartum": False,
}


def answers_with(**changes: Any) -> dict[str, Any]:
    """The calm answers with some fields changed."""
    return {**CALM, **changes}


CALM_REPLIES: dict[str, str] = {
    "first_ever_episode": "y",
    "leg_symptom_side": "n",
    "age": "35",
    "sex": "f",
    "pain_now_0_10": "3",
    "duration_weeks": "2",
    "trend": "b",
    "onset": "g",
    "pain_location": "1",
    "morning_stiffness_min": "5",
    "better_with_rest": "y",
}
"""Typed replies for a calm walk through the questionnaire where "no" is not the reply."""
