"""The `today` screen: the runner's day, and the safety net under it."""

from datetime import tzinfo

from rich.panel import Panel
from rich.text import Text

from backstride.cli.console import out_console
from backstride.cli.plain_sources import said
from backstride.cli.routine_views import render_routine
from backstride.cli.screening_views import BORDERS, render_level_now
from backstride.domain.triage_texts import SAFETY_NET
from backstride.services.routine import TodayOverview

GO_NOW = SAFETY_NET["self_care"]  # the complete list: every E and U rule (DOMAIN.md 2.1.4)
INTRO = (
    "backstride coaches runners with low back pain: it checks for warning signs, picks "
    "exercises that suit your pain, guides you through them and adjusts the dose by how your "
    "back answers. It starts with a short screening."
)


NEXT_COMMANDS = {
    "screen": "backstride screen",
    "rescreen": "backstride screen",
    "programme": "backstride go",
}


def render_today(overview: TodayOverview, zone: tzinfo) -> None:
    """The level now first; then today's routine and its decisions (or why not), next step."""
    console = out_console()
    status = overview.status
    if status.level is None:
        console.print(Panel(Text(INTRO), title="Today", title_align="left", border_style="cyan"))
        _footer("backstride screen")
        return
    if status.level in ("emergency", "urgent_doctor"):
        render_level_now(status, zone)
        _clinician_note(overview, zone, red=True)
        _footer("")
        return
    when = status.screened_at.astimezone(zone).strftime("%d %b") if status.screened_at else "-"
    pattern = status.current.pattern.replace("_", " ") if status.current else "unknown"
    console.print(
        Text.assemble(
            ("Your level now: ", "bold"),
            (status.level.replace("_", " "), f"bold {BORDERS[status.level]}"),
            f" (full screening {when}; pattern {pattern})",
        )
    )
    for line in (*_top_lines(overview), *status.notes):
        console.print(said(line, "bold yellow"))
    _clinician_note(overview, zone, red=False)
    next_command = NEXT_COMMANDS.get(status.next_step, "")
    if overview.plan is None:
        console.print(
            Panel(
                said(overview.refusal or ""),
                title="No routine today",
                border_style="red",
                title_align="left",
            )
        )
        if status.next_step == "programme":
            next_command = "backstride check-in" if "check-in" in (overview.refusal or "") else ""
    else:
        if overview.morning_pain_today is None:
            console.print(
                Text.assemble(
                    ("How is your back this morning? ", "bold yellow"),
                    "Log it: ",
                    ("backstride pain N --when morning", "bold green"),
                    " (0-10); tomorrow's dose depends on it.",
                )
            )
        else:
            console.print(Text(f"Morning pain today: {overview.morning_pain_today}/10"))
        render_routine(overview.plan, as_json=False, show_start=False)
    _footer(next_command)


def _clinician_note(overview: TodayOverview, zone: tzinfo, *, red: bool) -> None:
    """The note a linked clinician left, with who and when; on a red level it says that the
    result comes first (the note never brings a programme back)."""
    note = overview.programme.note if overview.programme else None
    if note is None:
        return
    left = f"Left {note.at.astimezone(zone):%d %b %H:%M}"
    if red:
        left += (
            ". Your result now comes first: no exercise programme applies, whatever your "
            "clinician set, until a doctor has seen you"
        )
    out_console().print(
        Panel(
            Text.assemble(note.asked.note, "\n", (f"{left}.", "dim")),
            title=Text(f"A note from {note.author_login}"),
            title_align="left",
            border_style="cyan",
        )
    )


def _top_lines(overview: TodayOverview) -> list[str]:
    """Rule lines that change the level or the programme today, shown before anything else."""
    lines = [r.reason for r in overview.status.reasons if r.id.startswith("S-")]
    if overview.plan is not None:
        lines += [line for line in overview.plan.changes if line not in lines]
    if overview.load_advice:
        lines.append(overview.load_advice)
    return lines


def _footer(next_command: str) -> None:
    console = out_console()
    console.print(Panel(Text(GO_NOW), title="Safety first", border_style="red", title_align="left"))
    if next_command:
        console.print(Text.assemble(("Next: ", "bold"), (next_command, "bold green")))
    console.print(
        "backstride is not a diagnosis. If unsure, or pain keeps getting worse, "
        "see a doctor or physiotherapist.",
        style="dim",
    )
