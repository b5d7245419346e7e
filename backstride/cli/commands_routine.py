"""Commands for today's work: routine (what and why) and go (the guided player)."""

from typing import Annotated

import typer

MinutesOption = Annotated[
    int | None,
    typer.Option(
        "--minutes", "-m", help="Time you have, 5-120 minutes (default: as last time, or 20)."
    ),
]
GoalOption = Annotated[
    str | None,
    typer.Option(
        "--goal",
        help="ease (ease the pain now) or prevent (stop it coming back); default: as last time.",
    ),
]


commands = typer.Typer(rich_markup_mode=None)


@commands.command()
def routine(
    minutes: MinutesOption = None,
    goal: GoalOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Today's routine with the reason for every choice (exit 3 when it is not safe)."""
    from backstride.cli.local_action import local_action
    from backstride.cli.routine_views import render_routine
    from backstride.services.routine import todays_routine

    with local_action() as action:
        plan = todays_routine(action, minutes, goal)
    render_routine(plan, as_json=as_json)


@commands.command()
def go(
    minutes: MinutesOption = None,
    goal: GoalOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the timeline without playing it.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="With --dry-run: print JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="No sounds or spoken cues.")] = False,
) -> None:
    """Play today's routine: countdowns, reps, sides, rests; keys space, n, b, q."""
    from backstride.cli.go_session import dry_run_timeline, run_guided_session

    if dry_run:
        dry_run_timeline(minutes, goal, as_json=as_json)
    else:
        run_guided_session(minutes, goal, quiet=quiet)
