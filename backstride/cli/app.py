"""The `backstride` command: parse arguments, call a service, render the result.

Heavy modules (rich, the services, pydantic models) are imported inside each command so that
`backstride --help` starts quickly.
"""

import sys
from typing import Annotated

import typer

from backstride import __version__

app = typer.Typer(
    name="backstride",
    help="A coach for runners with low back pain. Not a diagnosis: see 'backstride learn'.",
    add_completion=False,
    no_args_is_help=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
exercises_app = typer.Typer(
    help="List the exercises, or show one with 'backstride exercises show ID'.",
    rich_markup_mode=None,
)
app.add_typer(exercises_app, name="exercises")


def _version(value: bool) -> None:
    if value:
        print(f"backstride {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """A coach for runners with low back pain. Run with no command for today's overview."""
    if ctx.invoked_subcommand is None:
        today()


@app.command()
def today() -> None:
    """What to do today, and the first command to run."""
    from backstride.cli.today_view import render_today

    render_today()


@exercises_app.callback(invoke_without_command=True)
def exercises(
    ctx: typer.Context,
    equipment: Annotated[
        list[str] | None,
        typer.Option(
            "--equipment",
            "-e",
            help="What you have (repeat or comma-separate): none, mat, stability_ball, "
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


@exercises_app.command("show")
def exercises_show(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="An exercise id or alias.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Show one exercise: steps, dose, cues, cautions and its ladder."""
    from backstride.cli.exercise_views import render_exercise_detail
    from backstride.services.exercises import show_exercise

    render_exercise_detail(show_exercise(exercise_id), as_json=as_json)


@app.command()
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


@app.command()
def screen(
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Screen from a JSON answers file ('-' reads standard input); see "
            "screening-answers.md for the fields.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Check for warning signs that need a doctor, and find your pain pattern.

    Without --answers, asks the questions one at a time in the terminal.
    """
    from backstride.cli.screening_views import render_screening

    if answers is None:
        from backstride.cli.console import out_console
        from backstride.cli.questionnaire_prompt import run_questionnaire, terminal_ask

        console = out_console()
        result = run_questionnaire(terminal_ask(console), console)
        console.print()
    else:
        from backstride.cli.answers_file import read_answers_text
        from backstride.services.screening import answers_from_json, screen_answers

        text, origin = read_answers_text(answers)
        result = screen_answers(answers_from_json(text, origin))
    render_screening(result, as_json=as_json)


@app.command("check-in")
def check_in() -> None:
    """Anything new since last time? The warning-sign questions again, before a session."""
    from backstride.cli.console import out_console
    from backstride.cli.questionnaire_prompt import run_questionnaire, terminal_ask
    from backstride.cli.screening_views import render_screening
    from backstride.services.screening import check_in_questions, finish_check_in

    console = out_console()
    result = run_questionnaire(
        terminal_ask(console),
        console,
        questions=check_in_questions(),
        intro="Anything new since last time? Answer for how things are now. Ctrl-C stops.",
        finish=finish_check_in,
    )
    console.print()
    render_screening(result, as_json=False, show_pattern=False)


def run(argv: list[str]) -> int:
    """Run the command line once and return its exit code; errors become one red line."""
    from typer.exceptions import TyperException

    from backstride.errors import BackstrideError

    try:
        result = app(args=argv, prog_name="backstride", standalone_mode=False)
    except BackstrideError as error:
        _print_error(str(error))
        return error.exit_code
    except TyperException as error:
        _print_error(error.format_message())
        return error.exit_code
    except KeyboardInterrupt:
        _print_error("interrupted")
        return 130
    return result if isinstance(result, int) else 0


def _print_error(message: str) -> None:
    from backstride.cli.console import print_error

    print_error(message)


def main() -> None:
    """Console-script entry point."""
    sys.exit(run(sys.argv[1:]))
