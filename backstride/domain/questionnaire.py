"""The screening questionnaire as data: questions in DOMAIN.md 2.1.3 order, most urgent first.

Each question fills one or more fields of the answers contract. Follow-ups are asked only when
they matter; a question that is not asked fills its fields with the value that fits the earlier
answers (no leg symptoms -> no onset, no numbness). After every answer the emergency rules run on
what is known so far, so an emergency stops the questions at once. A warning-sign question
answered "not sure" is taken as yes for its rule, and the result says so (DOMAIN.md 2.1.4).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from backstride.domain.screening import Screening, screen
from backstride.domain.screening_answers import ScreeningAnswers

Answers = Mapping[str, Any]
Kind = Literal["yes_no", "choice", "integer", "number", "multi"]


@dataclass(frozen=True, slots=True)
class Option:
    """One allowed reply to a choice question: the key typed, its label and its value."""

    key: str
    label: str
    value: Any


@dataclass(frozen=True, slots=True)
class Question:
    """One question: its wording, how to read the reply, and the contract field it fills."""

    id: str
    text: str
    kind: Kind
    options: tuple[Option, ...] = ()
    minimum: float = 0
    maximum: float = 0
    hint: str = ""
    asks_if: Callable[[Answers], bool] = field(default=lambda answers: True)
    when_skipped: Callable[[Answers], Any] = field(default=lambda answers: False)
    warning_sign: bool = False
    """Asked again at every check-in; a yes/no one takes "not sure" (as yes)."""

    @property
    def takes_not_sure(self) -> bool:
        """Whether "not sure" is an answer here: yes/no warning-sign questions."""
        return self.warning_sign and self.kind == "yes_no"


NOT_SURE = "not_sure"
"""The reply value of "not sure"; the contract receives True for it (the safer reading)."""


def _yes_no(qid: str, text: str, hint: str = "", **kwargs: Any) -> Question:
    return Question(qid, text, "yes_no", hint=hint, **kwargs)


def _sign(qid: str, text: str, hint: str = "", **kwargs: Any) -> Question:
    """A yes/no warning-sign question."""
    return Question(qid, text, "yes_no", hint=hint, warning_sign=True, **kwargs)


def _is_yes(value: Any) -> bool:
    return value is True or value == NOT_SURE


def _has_leg_symptoms(a: Answers) -> bool:
    return bool(a.get("leg_symptom_side", "none") != "none")


def _weak(a: Answers) -> bool:
    return _is_yes(a.get("leg_weak_any"))


def _chronic_young(a: Answers) -> bool:
    """NG65 extras matter for a history of 12+ weeks that began before 45 (DOMAIN.md 2.1.4).

    The history runs from the age the back pain first began, not only this flare.
    """
    onset_age = a.get("age_at_onset", a.get("age", 99))
    years = a.get("age", onset_age) - onset_age
    return bool(max(a.get("duration_weeks", 0), years * 52) >= 12 and onset_age < 45)


SIDES = (
    Option("n", "no", "none"),
    Option("1", "yes, in one leg", "one"),
    Option("2", "yes, in both legs", "both"),
)
NUMB = (
    Option("n", "no", "none"),
    Option("1", "yes, in one leg", "one_leg"),
    Option("2", "yes, in both legs", "both_legs"),
)
LOCATIONS = (
    Option("1", "low back", "low_back"),
    Option("2", "buttock", "buttock"),
    Option("3", "thigh", "thigh"),
    Option("4", "calf", "calf"),
    Option("5", "foot", "foot"),
)

QUESTIONS: tuple[Question, ...] = (
    _sign(
        "saddle_numbness",
        "Since your back pain began, have you noticed numbness or a changed feeling between "
        "your legs, around your back passage or your genitals (for example when wiping)?",
    ),
    _sign(
        "bladder_change_new",
        "Any new trouble with passing urine: hard to start, a weak flow, not feeling it pass, "
        "not knowing when your bladder is full, or leaking without warning?",
        "A small leak you have had, unchanged, for years does not count.",
    ),
    _sign(
        "bowel_change_new",
        "Any new loss of control of your bowels, or not being able to feel when you need to go?",
    ),
    _sign(
        "sexual_dysfunction_new",
        "Any new change in sexual function or in feeling around your genitals?",
    ),
    Question(
        "leg_symptom_side",
        "Do you have pain, numbness or pins-and-needles in a leg?",
        "choice",
        SIDES,
        warning_sign=True,
    ),
    Question(
        "leg_symptom_onset",
        "Did these leg symptoms start (or spread to the other leg) since this back pain began, "
        "or have they been there, unchanged, for months, coming on with walking or standing "
        "and easing when you sit or bend forward?",
        "choice",
        (
            Option("new", "new, or spread since this back pain began", "new"),
            Option("old", "long-standing and unchanged, eased by sitting", "chronic_stable"),
        ),
        asks_if=_has_leg_symptoms,
        when_skipped=lambda a: "none",
        warning_sign=True,
    ),
    Question(
        "numbness_tingling_leg",
        "Is any of it numbness or pins-and-needles?",
        "choice",
        NUMB,
        asks_if=_has_leg_symptoms,
        when_skipped=lambda a: "none",
        warning_sign=True,
    ),
    _sign(
        "radiates_below_knee",
        "Does the pain or tingling reach below the knee?",
        asks_if=_has_leg_symptoms,
    ),
    _sign(
        "leg_weak_any",
        "Is either leg weak: a foot slapping or dragging, tripping, a knee giving way, or "
        "being unable to stand on your heels or toes?",
    ),
    _sign("leg_weak_both", "Are both legs weak?", asks_if=_weak),
    _sign(
        "leg_weak_worse",
        "Is the weakness getting worse?",
        asks_if=lambda a: _weak(a) and a.get("leg_weak_both") is False,
    ),
    _sign("foot_drop", "Does one foot drop, slap or drag when you walk?", asks_if=_weak),
    _sign("gait_disturbance", "Is walking newly difficult or unsteady?"),
    _sign(
        "trauma_major",
        "Did the pain start after a serious accident, such as a fall from a height or a car "
        "or bike collision?",
    ),
    _sign(
        "trauma_minor",
        "Did it start after a minor fall or slip?",
        asks_if=lambda a: a.get("trauma_major") is False,
    ),
    _sign("history_of_cancer", "Have you ever had cancer?"),
    _sign("fever_or_chills", "Since the pain started, have you had a temperature or shivers?"),
    _sign(
        "feels_systemically_unwell",
        "Have you felt generally unwell since the pain started (night sweats, run down)?",
    ),
    _sign(
        "immunosuppressed",
        "Is your immune system weakened (a transplant, chemotherapy, immune-suppressing "
        "medicine, HIV)?",
    ),
    _sign("iv_drug_use", "Have you ever injected drugs?"),
    _sign(
        "recent_bacterial_infection",
        "In the last 3 months, have you had a bacterial infection (for example of the "
        "bladder, the skin or the chest) or an invasive procedure (an injection into the "
        "spine, an operation, a catheter)?",
    ),
    _sign(
        "abdominal_pain",
        "Is the pain also felt in your tummy (abdomen)?",
    ),
    _sign(
        "faint_or_clammy",
        "With this pain, have you felt faint, cold and clammy, or collapsed?",
    ),
    Question("age", "How old are you?", "integer", minimum=5, maximum=110),
    Question(
        "pain_now_0_10",
        "How bad is the pain right now, 0 (none) to 10 (worst)?",
        "integer",
        minimum=0,
        maximum=10,
        warning_sign=True,
    ),
    _sign("unexplained_weight_loss", "Have you lost weight without trying?"),
    _sign(
        "oral_steroids_3_months_plus",
        "Have you taken steroid tablets (such as prednisolone) for 3 months or more?",
        "Inhalers and creams do not count.",
    ),
    _sign("osteoporosis_known", "Have you been told you have osteoporosis or thin bones?"),
    _sign(
        "constant_pain_unrelieved_by_rest_or_position",
        "Is the pain constant, with no ease from resting, lying down or changing position, "
        "even at night?",
    ),
    _sign("spinal_deformity_new", "Have you noticed a new change in the shape of your back?"),
    _sign("thoracic_pain", "Is the pain mainly between your shoulder blades?"),
    Question(
        "sex",
        "Sex (kept with your answers)?",
        "choice",
        (
            Option("f", "female", "F"),
            Option("m", "male", "M"),
            Option("x", "other / rather not say", "X"),
        ),
    ),
    _sign(
        "pregnant_or_postpartum",
        "Are you pregnant, or have you given birth in the last 6 months?",
        asks_if=lambda a: a.get("sex") != "M",
    ),
    _yes_no("first_ever_episode", "Is this the first back pain of your life?"),
    Question(
        "duration_weeks",
        "How many weeks ago did this episode of back pain start?",
        "number",
        minimum=0,
        maximum=2600,
        hint="For example 0.5 for a few days, 3, or 26 for about six months.",
    ),
    Question(
        "trend",
        "Over the last week or two, is it getting better, staying the same, or getting worse?",
        "choice",
        (
            Option("b", "better", "improving"),
            Option("s", "the same", "same"),
            Option("w", "worse", "worse"),
        ),
    ),
    _yes_no(
        "previously_assessed_by_clinician",
        "Has a doctor or physiotherapist already assessed this back pain?",
    ),
    Question(
        "onset",
        "Did it start suddenly (often with one movement) or come on gradually?",
        "choice",
        (Option("s", "suddenly", "sudden"), Option("g", "gradually", "gradual")),
    ),
    _yes_no(
        "locked_or_seized_feeling",
        "Do the muscles feel locked, seized or gripping?",
    ),
    Question(
        "pain_location",
        "Where do you feel it? Give every number that applies, separated by commas.",
        "multi",
        LOCATIONS,
    ),
    _yes_no(
        "diffuse_ache_whole_low_back",
        "Is it a general ache spread across the whole low back?",
    ),
    Question(
        "morning_stiffness_min",
        "How many minutes does your back stay stiff after getting up in the morning?",
        "integer",
        minimum=0,
        maximum=1440,
        hint="0 if it is not stiff.",
    ),
    _yes_no("better_with_exercise", "Does moving or exercise make it better?"),
    _yes_no("better_with_rest", "Does resting make it better?"),
    _yes_no(
        "wakes_second_half_night_better_on_rising",
        "Does it wake you in the second half of the night, and ease once you are up?",
    ),
    _yes_no("alternating_buttock_pain", "Does pain move from one buttock to the other?"),
    Question(
        "age_at_onset",
        "How old were you when back pain like this first began?",
        "integer",
        minimum=0,
        maximum=110,
        hint="Your age now if this is the first time.",
        asks_if=lambda a: a.get("first_ever_episode") is False,
        when_skipped=lambda a: a["age"],
    ),
    _yes_no("extra_psoriasis", "Have you ever had psoriasis?", asks_if=_chronic_young),
    _yes_no(
        "extra_uveitis",
        "Have you ever had uveitis or iritis (a painful red eye treated by an eye doctor)?",
        asks_if=_chronic_young,
    ),
    _yes_no(
        "extra_inflammatory_bowel_disease",
        "Have you been told you have Crohn's disease or ulcerative colitis?",
        asks_if=_chronic_young,
    ),
    _yes_no(
        "extra_heel_enthesitis",
        "Have you had painful swelling where tendons attach, such as the back of the heel?",
        asks_if=_chronic_young,
    ),
    _yes_no("extra_arthritis_history", "Have you ever had arthritis?", asks_if=_chronic_young),
    _yes_no(
        "extra_family_history_spondyloarthritis",
        "Has a parent, brother, sister or child had ankylosing spondylitis or spondyloarthritis?",
        asks_if=_chronic_young,
    ),
    _yes_no(
        "extra_nsaid_response_48h",
        "Have anti-inflammatory painkillers (such as ibuprofen) clearly helped within two days?",
        asks_if=_chronic_young,
    ),
)

# Until a question is answered, its field holds a calm value, so that the emergency rules can run
# on a half-finished questionnaire without ever firing on something not yet asked.
CALM_SO_FAR: dict[str, Any] = {
    "leg_symptom_side": "none",
    "leg_symptom_onset": "chronic_stable",  # unknown onset must not fire E5 before it is asked
    "numbness_tingling_leg": "none",
    "age": 40,
    "sex": "X",
    "first_ever_episode": False,
    "onset": "gradual",
    "locked_or_seized_feeling": False,
    "pain_location": ["low_back"],
    "morning_stiffness_min": 0,
    "better_with_exercise": False,
    "better_with_rest": True,
    "age_at_onset": 40,
    "wakes_second_half_night_better_on_rising": False,
    "alternating_buttock_pain": False,
    "diffuse_ache_whole_low_back": False,
    "pain_now_0_10": 0,
    "duration_weeks": 0,
    "trend": "improving",
    "previously_assessed_by_clinician": True,
}


# The warning-sign questions (E and U rules, C9, pain now): asked again at every check-in.
RED_FLAG_QUESTIONS: tuple[Question, ...] = tuple(q for q in QUESTIONS if q.warning_sign)

DOCTOR_ASSESSED = Question(
    "doctor_assessed_since_warning",
    "Has a doctor assessed this back pain since that result?",
    "yes_no",
    hint="Only a yes lets a calmer result replace it.",
)
"""Asked first in a re-screen while an emergency or urgent result still stands."""


def unsure_of(answers: Answers) -> tuple[str, ...]:
    """The ids of the questions answered "not sure", in the order asked."""
    return tuple(qid for qid, value in answers.items() if value == NOT_SURE)


def next_question(answers: Answers, questions: tuple[Question, ...] = QUESTIONS) -> Question | None:
    """The first question not yet answered that applies to the answers so far."""
    for question in questions:
        if question.id not in answers and question.asks_if(answers):
            return question
    return None


def skip_inapplicable(answers: dict[str, Any], questions: tuple[Question, ...] = QUESTIONS) -> None:
    """Fill every question that will not be asked with the value the earlier answers imply."""
    for question in questions:
        if question.id not in answers and not question.asks_if(answers):
            answers[question.id] = question.when_skipped(answers)


_CONTRACT_FIELDS = frozenset(ScreeningAnswers.model_fields) - {"extra", "leg_weakness", "trauma"}


def to_contract(answers: Answers) -> ScreeningAnswers:
    """Turn questionnaire answers into the contract's answers object ("not sure" is yes)."""
    answers = {k: (True if v == NOT_SURE else v) for k, v in answers.items()}
    raw = {**CALM_SO_FAR, **{k: v for k, v in answers.items() if k in _CONTRACT_FIELDS}}
    if answers.get("leg_weak_any"):
        if answers.get("leg_weak_both"):
            raw["leg_weakness"] = "both_legs"
        elif answers.get("leg_weak_worse"):
            raw["leg_weakness"] = "one_leg_worsening"
        else:
            raw["leg_weakness"] = "one_leg_stable"
    else:
        raw["leg_weakness"] = "none"
    raw["trauma"] = (
        "major"
        if answers.get("trauma_major")
        else "minor"
        if answers.get("trauma_minor")
        else "none"
    )
    locations = list(raw.get("pain_location", ["low_back"]))
    if answers.get("thoracic_pain") and "thoracic" not in locations:
        locations.append("thoracic")
    raw["pain_location"] = locations
    raw["age_at_onset"] = min(raw.get("age_at_onset", raw["age"]), raw["age"])
    raw["extra"] = {
        key.removeprefix("extra_"): value
        for key, value in answers.items()
        if key.startswith("extra_")
    }
    for name in _CONTRACT_FIELDS:
        raw.setdefault(name, False)
    return ScreeningAnswers.model_validate(raw)


def emergency_so_far(answers: Answers) -> Screening | None:
    """The emergency result if what is known already fires an emergency rule, else None."""
    result = screen(to_contract(answers), unsure=unsure_of(answers))
    return replace(result, stopped_early=True) if result.triage == "emergency" else None
