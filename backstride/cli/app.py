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
    """Your day: latest screening, today's routine and why, and the one command to run."""
    from backstride.cli.local_action import local_action
    from backstride.cli.today_view import render_today
    from backstride.services.routine import today_overview

    with local_action() as action:
        overview = today_overview(action)
    render_today(overview)


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


# Registering the commands: each module adds its own to `app` (their heavy imports stay lazy).
from backstride.cli import (  # noqa: E402
    commands_cadence,  # noqa: F401
    commands_catalogue,  # noqa: F401
    commands_data,  # noqa: F401
    commands_journal,  # noqa: F401
    commands_load,  # noqa: F401
    commands_plan,  # noqa: F401
    commands_routine,  # noqa: F401
    commands_runs,  # noqa: F401
    commands_screening,  # noqa: F401
)
