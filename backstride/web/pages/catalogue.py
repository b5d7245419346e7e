"""The exercise catalogue: the list and its filters (a plain GET form), each exercise in full."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from backstride.domain.catalogue import UNIVERSAL_STOP_SIGNS
from backstride.domain.choices import pick, spelled
from backstride.domain.patterns import PATTERN_LABELS, PATTERNS
from backstride.domain.plain_sources import for_people, plain_source
from backstride.errors import BackstrideError, UnknownName
from backstride.services.exercises import (
    CATEGORIES,
    EQUIPMENT,
    ExerciseSelection,
    catalogue,
    list_exercises,
    show_exercise,
)
from backstride.services.figures import exercise_figure, figure_svg, figure_thumbnail
from backstride.web.errors import status_of
from backstride.web.templating import page

router = APIRouter()
FILTER_CHARS = 64
"""Longer than any word a filter takes, with room for a typed alias."""


def words(value: str) -> str:
    """A catalogue word as people read it: 'back_extensors' -> 'back extensors'."""
    return value.replace("_", " ")


@router.get("/exercises")
def exercise_list(
    request: Request,
    equipment: Annotated[list[str] | None, Query(max_length=FILTER_CHARS)] = None,
    category: Annotated[str, Query(max_length=FILTER_CHARS)] = "",
    pattern: Annotated[str, Query(max_length=FILTER_CHARS)] = "",
) -> Response:
    """Every exercise, or those that fit the chosen equipment, category and pain pattern."""
    owned = [item for item in equipment or [] if item.strip()]
    error = None
    status_code = 200
    try:
        selection = list_exercises(
            equipment=owned or None, category=category or None, pattern=pattern or None
        )
    except BackstrideError as refused:
        error, status_code = str(refused), status_of(refused)
        selection = ExerciseSelection([], None)
    return page(
        request,
        "catalogue_list.html",
        status_code,
        title="Exercises",
        selection=selection,
        error=error,
        chosen_equipment={spelled(item).lower() for item in owned},
        chosen_category=category,
        chosen_pattern=pattern,
        equipment_choices=[(spelled(item), words(item)) for item in EQUIPMENT],
        category_choices=[(item, words(item)) for item in CATEGORIES],
        pattern_choices=[(spelled(item), PATTERN_LABELS[item]) for item in PATTERNS],
        total=len(catalogue().exercises),
        words=words,
    )


FIGURE_VIEWS = ("moving", "still", "small")
FIGURE_HEADERS = {
    # The drawing is a file of this app with no script; its own style sheet switches the loop
    # off for readers who ask for less motion, so inline style is allowed in it and in nothing
    # else (pages keep the site's strict policy).
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "frame-ancestors 'none'",
    "cache-control": "public, max-age=86400",
}


@router.get("/exercises/{exercise_id}/figure.svg")
def exercise_figure_file(
    exercise_id: Annotated[str, Path(max_length=FILTER_CHARS)],
    view: Annotated[str, Query(max_length=FILTER_CHARS)] = "moving",
    level: Annotated[str | None, Query(max_length=FILTER_CHARS)] = None,
) -> Response:
    """A drawn figure of an exercise (or one rung of its ladder): moving, still or small."""
    chosen = pick("view", view, FIGURE_VIEWS, field="view")
    try:
        exercise = catalogue().get(exercise_id)
    except UnknownName:
        return Response(status_code=404, content=f"no exercise is called {exercise_id!r}\n")
    if chosen == "small":
        drawing = figure_thumbnail(exercise.id, level=level)
    else:
        drawing = figure_svg(exercise.id, level=level, static=chosen == "still")
    return Response(drawing, media_type="image/svg+xml", headers=FIGURE_HEADERS)


@router.get("/exercises/{exercise_id}")
def exercise_page(request: Request, exercise_id: str) -> Response:
    """One exercise: how to do it, how much, its ladder, what to watch, fit per pain pattern."""
    try:
        detail = show_exercise(exercise_id)
    except UnknownName as unknown:
        return page(
            request,
            "catalogue_missing.html",
            404,
            title="No such exercise",
            asked=exercise_id,
            close=[catalogue().get(found) for found in unknown.suggestions],
        )
    exercise = detail.exercise
    if exercise.id != exercise_id:
        return RedirectResponse(f"/exercises/{exercise.id}", status_code=307)
    stops = [(note.text, note.source) for note in exercise.stop_signs]
    stops.extend(UNIVERSAL_STOP_SIGNS)
    sources = sorted({dose.source for dose in exercise.doses} | set(exercise.seeds))
    return page(
        request,
        "catalogue_exercise.html",
        title=exercise.name,
        exercise=exercise,
        ladder=detail.ladder,
        current=set(exercise.level_ids),
        stops=stops,
        fits=[(PATTERN_LABELS[key], exercise.patterns[key]) for key in PATTERNS],
        sources=list(dict.fromkeys(p for p in map(plain_source, sources) if p)),
        figure=exercise_figure(exercise.id),
        plain=for_people,
        source_of=plain_source,
        words=words,
    )
