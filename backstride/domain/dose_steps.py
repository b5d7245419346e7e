"""Dose steps on a ladder: one step up, one step down, and the volume cut below the easiest dose.

Up and down follow the ladder of DOMAIN.md 2.6 (reps, then hold time, then the next rung;
down in reverse). Below the low end of the easiest rung's dose, DOMAIN.md 2.1.4 asks for a
volume cut instead of "no change": shorter holds first, then fewer reps, each by the same step
as the ladder, down to the floor defined here.
"""

from dataclasses import replace

from backstride.domain.catalogue import Catalogue, Rung
from backstride.domain.prescription import Prescription, dose_of, starting_prescription

# DOMAIN.md 2.6: reps go up 2 at a time, holds 5 s at a time.
REPS_STEP = 2
HOLD_STEP_S = 5
# The volume floor (app-policy, within DOMAIN.md 2.1.4's "cut volume"): half the low end of
# the dose, holds rounded down to whole 5 s steps, never under 1 rep or a 5 s hold (a low end
# already under those stays as it is).
MIN_REPS = 1
MIN_HOLD_S = 5


def reps_floor(low: int) -> int:
    """The fewest reps a cut may leave: half the low end, at least 1."""
    return max(MIN_REPS, low // 2)


def hold_floor_s(low: int) -> int:
    """The shortest hold a cut may leave: half the low end in 5 s steps, at least 5 s."""
    return min(low, max(MIN_HOLD_S, low // 2 // HOLD_STEP_S * HOLD_STEP_S))


def is_easiest_rung(catalogue: Catalogue, p: Prescription) -> bool:
    """Whether no easier rung lies below this one on its ladder."""
    return catalogue.previous_level(p.level_id) is None


def volume_floor(catalogue: Catalogue, p: Prescription) -> Prescription:
    """The smallest dose of this rung: both the reps (when they count) and the hold at the floor."""
    dose = dose_of(catalogue, p)
    reps = p.reps
    if _counts_reps(p) and dose.reps is not None:
        reps = min(p.reps, reps_floor(dose.reps.low))
    hold_s = p.hold_s
    if dose.hold_s is not None and p.hold_s is not None:
        hold_s = min(p.hold_s, hold_floor_s(dose.hold_s.low))
    return p.with_dose(reps, hold_s)


def at_volume_floor(catalogue: Catalogue, p: Prescription) -> bool:
    """Whether a regression has nowhere left to go: the easiest rung at its smallest dose."""
    return is_easiest_rung(catalogue, p) and volume_floor(catalogue, p) == p


def progress_step(catalogue: Catalogue, p: Prescription) -> tuple[Prescription, str]:
    """One step up the DOMAIN.md 2.6 ladder: reps, then hold time, then the next rung.

    A dose cut below its low end first climbs back to it, undoing the cut in reverse (reps,
    then hold), before anything grows past where it was.
    """
    dose = dose_of(catalogue, p)
    if _counts_reps(p) and dose.reps is not None and p.reps < dose.reps.low:
        reps = min(p.reps + REPS_STEP, dose.reps.low)
        return p.with_dose(reps, p.hold_s), f"from {p.reps} to {reps} reps, undoing a cut"
    if dose.hold_s is not None and p.hold_s is not None and p.hold_s < dose.hold_s.low:
        hold_s = min(p.hold_s + HOLD_STEP_S, dose.hold_s.low)
        return p.with_dose(p.reps, hold_s), f"from {p.hold_s} to {hold_s} s hold, undoing a cut"
    if _counts_reps(p) and dose.reps is not None and p.reps < dose.reps.high:
        reps = min(p.reps + REPS_STEP, dose.reps.high)
        return p.with_dose(reps, p.hold_s), f"from {p.reps} to {reps} reps"
    if dose.hold_s is not None and p.hold_s is not None and p.hold_s < dose.hold_s.high:
        hold_s = min(p.hold_s + HOLD_STEP_S, dose.hold_s.high)
        return p.with_dose(p.reps, hold_s), f"from {p.hold_s} to {hold_s} s hold"
    rung = catalogue.next_level(p.level_id)
    if rung is None:
        name = catalogue.rung(p.level_id).name
        return p, f"already at the hardest dose of this ladder ({name}, {p.describe()})"
    return _move_to(catalogue, p, rung)


def regress_step(catalogue: Catalogue, p: Prescription) -> tuple[Prescription, str]:
    """One step down: hold time, then reps, then the previous rung; at the bottom, a cut.

    On the easiest rung at the low end of its dose the step is a volume cut (`cut_step`);
    at the floor nothing is left to cut and the dose comes back unchanged, which the
    progression rules never offer as a regression (they leave the exercise out instead).
    """
    dose = dose_of(catalogue, p)
    if dose.hold_s is not None and p.hold_s is not None and p.hold_s > dose.hold_s.low:
        hold_s = max(p.hold_s - HOLD_STEP_S, dose.hold_s.low)
        return p.with_dose(p.reps, hold_s), f"from {p.hold_s} to {hold_s} s hold"
    if _counts_reps(p) and dose.reps is not None and p.reps > dose.reps.low:
        reps = max(p.reps - REPS_STEP, dose.reps.low)
        return p.with_dose(reps, p.hold_s), f"from {p.reps} to {reps} reps"
    rung = catalogue.previous_level(p.level_id)
    if rung is None:
        return cut_step(catalogue, p)
    return _move_to(catalogue, p, rung)


def cut_step(catalogue: Catalogue, p: Prescription) -> tuple[Prescription, str]:
    """One cut below the low end: 5 s off the hold, else 2 reps off, never past the floor."""
    floor = volume_floor(catalogue, p)
    name = catalogue.rung(p.level_id).name
    if p.hold_s is not None and floor.hold_s is not None and p.hold_s > floor.hold_s:
        hold_s = max(p.hold_s - HOLD_STEP_S, floor.hold_s)
        cut = p.with_dose(p.reps, hold_s)
        return (
            cut,
            f"a volume cut, as {name} is the easiest rung: from {p.hold_s} to {hold_s} s hold",
        )
    if p.reps > floor.reps:
        reps = max(p.reps - REPS_STEP, floor.reps)
        cut = p.with_dose(reps, p.hold_s)
        unit = "rep" if reps == 1 else "reps"
        return cut, f"a volume cut, as {name} is the easiest rung: from {p.reps} to {reps} {unit}"
    return p, f"{name} is the easiest rung and {p.describe()} is its smallest dose"


def _counts_reps(p: Prescription) -> bool:
    """Whether the rep count is a step of its own: not when the reps are the circuit's rounds.

    The plank's 3-5 reps are read as one hold per round (its dose's `choice`), so the routine's
    rounds carry that number and progression moves the hold time instead.
    """
    return p.reps_scope == "each_set"


def _move_to(catalogue: Catalogue, p: Prescription, rung: Rung) -> tuple[Prescription, str]:
    """Another rung at the low end of its dose: a new family starts from its own default."""
    if rung.exercise.id == p.exercise_id:
        start = starting_prescription(rung.exercise, rung.level_id)
        moved = replace(p, level_id=rung.level_id, reps=start.reps, hold_s=start.hold_s)
    else:
        moved = starting_prescription(rung.exercise, rung.level_id)
    old_name = catalogue.rung(p.level_id).name
    return moved, (
        f"from {old_name} ({p.describe()}) to {rung.name} ({moved.describe()}), "
        "the low end of its dose"
    )
