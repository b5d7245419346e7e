"""What to do next with cadence: each step adopted or not, and advance, hold or no change.

DOMAIN.md 2.5: a step is adopted when easy-pace runs after the baseline weeks sit within
3 spm of it [HEID]; advance only when a step is adopted and pain is not rising (S004: stop if
it hurts); a runner already in the band is not pushed.
"""

from dataclasses import dataclass
from datetime import date
from statistics import median
from typing import Literal

from backstride.domain.cadence import ADOPTED_WITHIN_SPM, RunCadence, adopted
from backstride.errors import Hint

ADOPTION_RUNS = 3  # a step is judged on the latest 3 easy-pace runs after those weeks
ADOPTION_MIN_RUNS = 2  # and never on one run alone
METRONOME_MINUTES = 20

Source = Literal["runs", "counted"]
AdviceAction = Literal["advance", "hold", "no_change", "no_baseline"]


@dataclass(frozen=True, slots=True)
class CadenceRun:
    """One imported run as cadence coaching sees it."""

    day: date
    pace_s_per_km: float
    cadence_spm: float
    in_baseline: bool  # within the first four weeks of runs with cadence
    like_pace: bool  # within 5 % of the easy pace


@dataclass(frozen=True, slots=True)
class StepView:
    """One rung of the ladder and whether recent runs show it was adopted."""

    target_spm: int
    percent: float  # above the baseline
    adopted: bool
    runs_judged: int


@dataclass(frozen=True, slots=True)
class PracticeTrack:
    """A click track to practise a target cadence with: the step rate and its length."""

    spm: int
    minutes: int


@dataclass(frozen=True, slots=True)
class Advice:
    """What to do next: advance, hold, nothing to change, or first find a baseline."""

    action: AdviceAction
    target_spm: int | None
    reason: str
    metronome: PracticeTrack | None  # the click track to practise the target with
    hints: tuple[Hint, ...] = ()  # the next steps when there is no baseline


def practice_track(spm: int) -> PracticeTrack:
    """The click track that practises this cadence."""
    return PracticeTrack(spm, METRONOME_MINUTES)


def _lower_first(sentence: str) -> str:
    return sentence[:1].lower() + sentence[1:]


def adoption(
    targets: list[int], later: list[CadenceRun], easy_pace: float | None
) -> tuple[list[bool], int, float | None]:
    """Each step adopted or not, judged on the latest like-pace runs after the baseline weeks.

    A step counts as adopted when those runs sit within 3 spm of it (`adopted`), or above it:
    a runner who has climbed past a step has adopted it too.
    """
    window = [run for run in later if run.like_pace][-ADOPTION_RUNS:]
    if easy_pace is None or len(window) < ADOPTION_MIN_RUNS:
        return [False] * len(targets), len(window), None
    runs = [RunCadence(run.pace_s_per_km, run.cadence_spm) for run in window]
    recent = float(median(run.cadence_spm for run in window))
    verdicts = [
        adopted(target, runs, easy_pace) or recent > target + ADOPTED_WITHIN_SPM
        for target in targets
    ]
    return verdicts, len(window), recent


def cadence_advice(
    steps: list[StepView],
    ladder_reason: str,
    source: Source,
    judged: int,
    recent: float | None,
    verdict: str,
    explanation: str,
) -> Advice:
    if not steps:
        return Advice("no_change", None, ladder_reason, None)
    current = next((step for step in steps if not step.adopted), None)
    pain_rising = verdict == "worse"
    if current is None:
        last = steps[-1].target_spm
        return Advice(
            "hold",
            last,
            f"you have adopted every step up to {last} spm, the end of your ladder (it stops at "
            "the 170 spm band or at 10 % above your baseline): keep this cadence",
            None,
        )
    done = [step for step in steps if step.adopted]
    if done and not pain_rising:
        pain_note = (
            "your pain is stable or easing"
            if verdict in ("stable", "improving")
            else "no pain trend to check yet (log your pain to have one)"
        )
        return Advice(
            "advance",
            current.target_spm,
            f"{done[-1].target_spm} spm is adopted (your last {judged} easy-pace runs: median "
            f"{recent:g} spm) and {pain_note}: practise the next step with the metronome",
            practice_track(current.target_spm),
        )
    if done:
        return Advice(
            "hold",
            done[-1].target_spm,
            f"{done[-1].target_spm} spm is adopted, but your pain is rising: "
            f"{_lower_first(explanation)} Stay at this cadence until the pain settles, then "
            "take the next step",
            None,
        )
    if source == "counted":
        not_yet = (
            f"{current.target_spm} spm is your first step; whether you have adopted it cannot "
            "be told without imported runs that record cadence"
        )
    elif judged == 0:
        not_yet = (
            f"{current.target_spm} spm is your first step and there are no easy-pace runs after "
            "your baseline weeks to judge it on yet"
        )
    elif recent is None:
        not_yet = (
            f"{current.target_spm} spm is not adopted yet: only {judged} easy-pace run after "
            f"your baseline weeks, and a step is judged on at least {ADOPTION_MIN_RUNS}"
        )
    else:
        not_yet = (
            f"{current.target_spm} spm is not adopted yet: your last {judged} easy-pace runs "
            f"have a median of {recent:g} spm, more than {ADOPTED_WITHIN_SPM} spm from it"
        )
    practise = "; keep practising it with the metronome on easy runs"
    if pain_rising:
        practise = (
            f". Your pain is rising: {_lower_first(explanation)} Keep to a cadence that feels "
            "easy until it settles, then practise the step with the metronome on easy runs"
        )
    return Advice(
        "hold", current.target_spm, not_yet + practise, practice_track(current.target_spm)
    )
