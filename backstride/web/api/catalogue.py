"""The API's exercise catalogue: the list with its filters, and one exercise in full."""

from typing import Annotated

from fastapi import APIRouter, Query

from backstride.services.exercise_result import (
    ExerciseDetailResult,
    ExerciseResult,
    exercise_detail_result,
    exercise_list_result,
)
from backstride.services.exercises import list_exercises, show_exercise
from backstride.web.api.caller import Reader
from backstride.web.api.problems import ApiRoute

router = APIRouter(route_class=ApiRoute, tags=["exercises"])
Filter = Annotated[str | None, Query(max_length=64)]


@router.get("/exercises", response_model=list[ExerciseResult])
def get_exercises(
    caller: Reader,
    equipment: Annotated[list[str] | None, Query(max_length=16)] = None,
    category: Filter = None,
    pattern: Filter = None,
) -> list[ExerciseResult]:
    """Exercises that need only this equipment (none, mat, stability-ball, towel, wall), in a
    category, without those to avoid for a pain pattern."""
    return exercise_list_result(list_exercises(equipment, category, pattern))


@router.get("/exercises/{exercise_id}", response_model=ExerciseDetailResult)
def get_exercise(caller: Reader, exercise_id: str) -> ExerciseDetailResult:
    """One exercise by id or alias: steps, dose, cues, cautions and its ladder."""
    return exercise_detail_result(show_exercise(exercise_id[:128]))
