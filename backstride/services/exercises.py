"""Finding and showing exercises from the packaged catalogue."""

from dataclasses import dataclass
from functools import cache
from typing import get_args

from backstride.domain.catalogue import Catalogue, Rung, load_catalogue
from backstride.domain.choices import pick
from backstride.domain.exercise import Category, Equipment, Exercise
from backstride.domain.patterns import PATTERN_WORDS, PATTERNS, Pattern

CATEGORIES: tuple[str, ...] = get_args(Category)
EQUIPMENT: tuple[str, ...] = get_args(Equipment)


@cache
def catalogue() -> Catalogue:
    """The packaged catalogue, read and checked once per process."""
    return load_catalogue()


@dataclass(frozen=True, slots=True)
class ExerciseDetail:
    """One exercise with the whole ladder it sits on."""

    exercise: Exercise
    ladder: list[Rung]


@dataclass(frozen=True, slots=True)
class ExerciseSelection:
    """The exercises a listing chose, and the pain pattern they were rated for, if any."""

    exercises: list[Exercise]
    pattern: Pattern | None


def list_exercises(
    equipment: list[str] | None = None,
    category: str | None = None,
    pattern: str | None = None,
) -> ExerciseSelection:
    """Exercises the runner can do with their equipment, in a category, fit for a pattern."""
    owned = _owned_equipment(equipment) if equipment else None
    chosen_category = pick("category", category, CATEGORIES, field="category") if category else None
    chosen_pattern = (
        pick("pattern", pattern, PATTERNS, field="pattern", aliases=PATTERN_WORDS)
        if pattern
        else None
    )
    chosen = catalogue().select(owned=owned, category=chosen_category, pattern=chosen_pattern)
    return ExerciseSelection(chosen, chosen_pattern)


def show_exercise(exercise_id: str) -> ExerciseDetail:
    """One exercise by id, alias or name, with its ladder."""
    exercise = catalogue().get(exercise_id)
    return ExerciseDetail(exercise, catalogue().ladder(exercise.id))


def _owned_equipment(items: list[str]) -> set[str]:
    """Each item may itself be a comma-separated list; 'none' means nothing at all."""
    words = [word for item in items for word in item.split(",") if word.strip()]
    return {pick("equipment", word, EQUIPMENT) for word in words}
