"""Commands for today's work: routine (what and why) and go (the guided player)."""

from pathlib import Path
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


@commands.command()
def handout(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The file to write: NAME.pdf or NAME.html.")
    ],
) -> None:
    """Write today's programme to print: each exercise with its dose, drawing, steps and
    cautions, and the safety net (a PDF, or a self-contained HTML file)."""
    from rich.text import Text

    from backstride.cli.console import out_console
    from backstride.cli.inert import inert
    from backstride.cli.local_action import local_action
    from backstride.cli.output_file import check_output, write_output
    from backstride.errors import InvalidInput
    from backstride.services.handout import handout_document, handout_pdf

    kind = output.suffix.lower()
    if kind not in (".pdf", ".html", ".htm"):
        raise InvalidInput(
            f"--output {str(output)[:80]!r} ends in {kind or 'nothing'!r}: name a .pdf or "
            ".html file",
            field="output",
        )
    check_output(output, "--output")
    with local_action(write=False) as action:
        content = handout_pdf(action) if kind == ".pdf" else handout_document(action)
    write_output(output, content, "--output")
    size = len(content) // 1024
    out_console().print(Text.assemble("Handout written to ", inert(str(output)), f" ({size} KB)."))
