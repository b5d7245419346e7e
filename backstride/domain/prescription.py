"""A prescription: one exercise at one ladder level with one concrete dose for the next session.

The catalogue gives doses as ranges (8-12 reps, 45-60 s); a prescription picks numbers inside
them. A new runner starts at the low end of the default dose on the easiest rung of each
ladder (DOMAIN.md 2.6: build up from the bottom of the seed's range).
"""

from dataclasses import dataclass, replace
from typing import Literal

from backstride.domain.catalogue import Catalogue
from backstride.domain.exercise import Dose, Exercise

Scope = Literal["each_set", "whole_circuit"]


@dataclass(frozen=True, slots=True)
class Prescription:
    """What to do next time: which rung, how many reps (or holds) and how long each hold."""

    exercise_id: str
    level_id: str
    reps: int
    hold_s: int | None
    rest_between_reps_s: int | None
    reps_scope: Scope
    dose_source: str

    def with_dose(self, reps: int, hold_s: int | None) -> "Prescription":
        """The same rung with other numbers."""
        return replace(self, reps=reps, hold_s=hold_s)

    def describe(self) -> str:
        """The dose in a few words: '8 reps x 5 s hold', '45 s hold'."""
        if self.hold_s is not None and self.reps > 1:
            return f"{self.reps} x {self.hold_s} s hold"
        if self.hold_s is not None:
            return f"{self.hold_s} s hold"
        return f"{self.reps} reps"


def starting_prescription(exercise: Exercise, level_id: str | None = None) -> Prescription:
    """The low end of the default dose, on the given rung (the family's easiest by default)."""
    dose = exercise.default_dose
    return Prescription(
        exercise_id=exercise.id,
        level_id=level_id if level_id is not None else exercise.level_ids[0],
        reps=_reps_low(dose),
        hold_s=dose.hold_s.low if dose.hold_s is not None else None,
        rest_between_reps_s=(
            dose.rest_between_reps_s.low if dose.rest_between_reps_s is not None else None
        ),
        reps_scope=dose.reps_scope,
        dose_source=dose.source,
    )


def _reps_low(dose: Dose) -> int:
    """Reps (or holds) at the low end; a dose without a count is one hold."""
    return dose.reps.low if dose.reps is not None else 1


def dose_of(catalogue: Catalogue, prescription: Prescription) -> Dose:
    """The catalogue dose a prescription is drawn from (the exercise's default)."""
    return catalogue.get(prescription.exercise_id).default_dose
