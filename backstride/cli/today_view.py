"""The `today` screen: the runner's day, and the safety net under it."""

from rich.panel import Panel
from rich.text import Text

from backstride.cli.console import out_console
from backstride.cli.routine_views import render_routine
from backstride.services.routine import TodayOverview

GO_NOW = (
    "Go to an emergency department now if, since your back pain began, you have new numbness "
    "between your legs or around your back passage or genitals, new trouble passing urine or "
    "controlling your bowels, new pain or numbness in both legs, or a leg that is getting weaker."
)
INTRO = (
    "backstride coaches runners with low back pain: it checks for warning signs, picks "
    "exercises that suit your pain, guides you through them and adjusts the dose by how your "
    "back answers. It starts with a short screening."
)


def render_today(overview: TodayOverview) -> None:
    """Latest triage, today's routine and its decisions (or why not), morning pain, next step."""
    console = out_console()
    screening = overview.screening
    if screening is None:
        console.print(Panel(Text(INTRO), title="Today", title_align="left", border_style="cyan"))
        next_command = "backstride screen"
    else:
        when = screening.taken_at.astimezone().strftime("%d %b")
        console.print(
            Text.assemble(
                ("Latest screening: ", "bold"),
                (screening.triage.replace("_", " "), "bold"),
                f" ({when}; pattern {screening.pattern.replace('_', ' ')})",
            )
        )
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
        if overview.plan is None:
            console.print(
                Panel(
                    Text(overview.refusal or ""),
                    title="No routine today",
                    border_style="red",
                    title_align="left",
                )
            )
            next_command = "backstride screen" if "screen" in (overview.refusal or "") else ""
        else:
            render_routine(overview.plan, as_json=False, show_start=False)
            next_command = "backstride go"
    console.print(Panel(Text(GO_NOW), title="Safety first", border_style="red", title_align="left"))
    if next_command:
        console.print(Text.assemble(("Next: ", "bold"), (next_command, "bold green")))
    console.print(
        "backstride is not a diagnosis. If unsure, or pain keeps getting worse, "
        "see a doctor or physiotherapist.",
        style="dim",
    )
