"""Inflammatory back pain criteria computed from the answers: ASAS, Berlin and NICE NG65."""

from dataclasses import dataclass

from backstride.domain.screening_answers import ScreeningAnswers

CHRONIC_WEEKS = 12  # "more than 3 months" (DOMAIN.md 2.2 pattern rule: duration >= 12 weeks)
WEEKS_PER_YEAR = 52


def history_weeks(answers: ScreeningAnswers) -> float:
    """How long this back pain has gone on, flares included: since `age_at_onset`.

    DOMAIN.md 2.1.4 (C2 corrected): "more than 3 months" means the history, not this flare.
    Ages are whole years, so a history that began at a younger age counts as a year per year
    of difference (the longer, more cautious reading); the same age gives this episode alone.
    """
    return max(answers.duration_weeks, (answers.age - answers.age_at_onset) * WEEKS_PER_YEAR)


@dataclass(frozen=True, slots=True)
class InflammatoryCriteria:
    """How many items of each criteria set the answers meet, and which."""

    asas_items: tuple[str, ...]
    berlin_items: tuple[str, ...]
    berlin_applies: bool
    ng65_items: tuple[str, ...]
    ng65_applies: bool

    @property
    def asas_positive(self) -> bool:
        """ASAS expert criteria: inflammatory back pain when 4 or more of 5 are met [ASAS]."""
        return len(self.asas_items) >= 4

    @property
    def berlin_positive(self) -> bool:
        """Berlin criteria (under 50): inflammatory back pain when 2 or more of 4 [BERLIN]."""
        return self.berlin_applies and len(self.berlin_items) >= 2

    @property
    def ng65_referral(self) -> bool:
        """NG65: onset before 45, over 3 months, and 3 or more features -> see a doctor [NG65].

        NG65 refers at 4 or more and asks for a blood test at exactly 3; both need a doctor, so
        both send the runner to one here.
        """
        return self.ng65_applies and len(self.ng65_items) >= 3


def inflammatory_criteria(answers: ScreeningAnswers) -> InflammatoryCriteria:
    """Score the three criteria sets of DOMAIN.md 2.2 on one set of answers."""
    chronic = history_weeks(answers) >= CHRONIC_WEEKS
    eases_with_movement = answers.better_with_exercise
    asas = {
        "onset before 40": answers.age_at_onset < 40,
        "came on gradually": answers.onset == "gradual",
        "better with exercise": eases_with_movement,
        "not better with rest": not answers.better_with_rest,
        "night pain that eases on getting up": answers.wakes_second_half_night_better_on_rising,
    }
    berlin = {
        "morning stiffness over 30 minutes": answers.morning_stiffness_min > 30,
        "better with exercise, not with rest": eases_with_movement and not answers.better_with_rest,
        "waking in the second half of the night": answers.wakes_second_half_night_better_on_rising,
        "alternating buttock pain": answers.alternating_buttock_pain,
    }
    extra = answers.extra
    ng65 = {
        "onset before 35": answers.age_at_onset < 35,
        "waking in the second half of the night": answers.wakes_second_half_night_better_on_rising,
        "buttock pain": answers.alternating_buttock_pain or "buttock" in answers.pain_location,
        "better with movement": eases_with_movement,
        "eased by anti-inflammatories within 48 hours": extra.nsaid_response_48h,
        "a close relative with spondyloarthritis": extra.family_history_spondyloarthritis,
        "arthritis now or before": extra.arthritis_history,
        "enthesitis (for example at the heel)": extra.heel_enthesitis,
        "psoriasis now or before": extra.psoriasis,
        # DOMAIN.md 2.1.4: the extra-spinal features the questionnaire collects count too.
        "uveitis (a painful red eye) now or before": extra.uveitis,
        "inflammatory bowel disease": extra.inflammatory_bowel_disease,
    }
    return InflammatoryCriteria(
        asas_items=_met(asas) if chronic else (),
        berlin_items=_met(berlin) if chronic else (),
        berlin_applies=chronic and answers.age < 50,
        ng65_items=_met(ng65),
        ng65_applies=chronic and answers.age_at_onset < 45,
    )


def _met(items: dict[str, bool]) -> tuple[str, ...]:
    return tuple(name for name, met in items.items() if met)


def is_inflammatory_pattern(answers: ScreeningAnswers, criteria: InflammatoryCriteria) -> bool:
    """DOMAIN.md 2.2 and 2.1.4: a history of 12+ weeks, onset before 45, ASAS 4/5 or Berlin 2/4."""
    return (
        history_weeks(answers) >= CHRONIC_WEEKS
        and answers.age_at_onset < 45
        and (criteria.asas_positive or criteria.berlin_positive)
    )
