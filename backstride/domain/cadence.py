"""Cadence coaching: the runner's own baseline at easy pace, a ladder of small steps, adoption.

DOMAIN.md 2.5: 170-190 spm (S004) is a population band, not a personal target; compare like
with like (cadence rises with speed), climb in steps of about +5 spm (S004) that stay within
3-5 % each and 10 % in total of the baseline [HEID], and never push a runner already in the band.
"""

from dataclasses import dataclass
from statistics import median

from backstride.domain.profile import COUNTED_SPM_MAX, COUNTED_SPM_MIN
from backstride.errors import InvalidInput

BAND_LOW_SPM = 170  # S004 (004_e85cdf09e9746a65.txt): the 170-190 band
STEP_SPM = 5  # S004: 160 -> 165 -> ...
STEP_MIN_FRACTION, STEP_MAX_FRACTION = 0.03, 0.05  # DOMAIN.md 2.5 [HEID]
TOTAL_MAX_FRACTION = 0.10  # DOMAIN.md 2.5 [HEID]
LIKE_PACE_FRACTION = 0.05  # runs within 5 % of the easy pace count as "like with like"
ADOPTED_WITHIN_SPM = 3  # issue 7: a step is adopted when runs sit within 3 spm of it
COUNT_SECONDS = 30
STEPS_MIN, STEPS_MAX = COUNTED_SPM_MIN // 2, COUNTED_SPM_MAX // 2  # 40-120 steps in 30 s


@dataclass(frozen=True, slots=True)
class RunCadence:
    """What cadence coaching needs from one run."""

    pace_s_per_km: float
    cadence_spm: float


@dataclass(frozen=True, slots=True)
class Baseline:
    """The runner's cadence at their easy pace, and the runs it rests on."""

    cadence_spm: float | None
    easy_pace_s_per_km: float | None
    runs_used: int
    reason: str


def easy_pace_baseline(runs: list[RunCadence]) -> Baseline:
    """Median cadence of runs within 5 % of the easy pace (the median of the slower half)."""
    if not runs:
        return Baseline(None, None, 0, "no runs with cadence yet")
    paces = sorted(run.pace_s_per_km for run in runs)
    slower_half = paces[len(paces) // 2 :]
    easy = median(slower_half)
    alike = [
        run.cadence_spm
        for run in runs
        if abs(run.pace_s_per_km - easy) <= LIKE_PACE_FRACTION * easy
    ]
    cadence = round(median(alike), 1)
    minutes, seconds = divmod(round(easy), 60)
    return Baseline(
        cadence,
        easy,
        len(alike),
        f"median cadence {cadence:g} spm of {len(alike)} runs within 5 % of your easy pace "
        f"{minutes}:{seconds:02d} /km (cadence rises with speed: like with like only; "
        "DOMAIN.md 2.5)",
    )


def cadence_ladder(baseline_spm: float) -> tuple[list[int], str]:
    """Targets in small steps toward the band, never past +10 % of the baseline."""
    if baseline_spm >= BAND_LOW_SPM:
        return [], (
            f"your cadence of {baseline_spm:g} spm is already in the 170-190 band: no change "
            "needed (DOMAIN.md 2.5)"
        )
    step = max(
        1,
        round(
            min(max(STEP_SPM, STEP_MIN_FRACTION * baseline_spm), STEP_MAX_FRACTION * baseline_spm)
        ),
    )
    ceiling = baseline_spm * (1 + TOTAL_MAX_FRACTION)
    targets: list[int] = []
    target = baseline_spm
    while target < BAND_LOW_SPM and target + step <= ceiling:
        target += step
        targets.append(round(target))
    reason = (
        f"steps of {step} spm ({step / baseline_spm:.1%} of {baseline_spm:g}), at most 10 % in "
        f"all (up to {ceiling:.0f} spm), stopping once you reach the 170 spm band "
        "(S004; DOMAIN.md 2.5)"
    )
    return targets, reason


def adopted(target_spm: int, later_runs: list[RunCadence], easy_pace_s_per_km: float) -> bool:
    """Whether later runs at a like pace settled within 3 spm of the target."""
    alike = [
        run.cadence_spm
        for run in later_runs
        if abs(run.pace_s_per_km - easy_pace_s_per_km) <= LIKE_PACE_FRACTION * easy_pace_s_per_km
    ]
    return bool(alike) and abs(median(alike) - target_spm) <= ADOPTED_WITHIN_SPM


def parse_steps(typed: str) -> int:
    """Steps counted in 30 s, as typed: a whole number from 40 to 120."""
    try:
        return check_steps(int(typed.strip()))
    except ValueError:
        raise InvalidInput(
            f"steps counted {typed!r} is not a whole number: give the steps you counted in "
            f"{COUNT_SECONDS} s, {STEPS_MIN} to {STEPS_MAX}"
        ) from None


def check_steps(steps: int) -> int:
    """Refuse a 30-second count outside 40-120 steps (80-240 steps a minute)."""
    if not STEPS_MIN <= steps <= STEPS_MAX:
        raise InvalidInput(
            f"steps counted {steps} is out of range: give the steps you counted in "
            f"{COUNT_SECONDS} s, {STEPS_MIN} to {STEPS_MAX} ({STEPS_MIN * 2}-{STEPS_MAX * 2} "
            "steps a minute)"
        )
    return steps
