"""What the guided player shows: a big countdown, what to do now, the cue, what comes next."""

from collections.abc import Sequence

from rich.align import Align
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from backstride.domain.player import Player
from backstride.domain.session import Step

DIGITS = {
    "0": ("███", "█ █", "█ █", "█ █", "███"),
    "1": (" ██", "  █", "  █", "  █", "  █"),
    "2": ("███", "  █", "███", "█  ", "███"),
    "3": ("███", "  █", "███", "  █", "███"),
    "4": ("█ █", "█ █", "███", "  █", "  █"),
    "5": ("███", "█  ", "███", "  █", "███"),
    "6": ("███", "█  ", "███", "█ █", "███"),
    "7": ("███", "  █", "  █", "  █", "  █"),
    "8": ("███", "█ █", "███", "█ █", "███"),
    "9": ("███", "█ █", "███", "  █", "███"),
    ":": ("   ", " ▪ ", "   ", " ▪ ", "   "),
}
KIND_STYLE = {
    "get_ready": ("GET READY", "yellow"),
    "hold": ("HOLD", "bold green"),
    "reps": ("REPS", "bold green"),
    "rest": ("REST", "cyan"),
    "switch_side": ("SWITCH SIDES", "yellow"),
}
KEYS_HELP = "space pause/resume   n next   b back   q quit"


def big_clock(seconds: float) -> Text:
    """Minutes and seconds in five-line block digits."""
    whole = max(0, int(seconds + 0.999))
    shown = f"{whole // 60}:{whole % 60:02d}"
    rows = ["  ".join(DIGITS[ch][row] for ch in shown) for row in range(5)]
    return Text("\n".join(rows), style="bold")


def frame_key(player: Player, prompt: str | None, note: str) -> tuple[object, ...]:
    """Everything the panel shows, at the resolution it shows it: same key, same screen."""
    step = player.current
    reps = 0
    if step is not None and step.kind == "reps" and step.reps:
        reps = int(player.step_elapsed_s // (step.tempo_s or 1.0))
    total = sum(s.duration_s for s in player.steps)
    return (
        player.state,
        step,
        int(player.remaining_s + 0.999),
        reps,
        int(player.progress * total),
        player.upcoming,
        prompt,
        note,
    )


def player_panel(
    player: Player, prompt: str | None = None, note: str = "", sketch: Sequence[str] = ()
) -> Panel:
    """The whole screen for the player's current state; `sketch`: the step's pose in braille."""
    step = player.current
    if step is None:
        done: list[RenderableType] = [Text("Session over.", style="bold green")]
        if prompt:
            done.append(Text(prompt, style="bold yellow"))
        return Panel(Group(*done), title="backstride go", title_align="left", border_style="green")
    title, style = KIND_STYLE[step.kind]
    if player.state == "paused":
        title, style = "PAUSED", "bold magenta"
    parts: list[RenderableType] = [
        Text.assemble((f" {title} ", f"reverse {style}"), "  ", (step.label, "bold")),
        Text(""),
        Align.center(big_clock(player.remaining_s)),
        Text(""),
    ]
    if sketch:
        parts += [Align.center(Text("\n".join(sketch), style="cyan")), Text("")]
    if step.kind == "reps" and step.reps:
        parts.append(Align.center(Text(_rep_line(player, step), style="bold green")))
    if step.cue:
        parts.append(Text.assemble(("Cue: ", "bold"), step.cue))
    parts.append(_position(step))
    upcoming = player.upcoming
    if upcoming is not None:
        parts.append(Text.assemble(("Next: ", "dim bold"), (upcoming.label, "dim")))
    parts.append(Text(""))
    parts.append(_overall(player))
    if prompt:
        parts.append(Text(""))
        parts.append(Text(prompt, style="bold yellow"))
    if note:
        parts.append(Text(note, style="yellow"))
    parts.append(Text(KEYS_HELP, style="dim"))
    return Panel(Group(*parts), title="backstride go", title_align="left", border_style=style)


def _rep_line(player: Player, step: Step) -> str:
    total = step.reps or 0
    tempo = step.tempo_s or 1.0
    done = min(total, int(player.step_elapsed_s // tempo) + 1)
    side = " (alternate sides)" if step.side == "alternating" else ""
    return f"rep {done} of {total}{side}"


def _position(step: Step) -> Text:
    side = f"   side: {step.side}" if step.side else ""
    return Text(
        f"Set {step.set} of {step.sets_total}   Round {step.round} of {step.rounds_total}{side}",
        style="cyan",
    )


def _overall(player: Player) -> Table:
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(ratio=1)
    grid.add_column(no_wrap=True)
    total = sum(step.duration_s for step in player.steps)
    done = player.progress * total
    grid.add_row(
        ProgressBar(total=1.0, completed=player.progress),
        f"{int(done // 60)}:{int(done % 60):02d} / {int(total // 60)}:{int(total % 60):02d}",
    )
    return grid
