"""The cadence command: baseline, ladder and advice, and a timed 30-second step count."""

import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from backstride.domain.cadence_coaching import CadenceView

# Seams for the timed count, so a test can drive it without waiting 30 s.
_now: Callable[[], float] = time.monotonic
_wait: Callable[[float], None] = time.sleep
_read_line: Callable[[str], str] = input

COUNT_INTRO = (
    "Counting your cadence: run at your easy pace (a treadmill or a flat path is easiest, or ask "
    "someone to count for you). Count every step, left and right, for {seconds} seconds. A cue "
    "marks the start and the stop. Ctrl-C stops; nothing is kept."
)


commands = typer.Typer(rich_markup_mode=None)


@commands.command()
def cadence(
    count: Annotated[
        bool, typer.Option("--count", help="Count your steps for 30 s, timed here.")
    ] = False,
    steps: Annotated[
        str | None,
        typer.Option("--steps", help="Save steps you counted in 30 s (40-120), without the timer."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No sounds during the count.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Your cadence at easy pace, a ladder of small steps, and whether to advance or hold."""
    from backstride.cli.console import out_console
    from backstride.cli.local_action import local_action
    from backstride.domain.cadence import parse_steps
    from backstride.errors import InvalidInput
    from backstride.services.cadence import cadence_coaching, record_counted_cadence

    if count and steps is not None:
        raise InvalidInput("give either --count or --steps, not both")
    counted = parse_steps(steps) if steps is not None else None
    if count:
        counted = _timed_count(out_console(), quiet)
    with local_action() as action:
        spm = None if counted is None else record_counted_cadence(action, counted)
        view = cadence_coaching(action)
    if spm is not None and not as_json:
        out_console().print(f"Saved: {counted} steps in 30 s, so {spm} steps a minute.")
    render_cadence(view, as_json=as_json)


def _timed_count(console: "Console", quiet: bool) -> int:
    """Explain, wait for Enter, cue, count down 30 s, cue, and ask for the steps counted."""
    from rich.text import Text

    from backstride.cli.sounds import Sounds
    from backstride.domain.cadence import COUNT_SECONDS

    console.print(Text(COUNT_INTRO.format(seconds=COUNT_SECONDS)))
    sounds = Sounds(console.file, quiet)
    try:
        _read_line("Press Enter to start counting. ")
        sounds.say("Start")
        _countdown(console, COUNT_SECONDS)
        sounds.say("Stop")
        return _ask_steps(console)
    except (KeyboardInterrupt, EOFError):
        console.print()
        console.print("Count cancelled, nothing saved.")
        raise typer.Exit(130) from None
    finally:
        sounds.close()


def _countdown(console: "Console", seconds: int) -> None:
    """Seconds left, redrawn on each whole second of a monotonic clock (sleeps never add up)."""
    from rich.live import Live
    from rich.text import Text

    end = _now() + seconds
    with Live(Text(f"Count now: {seconds} s left"), console=console, auto_refresh=False) as live:
        while (left := end - _now()) > 0:
            live.update(Text(f"Count now: {math.ceil(left)} s left", style="bold"), refresh=True)
            _wait(left - math.floor(left) or 1.0)
        live.update(Text("Stop counting: time is up.", style="bold"), refresh=True)


def _ask_steps(console: "Console") -> int:
    """Ask until the reply is a count from 40 to 120."""
    from rich.text import Text

    from backstride.domain.cadence import parse_steps
    from backstride.errors import InvalidInput

    while True:
        try:
            return parse_steps(_read_line("How many steps did you count? "))
        except InvalidInput as problem:
            console.print(Text(str(problem), style="yellow"))


def render_cadence(view: "CadenceView", *, as_json: bool) -> None:
    """Baseline, ladder, advice, notes, sources and the safety line."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from backstride.cli.console import out_console, print_json
    from backstride.cli.next_steps import HINT_COMMANDS, metronome_command
    from backstride.cli.plain_sources import for_people, said
    from backstride.domain.cadence_coaching import advice_headline
    from backstride.services.cadence_result import cadence_result

    if as_json:
        print_json(cadence_result(view))
        return
    console = out_console()
    advice = view.advice
    if view.baseline_spm is None:
        console.print(Text(f"{advice_headline(view)}.", style="bold"))
        console.print(said(f"{advice.reason[:1].upper()}{advice.reason[1:]}."))
        for hint in advice.hints:
            console.print(Text.assemble("  Next: ", (HINT_COMMANDS[hint], "bold")))
        for note in view.notes:
            console.print(said(note, "dim"))
        return
    console.print(Text.assemble(("Baseline ", "bold"), (f"{view.baseline_spm:g} spm", "bold cyan")))
    console.print(said(f"  {view.baseline_reason}", "dim"))
    if view.steps:
        table = Table(title="Your ladder", title_justify="left", box=box.SIMPLE_HEAD)
        for column in ("step", "target", "from baseline", "adopted", "judged on"):
            table.add_column(column)
        for number, step in enumerate(view.steps, start=1):
            table.add_row(
                str(number),
                f"{step.target_spm} spm",
                f"+{step.percent:.1f} %",
                Text("yes", style="green") if step.adopted else Text("not yet"),
                f"{step.runs_judged} runs" if step.runs_judged else "-",
            )
        console.print(table)
        console.print(said(f"  {view.ladder_reason}", "dim"))
    if advice.action == "no_change":
        console.print(said(f"{advice.reason[:1].upper()}{advice.reason[1:]}.", "bold"))
    else:
        console.print(
            Text.assemble(
                (
                    f"{advice_headline(view)}: ",
                    "bold green" if advice.action == "advance" else "bold",
                ),
                for_people(f"{advice.reason}."),
            )
        )
    if advice.metronome:
        track = metronome_command(advice.metronome.spm, advice.metronome.minutes)
        console.print(Text.assemble("  Practise with: ", (track, "bold")))

    for note in view.notes:
        console.print(said(note, "dim"))
    console.print(said("Sources: " + "; ".join(view.sources) + ".", "dim"))
    console.print(said(view.safety, "yellow"))
