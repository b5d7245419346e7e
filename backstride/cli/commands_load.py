"""The training-load command: load beside pain, with the formulas on request."""

from pathlib import Path
from typing import Annotated

import typer

from backstride.cli.app import app


@app.command()
def load(
    unit: Annotated[
        str,
        typer.Option("--unit", help="distance (km, the default), minutes, or rpe (RPE x minutes)."),
    ] = "distance",
    show_formulas: Annotated[
        bool, typer.Option("--explain", help="Show each formula with your numbers.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Weekly load and its change, acute and chronic load, monotony, strain, and pain beside it."""
    from backstride.cli.load_views import render_load
    from backstride.services.context import local_action
    from backstride.services.load import training_load

    with local_action() as action:
        report = training_load(action, unit)
    render_load(report, explain=show_formulas, as_json=as_json)


@app.command()
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
) -> None:
    """Write a self-contained HTML report: weekly distance, load, pain and cadence over time."""
    from datetime import datetime

    from backstride.cli.console import out_console
    from backstride.cli.report_html import render_report
    from backstride.services.context import local_action
    from backstride.services.load import training_load
    from backstride.services.portability import write_atomically
    from backstride.services.runs import list_runs

    with local_action() as action:
        load_report = training_load(action)
        runs = list_runs(action)
    page = render_report(load_report, runs, datetime.now().strftime("%Y-%m-%d %H:%M"))
    write_atomically(output, page)
    out_console().print(f"Report written to {output} ({len(page) // 1024} KB).")
