"""Commands for runs: import activity files and folders, and list what was imported."""

from typing import Annotated

import typer

commands = typer.Typer(rich_markup_mode=None)


@commands.command("import")
def import_activities(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (searched recursively).")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Read and check everything; store nothing.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one object per file.")] = False,
) -> None:
    """Import FIT, GPX and TCX files (also .gz) and .zip exports; exit 1 when some failed."""
    from backstride.cli.import_loop import checked_paths, import_with_progress, walk
    from backstride.cli.runs_views import render_outcomes
    from backstride.config import load_settings

    found = list(walk(checked_paths(paths)))
    limits = load_settings().limits
    outcomes = import_with_progress(found, dry_run, limits, show_progress=not as_json)
    render_outcomes(outcomes, as_json=as_json)
    if any(outcome.outcome == "error" for outcome in outcomes):
        raise typer.Exit(1)


@commands.command()
def runs(
    show_all: Annotated[bool, typer.Option("--all", help="Every sport, not only runs.")] = False,
    limit: Annotated[
        int, typer.Option("--limit", help="How many, latest first (0: all; --json: all).")
    ] = 30,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (every one, oldest first).")
    ] = False,
) -> None:
    """List imported runs, latest first (or every activity with --all), with totals."""
    from backstride.cli.local_action import local_action
    from backstride.cli.runs_views import render_runs
    from backstride.services.runs import runs_page

    with local_action(write=False) as action:
        page = runs_page(action, runs_only=not show_all, limit=0 if as_json else limit)
    render_runs(page, as_json=as_json)
