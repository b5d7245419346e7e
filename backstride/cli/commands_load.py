"""The training-load command: load beside pain, with the formulas on request."""

from pathlib import Path
from typing import Annotated

import typer

commands = typer.Typer(rich_markup_mode=None)
NO_PLAYER = "No audio player found (paplay, aplay, afplay, ffplay):"


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
    since: Annotated[
        str | None, typer.Option("--since", help="First day, YYYY-MM-DD (default: 12 weeks ago).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Last day, YYYY-MM-DD (default: today).")
    ] = None,
) -> None:
    """Write a self-contained HTML report: weekly distance, load, pain and cadence over time."""
    from rich.text import Text

    from backstride.cli.console import out_console
    from backstride.cli.inert import inert
    from backstride.cli.local_action import local_action
    from backstride.cli.output_file import check_output, write_output
    from backstride.documents.report_html import render_report
    from backstride.services.report import report_figures

    check_output(output, "--output")
    with local_action(write=False) as action:
        figures = report_figures(action, since, until)
        made = action.local(action.now).strftime("%Y-%m-%d %H:%M")
    page = render_report(figures, made)
    write_output(output, page, "--output")
    out_console().print(
        Text.assemble("Report written to ", inert(str(output)), f" ({len(page) // 1024} KB).")
    )


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

    from rich.text import Text

    from backstride.cli.audio_player import play
    from backstride.cli.console import out_console
    from backstride.cli.inert import inert
    from backstride.cli.output_file import check_output, write_output
    from backstride.documents.click_track_wav import ClickTrack
    from backstride.domain.metronome import check_spm
    from backstride.errors import InvalidInput

    check_spm(spm)
    if not 0 < minutes <= 120:
        raise InvalidInput(f"--minutes {minutes:g} is out of range: give more than 0, up to 120")
    if accent is not None and accent < 2:
        raise InvalidInput(f"--accent {accent} is out of range: give 2 or more")
    if output is None and no_play:
        raise InvalidInput("--no-play needs --output: say where to keep the click track")
    if output is not None:
        check_output(output, "--output")
    track = ClickTrack(spm, minutes, accent)
    clicks = len(track.onsets)
    console = out_console()
    said = f": {clicks} clicks at {spm} steps a minute, {minutes:g} min."
    if output is not None:
        write_output(output, track.wav_blocks(), "--output")
        console.print(Text.assemble("Wrote ", inert(str(output)), said))
        if not no_play and not play(output):
            console.print(NO_PLAYER + " play the file with any player, or load it on your phone.")
        return
    with tempfile.TemporaryDirectory(prefix="backstride-") as private:  # mode 0700, removed after
        target = Path(private) / f"click-{spm}spm.wav"
        write_output(target, track.wav_blocks(), "--output")
        console.print(f"Playing a click track{said}")
        if not play(target):
            console.print(NO_PLAYER + " write the track with --output FILE and play that.")
