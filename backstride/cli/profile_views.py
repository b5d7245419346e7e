"""How the profile looks in the terminal."""

from rich.table import Table
from rich.text import Text

from backstride.cli.console import out_console, print_json
from backstride.cli.inert import inert
from backstride.domain.profile import Profile, format_run_days
from backstride.services.profile_result import profile_result


def render_profile(profile: Profile, *, changed: bool, as_json: bool) -> None:
    """The profile's fields, and how to change them."""
    if as_json:
        print_json(profile_result(profile))
        return
    console = out_console()
    if changed:
        console.print(Text("Profile saved.", style="green"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_row("name", inert(profile.name) if profile.name else "-")
    grid.add_row("units", profile.units)
    grid.add_row("time zone", profile.time_zone or "this machine's")
    grid.add_row("birth year", str(profile.birth_year) if profile.birth_year else "-")
    grid.add_row("equipment", ", ".join(profile.equipment) or "none")
    grid.add_row("run days", format_run_days(profile.run_days) or "-")
    counted = "-"
    if profile.counted_cadence_spm is not None:
        counted = f"{profile.counted_cadence_spm} spm"
        if profile.counted_on:
            counted += f" (counted {profile.counted_on})"
    grid.add_row("counted cadence", counted)
    grid.add_row("plan moves", ", ".join(profile.plan_moves) or "-")
    console.print(grid)
    if not changed:
        console.print(
            Text(
                "Change with e.g. backstride profile --equipment mat,towel "
                "--run-days tue:easy@07:00,sat:long",
                style="dim",
            )
        )
