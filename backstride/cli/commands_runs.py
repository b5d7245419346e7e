"""Commands for runs: import activity files and folders, and list what was imported."""

from typing import Annotated

import typer

from backstride.cli.app import app


@app.command("import")
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
    from backstride.config import Settings

    found = list(walk(checked_paths(paths)))
    limits = Settings().limits
    outcomes = import_with_progress(found, dry_run, limits, show_progress=not as_json)
    render_outcomes(outcomes, as_json=as_json)
    if any(outcome.outcome == "error" for outcome in outcomes):
        raise typer.Exit(1)


@app.command()
def runs(
    show_all: Annotated[bool, typer.Option("--all", help="Every sport, not only runs.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List imported runs (or every activity with --all)."""
    from backstride.cli.runs_views import render_runs
    from backstride.services.reading import reading_action
    from backstride.services.runs import list_runs

    with reading_action() as action:
        listed = list_runs(action, runs_only=not show_all)
        zone = action.zone
    render_runs(listed, as_json=as_json, zone=zone)
