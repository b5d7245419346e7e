"""The `today` command: the runner's day at a glance (also what `backstride` alone shows)."""

import typer

commands = typer.Typer(rich_markup_mode=None)


@commands.command()
def today() -> None:
    """Your day: latest screening, today's routine and why, and the one command to run."""
    from backstride.cli.local_action import local_action
    from backstride.cli.today_view import render_today
    from backstride.services.routine import today_overview

    with local_action() as action:
        overview = today_overview(action)
        zone = action.zone
    render_today(overview, zone)
