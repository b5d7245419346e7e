"""The check-in: the warning-sign questions again, merged so that a new flag always counts.

A check-in runs before sessions and whenever pain reaches 7 or more or leg symptoms are new or
spreading (issue 3; DOMAIN.md 2.4: new or spreading leg symptoms mean stop and re-screen). Its
replies are merged with the last full answers by taking, field by field, the more alarming of the
two, so a check-in can only keep or raise the urgency of the last result, never calm it.
"""

from typing import Any

from backstride.domain.questionnaire import RED_FLAG_QUESTIONS, skip_inapplicable, to_contract
from backstride.domain.screening import Screening, screen
from backstride.domain.screening_answers import ScreeningAnswers

# Values from calm to alarming, for the answers that are not plain yes/no.
SEVERITY: dict[str, tuple[str, ...]] = {
    "leg_symptom_side": ("none", "one", "both"),
    "leg_symptom_onset": ("none", "chronic_stable", "new"),
    "numbness_tingling_leg": ("none", "one_leg", "both_legs"),
    "leg_weakness": ("none", "one_leg_stable", "one_leg_worsening", "both_legs"),
    "trauma": ("none", "minor", "major"),
}


def more_alarming(name: str, old: Any, new: Any) -> Any:
    """The more alarming of two values of one answer."""
    if name in SEVERITY:
        order = SEVERITY[name]
        return old if order.index(old) >= order.index(new) else new
    if isinstance(old, bool) and isinstance(new, bool):
        return old or new
    return new


def merge_check_in(previous: ScreeningAnswers, latest: ScreeningAnswers) -> ScreeningAnswers:
    """Previous answers with every warning-sign field raised to the latest reply where higher."""
    merged = previous.model_dump()
    fresh = latest.model_dump()
    for name in RED_FLAG_FIELDS:
        merged[name] = more_alarming(name, merged[name], fresh[name])
    if "thoracic" in fresh["pain_location"] and "thoracic" not in merged["pain_location"]:
        merged["pain_location"] = [*merged["pain_location"], "thoracic"]
    return ScreeningAnswers.model_validate(merged)


def check_in(replies: dict[str, Any], previous: ScreeningAnswers | None) -> Screening:
    """Screen the check-in replies on top of the last full answers (or calm ones if none)."""
    complete = dict(replies)
    skip_inapplicable(complete, RED_FLAG_QUESTIONS)
    if previous is not None:
        complete.setdefault("age", previous.age)
    latest = to_contract(complete)
    return screen(latest if previous is None else merge_check_in(previous, latest))


RED_FLAG_FIELDS: tuple[str, ...] = (
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
    "unexplained_weight_loss",
    "oral_steroids_3_months_plus",
    "osteoporosis_known",
    "constant_pain_unrelieved_by_rest_or_position",
    "spinal_deformity_new",
)
