"""Exercises as result shapes: what `exercises --json` and `exercises show --json` print."""

from backstride.domain.exercise import Exercise
from backstride.services.exercises import ExerciseDetail, ExerciseSelection
from backstride.services.result_model import ResultModel


class ExerciseResult(Exercise, ResultModel):
    """One catalogue exercise, field for field as the catalogue holds it."""


class ExerciseDetailResult(ExerciseResult):
    """One exercise in full, with the level ids of the whole ladder it sits on, easier first."""

    ladder_path: list[str]


def exercise_result(exercise: Exercise) -> ExerciseResult:
    """One exercise in its result shape."""
    return ExerciseResult.model_validate(exercise, from_attributes=True)


def exercise_list_result(selection: ExerciseSelection) -> list[ExerciseResult]:
    """The exercises a listing chose, in order, each in its result shape."""
    return [exercise_result(exercise) for exercise in selection.exercises]


def exercise_detail_result(detail: ExerciseDetail) -> ExerciseDetailResult:
    """One exercise and its ladder in their one result shape."""
    fields = dict(exercise_result(detail.exercise))
    return ExerciseDetailResult(**fields, ladder_path=[rung.level_id for rung in detail.ladder])
