"""Screening: the red-flag triage table and the pain-pattern rule (DOMAIN.md 2.1.2, 2.1.4, 2.2).

This is rule table version 2: the version-1 rows of DOMAIN.md 2.1.2 with the rules added or
widened by the independent review of DOMAIN.md 2.1.4 (U5, U8 widened; U10, E10, C9 new; C2 on the
whole history since `age_at_onset`; E5 not calmed by a contradictory "long-standing").

Rules are evaluated in table order; every rule that fires is reported, and the most urgent
level among them is the triage. Where DOMAIN.md leaves a policy open, the rule takes the more
urgent reading and says so in its `policy` note.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from backstride.domain.inflammatory import (
    CHRONIC_WEEKS,
    InflammatoryCriteria,
    inflammatory_criteria,
    is_inflammatory_pattern,
)
from backstride.domain.patterns import Pattern
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.domain.triage_texts import NEXT_STEPS, PATTERN_REASONS, SAFETY_NET

Level = Literal["emergency", "urgent_doctor", "see_clinician", "self_care"]
LEVELS: tuple[Level, ...] = ("emergency", "urgent_doctor", "see_clinician", "self_care")
RULE_TABLE_VERSION = "2"
SEVERE_PAIN = 7  # DOMAIN.md 2.1.4: "new severe pain (pain now >= 7)" (U5) and E10
AORTA_AGE = 50  # DOMAIN.md 2.1.4 E10 [NG156]


@dataclass(frozen=True, slots=True)
class Facts:
    """The answers with what is derived from them once: criteria and pattern."""

    answers: ScreeningAnswers
    criteria: InflammatoryCriteria
    pattern: Pattern


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the triage table: id, level, predicate, a plain sentence and its source."""

    id: str
    level: Level
    applies: Callable[[Facts], bool]
    reason: str
    source: str
    policy: str | None = None


@dataclass(frozen=True, slots=True)
class FiredRule:
    """A rule that fired for these answers."""

    id: str
    level: Level
    reason: str
    source: str


@dataclass(frozen=True, slots=True)
class Screening:
    """The result: triage level, pattern, every fired rule, what to do, and the safety net."""

    answers: ScreeningAnswers
    triage: Level
    pattern: Pattern
    pattern_reason: str
    fired: tuple[FiredRule, ...]
    criteria: InflammatoryCriteria
    next_steps: str
    safety_net: str
    rule_table_version: str
    stopped_early: bool = False
    unsure: tuple[str, ...] = ()
    """Warning-sign questions answered "not sure", taken as yes (DOMAIN.md 2.1.4)."""

    @property
    def exercises_allowed(self) -> bool:
        """Emergency and urgent results never come with exercises (DOMAIN.md 2.1.2)."""
        return self.triage in ("see_clinician", "self_care")


def _leg_neuro(a: ScreeningAnswers) -> bool:
    """Any nerve sign in the legs or pelvis: numbness, weakness, walking, bladder or bowel."""
    return (
        a.numbness_tingling_leg != "none"
        or a.leg_weakness != "none"
        or a.foot_drop
        or a.gait_disturbance
        or a.bladder_change_new
        or a.bowel_change_new
        or a.saddle_numbness
    )


def _infection_risk(a: ScreeningAnswers) -> bool:
    return (
        a.immunosuppressed
        or a.iv_drug_use
        or a.recent_bacterial_infection
        or a.constant_pain_unrelieved_by_rest_or_position
    )


def _both_legs(a: ScreeningAnswers) -> bool:
    return a.leg_symptom_side == "both" or a.numbness_tingling_leg == "both_legs"


def stable_two_leg_claudication(a: ScreeningAnswers) -> bool:
    """Two-leg symptoms described as long-standing and stable (neurogenic claudication, C1).

    Only an answer that puts the long-standing symptoms in both legs counts: "one leg,
    long-standing" followed by numbness in both legs is not a stable two-leg picture, so it
    does not calm E5 (DOMAIN.md 2.1.4). Numbness or tingling in both legs is never calmed:
    the claudication follow-up (DOMAIN.md 2.1.3 question 5) describes legs that ache on
    walking, and E5 names numbness in both legs outright (the more urgent reading).
    """
    return (
        a.leg_symptom_side == "both"
        and a.leg_symptom_onset == "chronic_stable"
        and a.numbness_tingling_leg != "both_legs"
    )


def _thoracic(a: ScreeningAnswers) -> bool:
    return "thoracic" in a.pain_location


def _unwell(a: ScreeningAnswers) -> bool:
    return a.fever_or_chills or a.feels_systemically_unwell


def _fracture_risk(a: ScreeningAnswers) -> bool:
    severe_new = a.pain_now_0_10 >= SEVERE_PAIN or a.trend == "worse"
    return (
        a.oral_steroids_3_months_plus
        or (a.osteoporosis_known and (a.onset == "sudden" or a.trauma == "minor" or severe_new))
        or (a.trauma == "minor" and a.age >= 65)
    )


RULES: tuple[Rule, ...] = (
    Rule(
        "E1",
        "emergency",
        lambda f: f.answers.saddle_numbness,
        "New numbness or altered feeling between the legs, around the back passage or genitals "
        "can mean the nerves at the base of the spine are squeezed.",
        "CORNWALL; GCARE; IFOMPT",
    ),
    Rule(
        "E2",
        "emergency",
        lambda f: f.answers.bladder_change_new,
        "A new change in passing urine or bladder control can come from pressure on the nerves "
        "at the base of the spine.",
        "CORNWALL; GCARE",
        policy="Counts even when an old, unchanged leak is also reported: the new change decides.",
    ),
    Rule(
        "E3",
        "emergency",
        lambda f: f.answers.bowel_change_new,
        "New loss of bowel control or of the feeling that you need to go is a warning sign "
        "for the nerves at the base of the spine.",
        "CORNWALL; GCARE",
    ),
    Rule(
        "E4",
        "emergency",
        lambda f: f.answers.sexual_dysfunction_new,
        "A new change in sexual function or genital feeling, with back pain, is a warning sign "
        "for the nerves at the base of the spine.",
        "CORNWALL",
    ),
    Rule(
        "E5",
        "emergency",
        lambda f: _both_legs(f.answers) and not stable_two_leg_claudication(f.answers),
        "Pain, numbness or tingling in both legs that is new in this episode, or that spread "
        "from one leg to the other, is treated as a possible emergency.",
        "CORNWALL; HEYNEURO; DOMAIN.md 2.1.4",
        policy="Both-leg symptoms count as new unless the long-standing, stable symptoms were "
        "themselves described in both legs (DOMAIN.md 2.1.4).",
    ),
    Rule(
        "E6",
        "emergency",
        lambda f: (
            f.answers.leg_weakness in ("one_leg_worsening", "both_legs")
            or f.answers.foot_drop
            or f.answers.gait_disturbance
        ),
        "Leg weakness that is getting worse, weakness in both legs, a dropping foot or new "
        "difficulty walking needs to be checked the same day.",
        "GCARE; LOTHIAN; COMMUNITY-RF",
    ),
    Rule(
        "E7",
        "emergency",
        lambda f: (
            f.answers.fever_or_chills
            or (f.answers.feels_systemically_unwell and _infection_risk(f.answers))
        ),
        "A fever or shivers with back pain, or feeling unwell with a weakened immune system, "
        "drug injection, a recent infection or constant pain, can mean a spinal infection.",
        "COMMUNITY-RF; GCARE; PATHWAY-SLIDE",
        policy="DOMAIN.md open question 4: fever without risk factors is treated as an "
        "emergency, the more urgent of the two readings.",
    ),
    Rule(
        "E8",
        "emergency",
        lambda f: f.answers.trauma == "major",
        "Back pain that began with a serious accident, such as a fall from a height or a "
        "collision, needs checking for a fracture.",
        "GCARE; DOWNIE",
    ),
    Rule(
        "E9",
        "emergency",
        lambda f: f.answers.history_of_cancer and _leg_neuro(f.answers),
        "A past cancer together with new nerve symptoms (numbness, weakness, walking, bladder "
        "or bowel changes) needs urgent assessment of the spinal cord.",
        "LOTHIAN",
    ),
    Rule(
        "E10",
        "emergency",
        lambda f: (
            f.answers.age >= AORTA_AGE
            and f.answers.pain_now_0_10 >= SEVERE_PAIN
            and (f.answers.abdominal_pain or f.answers.faint_or_clammy)
        ),
        "Severe back pain at 50 or over that is also felt in the tummy, or comes with feeling "
        "faint, clammy or collapsing, can come from the main blood vessel in the belly and "
        "needs help at once.",
        "NG156; DOMAIN.md 2.1.4",
        policy="Fires whatever the onset answer: the onset question describes how the episode "
        "began, and a leaking aneurysm can follow a gradual ache (the more urgent reading).",
    ),
    Rule(
        "U1",
        "urgent_doctor",
        lambda f: f.answers.history_of_cancer,
        "New back pain after a cancer at any time should be seen by a doctor within days.",
        "DOWNIE; COMMUNITY-RF; CKS-SCI",
    ),
    Rule(
        "U2",
        "urgent_doctor",
        lambda f: f.answers.unexplained_weight_loss,
        "Losing weight without trying, with back pain, should be looked into by a doctor.",
        "GCARE; COMMUNITY-RF",
    ),
    Rule(
        "U3",
        "urgent_doctor",
        lambda f: f.answers.feels_systemically_unwell,
        "Feeling generally unwell with back pain should be checked by a doctor soon.",
        "GCARE; CKS-SCI",
    ),
    Rule(
        "U4",
        "urgent_doctor",
        lambda f: f.answers.immunosuppressed or f.answers.iv_drug_use,
        "A weakened immune system or injecting drugs raises the chance of infection, so new "
        "back pain should be seen by a doctor.",
        "COMMUNITY-RF; GCARE",
    ),
    Rule(
        "U5",
        "urgent_doctor",
        lambda f: _fracture_risk(f.answers),
        "Long courses of steroid tablets, thin bones with a sudden start, a small fall or new "
        "severe or worsening pain, or a fall at 65 or over, raise the chance of a small "
        "fracture in the spine.",
        "DOWNIE; GCARE; COMMUNITY-RF; DOMAIN.md 2.1.4",
    ),
    Rule(
        "U6",
        "urgent_doctor",
        lambda f: f.answers.constant_pain_unrelieved_by_rest_or_position,
        "Pain that never eases with rest, lying down or changing position, even at night, "
        "should be checked by a doctor.",
        "GCARE; VERHAGEN",
    ),
    Rule(
        "U7",
        "urgent_doctor",
        lambda f: f.answers.leg_weakness == "one_leg_stable",
        "Weakness in one leg, even if it is not getting worse, needs a doctor's examination.",
        "COMMUNITY-RF",
    ),
    Rule(
        "U8",
        "urgent_doctor",
        lambda f: f.answers.first_ever_episode and (f.answers.age >= 60 or f.answers.age < 15),
        "A first-ever episode of back pain at 60 or over, or in a child under 15, should be "
        "checked by a doctor.",
        "COMMUNITY-RF; DOMAIN.md 2.1.4",
    ),
    Rule(
        "U9",
        "urgent_doctor",
        lambda f: f.answers.spinal_deformity_new or (_thoracic(f.answers) and _unwell(f.answers)),
        "A new change in the shape of your back, or pain between the shoulder blades while you "
        "feel unwell, should be seen by a doctor.",
        "GCARE; COMMUNITY-RF",
    ),
    Rule(
        "U10",
        "urgent_doctor",
        lambda f: f.answers.recent_bacterial_infection and not f.answers.fever_or_chills,
        "A bacterial infection or an invasive procedure (an injection in the spine, an "
        "operation, a catheter) in the last three months raises the chance of a spinal "
        "infection, even without a temperature.",
        "COMMUNITY-RF; GCARE; CKS-SCI; DOMAIN.md 2.1.4",
    ),
    Rule(
        "C1",
        "see_clinician",
        lambda f: f.pattern == "radicular" or f.answers.leg_symptom_side != "none",
        "Pain below the knee, tingling, numbness or weakness in a leg, or other pain in a leg "
        "(new, or long-standing when walking) suggest a nerve may be involved; a "
        "physiotherapist or GP should examine it.",
        "001_69012fdd480ec1fe.txt; NG59; ACP; HASWELL",
        policy="Any reported leg symptom counts, new or long-standing (claudication-type), not "
        "only pain below the knee: a questionnaire cannot tell referred leg pain from nerve "
        "pain with confidence, and the property test showed that new one-leg symptoms would "
        "otherwise rank calmer than long-standing ones.",
    ),
    Rule(
        "C2",
        "see_clinician",
        lambda f: f.pattern == "inflammatory" or f.criteria.ng65_referral,
        "Your answers fit the features of inflammatory back pain; a GP can decide whether a "
        "rheumatology assessment is needed.",
        "NG65; ASAS; BERLIN; DOMAIN.md 2.1.4",
        policy="The criteria count the whole history since the age the back pain first began, "
        "not only this flare, and the psoriasis, uveitis, bowel-inflammation and family "
        "answers count as features (DOMAIN.md 2.1.4).",
    ),
    Rule(
        "C3",
        "see_clinician",
        lambda f: (
            f.answers.duration_weeks >= 6
            and (
                f.answers.trend == "worse"
                or (f.answers.trend == "same" and not f.answers.previously_assessed_by_clinician)
            )
        ),
        "Pain that has lasted six weeks or more and is getting worse, or is not improving and "
        "has never been assessed, deserves a routine review.",
        "CG88; GCARE",
    ),
    Rule(
        "C4",
        "see_clinician",
        lambda f: (
            (f.answers.first_ever_episode and 50 <= f.answers.age <= 59) or f.answers.age < 20
        ),
        "A first episode of back pain in your fifties, or back pain under 20, is worth a "
        "routine check.",
        "GCARE; DOWNIE",
    ),
    Rule(
        "C5",
        "see_clinician",
        lambda f: f.answers.age < 16,
        "Back pain under 16 is outside the guideline this app follows, so a clinician should "
        "guide the exercise.",
        "NG59",
    ),
    Rule(
        "C6",
        "see_clinician",
        lambda f: f.answers.trauma == "minor" and not _fracture_risk(f.answers),
        "Pain that started with a slip or a minor fall is worth a routine check.",
        "DOWNIE",
    ),
    Rule(
        "C7",
        "see_clinician",
        lambda f: _thoracic(f.answers) and not _unwell(f.answers),
        "Pain mainly between the shoulder blades is outside what a low-back coach covers.",
        "COMMUNITY-RF",
    ),
    Rule(
        "C8",
        "see_clinician",
        lambda f: (
            f.answers.duration_weeks >= CHRONIC_WEEKS
            and not f.answers.previously_assessed_by_clinician
        ),
        "Pain that has lasted twelve weeks or more and has never been assessed deserves a "
        "routine review.",
        "app-policy",
        policy="backstride's own conservative choice, not a guideline rule.",
    ),
    Rule(
        "C9",
        "see_clinician",
        lambda f: f.answers.pregnant_or_postpartum,
        "Back and pelvic pain in pregnancy or in the months after a birth needs a clinician "
        "to choose the exercises; backstride's sources do not cover it.",
        "DOMAIN.md 2.1.4",
        policy="Open question 5 of DOMAIN.md: outside this app's sources, so a clinician decides.",
    ),
)


def pain_pattern(answers: ScreeningAnswers, criteria: InflammatoryCriteria) -> Pattern:
    """DOMAIN.md 2.2, first match wins: radicular, inflammatory, spasm, degenerative, else."""
    if (
        answers.radiates_below_knee
        or answers.numbness_tingling_leg != "none"
        or answers.leg_weakness != "none"
        or answers.foot_drop
        or "calf" in answers.pain_location
        or "foot" in answers.pain_location
    ):
        return "radicular"
    if is_inflammatory_pattern(answers, criteria):
        return "inflammatory"
    # Spasm and wear-and-tear read this episode's own length; inflammatory reads the history.
    if (
        answers.onset == "sudden"
        and answers.locked_or_seized_feeling
        and answers.duration_weeks < 6
    ):
        return "spasm"
    if (
        answers.onset == "gradual"
        and answers.duration_weeks >= CHRONIC_WEEKS
        and answers.diffuse_ache_whole_low_back
        and answers.morning_stiffness_min <= 30
    ):
        return "arthritic_degenerative"
    return "nonspecific_mechanical"


def screen(answers: ScreeningAnswers, unsure: tuple[str, ...] = ()) -> Screening:
    """Evaluate the whole table on one set of answers ("not sure" ones already taken as yes)."""
    criteria = inflammatory_criteria(answers)
    facts = Facts(answers, criteria, pain_pattern(answers, criteria))
    fired = tuple(
        FiredRule(rule.id, rule.level, rule.reason, rule.source)
        for rule in RULES
        if rule.applies(facts)
    )
    triage: Level = "self_care"
    for level in LEVELS:
        if any(rule.level == level for rule in fired):
            triage = level
            break
    return Screening(
        answers=answers,
        triage=triage,
        pattern=facts.pattern,
        pattern_reason=PATTERN_REASONS[facts.pattern],
        fired=fired,
        criteria=criteria,
        next_steps=NEXT_STEPS[triage],
        safety_net=SAFETY_NET[triage],
        rule_table_version=RULE_TABLE_VERSION,
        unsure=unsure,
    )


def level_rank(level: Level) -> int:
    """0 for emergency up to 3 for self-care: lower is more urgent."""
    return LEVELS.index(level)


def more_urgent(first: Level, second: Level) -> Level:
    """The more urgent of two levels."""
    return first if level_rank(first) <= level_rank(second) else second


RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
