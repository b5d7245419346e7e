"""The screening answers: exactly the input contract of ../shared/domain/screening-answers.md."""

from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

CONTRACT_VERSION = 2
# The fields contract version 2 added (DOMAIN.md 2.1.4): a file without them is a version-1 file.
VERSION_2_FIELDS: tuple[str, ...] = ("abdominal_pain", "faint_or_clammy", "pregnant_or_postpartum")

PainLocation = Literal["low_back", "buttock", "thigh", "calf", "foot", "thoracic"]

# Strict: health answers are never coerced ({"saddle_numbness": "no"} or {"age": true} fail).
_CONTRACT = ConfigDict(frozen=True, extra="forbid", strict=True)


class ExtraAnswers(BaseModel):
    """Optional extra answers; each is False (or unknown) unless the runner says otherwise."""

    model_config = _CONTRACT

    psoriasis: bool = False
    uveitis: bool = False
    inflammatory_bowel_disease: bool = False
    heel_enthesitis: bool = False
    family_history_spondyloarthritis: bool = False
    nsaid_response_48h: bool = False
    arthritis_history: bool = False
    inhaled_steroid_only: bool = False
    longstanding_stress_incontinence_unchanged: bool = False
    weekly_distance_increase_pct: float | None = None


class ScreeningAnswers(BaseModel):
    """Every answer the questionnaire, the web form, the API and `--answers` files give."""

    model_config = _CONTRACT

    age: int = Field(ge=5, le=110)
    sex: Literal["F", "M", "X"]
    first_ever_episode: bool
    onset: Literal["sudden", "gradual"]
    locked_or_seized_feeling: bool
    pain_location: list[PainLocation]
    radiates_below_knee: bool
    leg_symptom_side: Literal["none", "one", "both"]
    leg_symptom_onset: Literal["none", "new", "chronic_stable"]
    numbness_tingling_leg: Literal["none", "one_leg", "both_legs"]
    leg_weakness: Literal["none", "one_leg_stable", "one_leg_worsening", "both_legs"]
    foot_drop: bool
    gait_disturbance: bool
    saddle_numbness: bool
    bladder_change_new: bool
    bowel_change_new: bool
    sexual_dysfunction_new: bool
    fever_or_chills: bool
    feels_systemically_unwell: bool
    history_of_cancer: bool
    unexplained_weight_loss: bool
    trauma: Literal["none", "minor", "major"]
    osteoporosis_known: bool
    oral_steroids_3_months_plus: bool
    immunosuppressed: bool
    iv_drug_use: bool
    recent_bacterial_infection: bool
    constant_pain_unrelieved_by_rest_or_position: bool
    spinal_deformity_new: bool
    morning_stiffness_min: int = Field(ge=0, le=1440)
    better_with_exercise: bool
    better_with_rest: bool
    wakes_second_half_night_better_on_rising: bool
    alternating_buttock_pain: bool
    age_at_onset: int = Field(ge=0, le=110)
    diffuse_ache_whole_low_back: bool
    pain_now_0_10: int = Field(ge=0, le=10)
    duration_weeks: float = Field(ge=0, allow_inf_nan=False)
    trend: Literal["improving", "same", "worse"]
    previously_assessed_by_clinician: bool
    abdominal_pain: bool
    faint_or_clammy: bool
    pregnant_or_postpartum: bool
    doctor_assessed_since_warning: bool = False
    extra: ExtraAnswers = Field(default_factory=ExtraAnswers)

    @model_validator(mode="after")
    def _onset_not_after_today(self) -> Self:
        if self.age_at_onset > self.age:
            raise ValueError(
                f"age_at_onset ({self.age_at_onset}) cannot be more than age ({self.age})"
            )
        return self


def stored_answers(raw: Any) -> ScreeningAnswers | None:
    """Answers kept from an earlier screening: None when they predate contract version 2.

    A version-1 record is still a valid record (its stored result stands), but its answers
    cannot be screened again until the new questions are asked (screening-answers.md,
    Versions). Anything else that is not valid raises the ValidationError.
    """
    try:
        return ScreeningAnswers.model_validate(raw)
    except ValidationError as error:
        problems = error.errors(include_url=False)
        only_new_missing = all(
            p["type"] == "missing" and tuple(p["loc"]) in {(f,) for f in VERSION_2_FIELDS}
            for p in problems
        )
        if not only_new_missing:
            raise
        return None
