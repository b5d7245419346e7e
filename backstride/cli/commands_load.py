"""The training-load command: load beside pain, with the formulas on request."""

from pathlib import Path
from typing import Annotated

import typer

commands = typer.Typer(rich_markup_mode=None)


@commands.command()
def load(
    unit: Annotated[
        str,
        typer.Option(
            "--unit",
            help="distance (the default: in km or mi, as your profile says), distance-km, "
            "distance-mi, minutes, or session-rpe (RPE x minutes); km, mi and rpe work too.",
        ),
    ] = "distance",
    show_formulas: Annotated[
        bool, typer.Option("--explain", help="Show each formula with your numbers.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Weekly load and its change, acute and chronic load, monotony, strain, and pain beside it."""
    from backstride.cli.load_views import render_load
    from backstride.cli.local_action import local_action
    from backstride.services.load import training_load

    with local_action() as action:
        report = training_load(action, unit)
    render_load(report, explain=show_formulas, as_json=as_json)


@commands.command()
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
) -> None:
    """Write a self-contained HTML report: weekly distance, load, pain and cadence over time."""
    from datetime import datetime

    from backstride.cli.console import out_console
    from backstride.cli.local_action import local_action
    from backstride.cli.report_html import render_report
    from backstride.services.load import training_load
    from backstride.services.portability import write_atomically
    from backstride.services.runs import list_runs

    with local_action() as action:
        load_report = training_load(action)
        runs = list_runs(action)
    page = render_report(load_report, runs, datetime.now().strftime("%Y-%m-%d %H:%M"))
    write_atomically(output, page)
    out_console().print(f"Report written to {output} ({len(page) // 1024} KB).")


@commands.command()
def metronome(
    spm: Annotated[int, typer.Option("--spm", help="Steps per minute, e.g. 168.")],
    minutes: Annotated[float, typer.Option("--minutes", help="Length of the track.")] = 20.0,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write a WAV click track here.")
    ] = None,
    accent: Annotated[
        int | None, typer.Option("--accent", help="Accent every N beats (e.g. 4).")
    ] = None,
    no_play: Annotated[bool, typer.Option("--no-play", help="Only write the file.")] = False,
) -> None:
    """A click track at your target cadence: a WAV with sample-exact beats, played if possible."""
    import tempfile

    from backstride.cli.console import out_console
    from backstride.cli.metronome_audio import play, write_click_track
    from backstride.domain.metronome import check_spm
    from backstride.errors import InvalidInput

    check_spm(spm)
    if not 0 < minutes <= 120:
        raise InvalidInput(f"--minutes {minutes:g} is out of range: give more than 0, up to 120")
    if accent is not None and accent < 2:
        raise InvalidInput(f"--accent {accent} is out of range: give 2 or more")
    target = output or Path(tempfile.gettempdir()) / f"backstride-{spm}spm.wav"
    clicks = write_click_track(target, spm, minutes, accent)
    console = out_console()
    console.print(f"Wrote {target}: {clicks} clicks at {spm} steps a minute, {minutes:g} min.")
    if not no_play and not play(target):
        console.print(
            "No audio player found (paplay, aplay, afplay, ffplay): play the file "
            "with any player, or load it on your phone."
        )
