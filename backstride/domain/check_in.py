"""Merging answers over time: a check-in or a re-screen can raise the urgency, never calm it.

DOMAIN.md 2.1.4 "Rules about merging answers over time". A check-in (the warning-sign questions
again) is merged with the answers it follows by taking, field by field, the more alarming of the
two. Leg symptoms that the earlier answers did not have are new, whatever the side or onset
answer said; symptoms in both legs count as both legs unless stable two-leg claudication was
already recorded. A check-in needs a full screening first: it cannot fill the other answers.
"""

from typing import Any

from backstride.domain.questionnaire import to_contract, unsure_of
from backstride.domain.screening import Screening, screen, stable_two_leg_claudication
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.errors import SafetyRefusal

# Values from calm to alarming, for the answers that are not plain yes/no.
SEVERITY: dict[str, tuple[str, ...]] = {
    "leg_symptom_side": ("none", "one", "both"),
    "leg_symptom_onset": ("none", "chronic_stable", "new"),
    "numbness_tingling_leg": ("none", "one_leg", "both_legs"),
    "leg_weakness": ("none", "one_leg_stable", "one_leg_worsening", "both_legs"),
    "trauma": ("none", "minor", "major"),
}

NEEDS_FULL_SCREENING = (
    "A check-in adds to a full screening, and none is stored yet: the full screening comes "
    "first, so that age, how long the pain has lasted and its pattern are asked, not assumed."
)


def more_alarming(name: str, old: Any, new: Any) -> Any:
    """The more alarming of two values of one answer (a number takes the newer value)."""
    if name in SEVERITY:
        order = SEVERITY[name]
        return old if order.index(old) >= order.index(new) else new
    if isinstance(old, bool) and isinstance(new, bool):
        return old or new
    return new


def _has_leg_symptoms(a: ScreeningAnswers) -> bool:
    return a.leg_symptom_side != "none" or a.numbness_tingling_leg != "none"


def _two_legs(a: ScreeningAnswers) -> bool:
    return a.leg_symptom_side == "both" or a.numbness_tingling_leg == "both_legs"


def leg_symptoms_against(previous: ScreeningAnswers, latest: ScreeningAnswers) -> ScreeningAnswers:
    """The latest answers with their leg symptoms read against the answers before them.

    Leg symptoms the previous answers did not have are new (they cannot be long-standing);
    symptoms in both legs are new two-leg symptoms (E5) unless the previous answers already
    recorded stable two-leg claudication (DOMAIN.md 2.1.4).
    """
    if not _has_leg_symptoms(latest):
        return latest
    changes: dict[str, Any] = {}
    if not _has_leg_symptoms(previous):
        changes["leg_symptom_onset"] = "new"
    if _two_legs(latest) and not stable_two_leg_claudication(previous):
        changes |= {"leg_symptom_side": "both", "leg_symptom_onset": "new"}
    return latest.model_copy(update=changes) if changes else latest


def merge_check_in(previous: ScreeningAnswers, latest: ScreeningAnswers) -> ScreeningAnswers:
    """Previous answers with every warning-sign field raised to the latest reply where higher."""
    latest = leg_symptoms_against(previous, latest)
    merged = previous.model_dump()
    fresh = latest.model_dump()
    for name in CHECK_IN_FIELDS:
        merged[name] = more_alarming(name, merged[name], fresh[name])
    if "thoracic" in fresh["pain_location"] and "thoracic" not in merged["pain_location"]:
        merged["pain_location"] = [*merged["pain_location"], "thoracic"]
    merged["doctor_assessed_since_warning"] = False  # only a full re-screen records that
    return ScreeningAnswers.model_validate(merged)


def check_in(replies: dict[str, Any], previous: ScreeningAnswers | None) -> Screening:
    """Screen check-in replies on top of the last full answers; refused without them."""
    if previous is None:
        raise SafetyRefusal(NEEDS_FULL_SCREENING)
    known = {name: value for name, value in previous.model_dump().items() if name != "extra"}
    latest = to_contract({**known, **_as_questionnaire(previous), **replies})
    return screen(merge_check_in(previous, latest), unsure=unsure_of(replies))


def check_in_answers(partial: dict[str, Any], previous: ScreeningAnswers | None) -> Screening:
    """Screen a partial answers object (contract field names, warning signs only)."""
    if previous is None:
        raise SafetyRefusal(NEEDS_FULL_SCREENING)
    latest = ScreeningAnswers.model_validate({**previous.model_dump(), **partial})
    return screen(merge_check_in(previous, latest))


def _as_questionnaire(previous: ScreeningAnswers) -> dict[str, Any]:
    """The previous answers in the questionnaire's own ids, so unasked ones keep their value."""
    return {
        "leg_weak_any": previous.leg_weakness != "none",
        "leg_weak_both": previous.leg_weakness == "both_legs",
        "leg_weak_worse": previous.leg_weakness == "one_leg_worsening",
        "trauma_major": previous.trauma == "major",
        "trauma_minor": previous.trauma == "minor",
        "thoracic_pain": "thoracic" in previous.pain_location,
    }


# The warning-sign answers a check-in asks again (every E and U rule's inputs, C9, pain now).
CHECK_IN_FIELDS: tuple[str, ...] = (
    "saddle_numbness",
    "bladder_change_new",
    "bowel_change_new",
    "sexual_dysfunction_new",
    "leg_symptom_side",
    "leg_symptom_onset",
    "numbness_tingling_leg",
    "radiates_below_knee",
    "leg_weakness",
    "foot_drop",
    "gait_disturbance",
    "trauma",
    "history_of_cancer",
    "fever_or_chills",
    "feels_systemically_unwell",
    "immunosuppressed",
    "iv_drug_use",
    "recent_bacterial_infection",
    "abdominal_pain",
    "faint_or_clammy",
    "pain_now_0_10",
    "unexplained_weight_loss",
    "oral_steroids_3_months_plus",
    "osteoporosis_known",
    "constant_pain_unrelieved_by_rest_or_position",
    "spinal_deformity_new",
    "pregnant_or_postpartum",
)
RED_FLAG_FIELDS = CHECK_IN_FIELDS
