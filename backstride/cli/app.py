"""The `backstride` command: parse arguments, call a service, render the result.

Heavy modules (rich, the services, pydantic models) are imported inside each command so that
`backstride --help` starts quickly.
"""

import sys
from typing import Annotated

import typer
from typer.core import TyperGroup

from backstride import __version__
from backstride.cli import (
    commands_cadence,
    commands_catalogue,
    commands_data,
    commands_journal,
    commands_load,
    commands_plan,
    commands_routine,
    commands_runs,
    commands_screening,
    commands_serve,
    commands_today,
    commands_users,
    commands_worker,
)

HELP_ORDER = (
    "today",
    "screen",
    "check-in",
    "routine",
    "go",
    "handout",
    "pain",
    "plan",
    "import",
    "runs",
    "load",
    "cadence",
    "metronome",
    "report",
    "exercises",
    "learn",
    "profile",
    "export",
    "import-data",
    "delete-my-data",
    "serve",
    "worker",
    "users",
)
"""Commands in `--help` in the order a runner meets them."""


class _RunnerOrder(TyperGroup):
    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        names = super().list_commands(ctx)
        known = [name for name in HELP_ORDER if name in names]
        return known + sorted(set(names) - set(known))


app = typer.Typer(
    name="backstride",
    help="A coach for runners with low back pain. Not a diagnosis: see 'backstride learn'.",
    add_completion=False,
    no_args_is_help=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    cls=_RunnerOrder,
)
for module in (
    commands_today,
    commands_screening,
    commands_routine,
    commands_journal,
    commands_plan,
    commands_runs,
    commands_load,
    commands_cadence,
    commands_catalogue,
    commands_data,
    commands_serve,
    commands_worker,
    commands_users,
):
    app.add_typer(module.commands)
app.add_typer(commands_catalogue.exercises_group, name="exercises")


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
        commands_today.today()


def run(argv: list[str]) -> int:
    """Run the command line once and return its exit code; errors become one red line."""
    from typer.exceptions import TyperException

    from backstride.errors import BackstrideError

    try:
        result = app(args=argv, prog_name="backstride", standalone_mode=False)
    except BackstrideError as error:
        from backstride.cli.next_steps import error_text

        _print_error(error_text(error))
        return error.exit_code
    except TyperException as error:
        _print_error(error.format_message())
        return error.exit_code
    except KeyboardInterrupt:
        _print_error("interrupted")
        return 130
    except Exception as error:
        from backstride.cli.storage_failure import storage_failure

        failure = storage_failure(error)
        if failure is None:
            raise
        _print_error(failure)
        return 1
    return result if isinstance(result, int) else 0


def _print_error(message: str) -> None:
    from backstride.cli.console import print_error

    print_error(message)


def main() -> None:
    """Console-script entry point."""
    sys.exit(run(sys.argv[1:]))
