"""The drawn figures of the exercises: which figure a rung has, as SVG (moving, still or a
small tile) or braille."""

from functools import cache, lru_cache

from backstride.documents.figure_braille import braille_lines
from backstride.documents.figure_svg import animated_svg, static_svg, thumbnail_svg
from backstride.domain.figure_motion import Figure
from backstride.domain.figures import FigureBook, load_figures
from backstride.errors import InvalidInput
from backstride.services.exercises import catalogue


@cache
def figure_book() -> FigureBook:
    """Every packaged figure, read and checked once per process."""
    return load_figures(catalogue())


def exercise_figure(exercise_id: str, level: str | None = None) -> Figure:
    """The figure of an exercise's base rung, or of one rung of its own ladder."""
    exercise = catalogue().get(exercise_id)
    rung = level or exercise.id
    if rung not in exercise.level_ids:
        raise InvalidInput(
            f"level {rung!r} is not on the ladder of {exercise.id}; "
            f"choose one of {', '.join(exercise.level_ids)}",
            field="level",
        )
    return figure_book().for_rung(rung)


@lru_cache(maxsize=256)
def figure_svg(exercise_id: str, *, level: str | None = None, static: bool = False) -> str:
    """The SVG file of a figure: the moving loop, or with `static` the key poses side by side.

    Remembered: a figure is the same for the life of the process, and the loop takes ~10 ms.
    """
    figure = exercise_figure(exercise_id, level)
    return static_svg(figure) if static else animated_svg(figure)


@lru_cache(maxsize=256)
def figure_thumbnail(exercise_id: str, *, level: str | None = None) -> str:
    """A small still tile of a rung's working pose (for lists and ladders)."""
    return thumbnail_svg(exercise_figure(exercise_id, level))


@lru_cache(maxsize=256)
def figure_sketch(exercise_id: str, level: str | None = None) -> tuple[str, ...]:
    """The working pose of a rung (the base rung unless told) as lines of braille characters."""
    return tuple(braille_lines(exercise_figure(exercise_id, level)))
