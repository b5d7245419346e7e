"""The training-load command: load beside pain, with the formulas on request."""

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
