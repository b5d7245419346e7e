"""Commands for the exercise catalogue and the lessons: exercises, exercises show, learn."""

from pathlib import Path
from typing import Annotated

import typer

commands = typer.Typer(rich_markup_mode=None)
exercises_group = typer.Typer(
    help="List the exercises, or show one with 'backstride exercises show ID'.",
    rich_markup_mode=None,
)


@exercises_group.callback(invoke_without_command=True)
def exercises(
    ctx: typer.Context,
    equipment: Annotated[
        list[str] | None,
        typer.Option(
            "--equipment",
            "-e",
            help="What you have (repeat or comma-separate): none, mat, stability-ball, "
            "towel, wall. Lists exercises that need nothing else.",
        ),
    ] = None,
    category: Annotated[
        str | None,
        typer.Option(
            "--category",
            "-c",
            help="core, glutes, back_extensors, mobility, stretch, activation or legs.",
        ),
    ] = None,
    pattern: Annotated[
        str | None,
        typer.Option(
            "--pattern",
            "-p",
            help="Hide exercises to avoid for this pain pattern: spasm, radicular, "
            "arthritic_degenerative, inflammatory, nonspecific_mechanical.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the exercises, filtered by equipment, category or pain pattern."""
    if ctx.invoked_subcommand is not None:
        return
    from backstride.cli.exercise_views import render_exercise_list
    from backstride.services.exercises import list_exercises

    selection = list_exercises(equipment=equipment, category=category, pattern=pattern)
    render_exercise_list(selection, as_json=as_json)


@exercises_group.command("show")
def exercises_show(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="An exercise id or alias.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    sources: Annotated[
        bool, typer.Option("--sources", help="Name every source by its id, with the notes.")
    ] = False,
    figure: Annotated[
        Path | None,
        typer.Option("--figure", help="Write the exercise's moving figure to this SVG file."),
    ] = None,
    static: Annotated[
        bool,
        typer.Option("--static", help="With --figure: the key poses side by side, not moving."),
    ] = False,
    level: Annotated[
        str | None,
        typer.Option("--level", help="With --figure: a rung of the exercise's ladder to draw."),
    ] = None,
) -> None:
    """Show one exercise: steps, dose, cues, cautions and its ladder."""
    from backstride.cli.exercise_views import render_exercise_detail, render_figure_sketch
    from backstride.services.exercises import show_exercise

    if figure is not None:
        from backstride.cli.output_file import check_output, write_output
        from backstride.services.figures import figure_svg

        check_output(figure, "--figure")
        write_output(figure, figure_svg(exercise_id, level=level, static=static), "--figure")
        typer.echo(f"Wrote {figure}")
        return
    detail = show_exercise(exercise_id)
    render_exercise_detail(detail, as_json=as_json, show_sources=sources)
    if not as_json:
        render_figure_sketch(detail.exercise.id)


@commands.command()
def learn(
    topic: Annotated[
        str | None, typer.Argument(help="A topic id; leave out to list the topics.")
    ] = None,
) -> None:
    """Short lessons: why backs hurt, pain patterns, form, and when to see someone."""
    from backstride.cli.learn_views import render_lesson, render_topics
    from backstride.services.education import list_topics, read_lesson

    if topic is None:
        render_topics(list_topics())
    else:
        render_lesson(read_lesson(topic))
