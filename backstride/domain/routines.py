"""Today's routine: the catalogue x the screening x pain x equipment x time, each choice explained.

The structure is the seed circuit (S000, 000_f99d85ccd3986074.txt): the exercises in a fixed
order, 3-5 rounds of the whole list, 30 s rest between exercises, each exercise at its dose.
"""

from dataclasses import dataclass

from backstride.domain.exercise import Exercise
from backstride.domain.prescription import Prescription

CIRCUIT_SOURCE = "000_f99d85ccd3986074.txt"
REST_BETWEEN_EXERCISES_S = 30  # S000
ROUNDS_MIN, ROUNDS_MAX = 3, 5  # S000


@dataclass(frozen=True, slots=True)
class RoutineItem:
    """One exercise of the routine at its prescribed rung and dose, and why it is there."""

    exercise: Exercise
    prescription: Prescription
    optional: bool
    reason: str

    @property
    def level_name(self) -> str:
        """The name of the prescribed rung."""
        for level in self.exercise.ladder:
            if level.id == self.prescription.level_id:
                return level.name
        return self.exercise.name


@dataclass(frozen=True, slots=True)
class Routine:
    """The exercises in circuit order, how many rounds, the rests, and the reasons."""

    items: tuple[RoutineItem, ...]
    rounds: int
    rest_between_exercises_s: int
    low_load: bool
    reasons: tuple[str, ...]
