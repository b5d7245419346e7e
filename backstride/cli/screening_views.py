"""How a screening result looks in the terminal: the urgent line first, then why."""

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backstride.cli.console import out_console, print_json
from backstride.domain.patterns import PATTERN_LABELS
from backstride.domain.screening import Screening
from backstride.services.screening import StoredScreening, screening_payload

HEADLINES = {
    "emergency": (
        "GO TO AN EMERGENCY DEPARTMENT NOW, or call your emergency number.",
        "bold white on red",
    ),
    "urgent_doctor": ("See a doctor within the next few days.", "bold black on yellow"),
    "see_clinician": ("Book a routine appointment with a GP or physiotherapist.", "bold cyan"),
    "self_care": ("No warning signs found: you can look after this yourself.", "bold green"),
}
BORDERS = {
    "emergency": "red",
    "urgent_doctor": "yellow",
    "see_clinician": "cyan",
    "self_care": "green",
}


def render_screening(result: Screening, *, as_json: bool, show_pattern: bool = True) -> None:
    """Print the result: JSON for scripts, or the headline, reasons, steps and safety net."""
    if as_json:
        print_json(screening_payload(result))
        return
    console = out_console()
    headline, style = HEADLINES[result.triage]
    console.print(Text(headline, style=style))
    console.print()
    parts: list[RenderableType] = []
    if result.fired:
        parts.append(Text("Why", style="bold"))
        reasons = Table.grid(padding=(0, 2))
        reasons.add_column(style="bold", no_wrap=True)
        reasons.add_column()
        for rule in result.fired:
            reasons.add_row(f"  {rule.id}", rule.reason)
        parts.append(reasons)
    else:
        parts.append(Text("None of the warning-sign rules fired."))
    parts += [Text("\nWhat to do", style="bold"), Text(result.next_steps)]
    parts += [Text("\nSafety net", style="bold"), Text(result.safety_net)]
    if result.exercises_allowed and show_pattern:
        parts.append(
            Text.assemble(
                ("\nPain pattern: ", "bold"),
                f"{PATTERN_LABELS[result.pattern]}. {result.pattern_reason}",
            )
        )
        parts.append(
            Text("This is a pointer for choosing exercises, not a diagnosis.", style="dim")
        )
    body = Group(*parts)
    console.print(
        Panel(
            body,
            title=f"Screening ({result.triage.replace('_', ' ')})",
            title_align="left",
            border_style=BORDERS[result.triage],
        )
    )
    if result.exercises_allowed and show_pattern:
        console.print(
            Text.assemble(
                ("Next: ", "bold"),
                (f"backstride exercises --pattern {result.pattern}", "bold green"),
            )
        )
    console.print(Text(f"Rule table {result.rule_table_version}", style="dim"))


def render_history(past: list[StoredScreening], *, as_json: bool) -> None:
    """Past screenings and check-ins, newest first."""
    if as_json:
        print_json(
            [
                {
                    "id": item.id,
                    "taken_at": item.taken_at.isoformat(),
                    "kind": item.kind,
                    "triage": item.triage,
                    "pattern": item.pattern,
                    "rules": item.rules,
                    "rule_table_version": item.rule_table_version,
                }
                for item in past
            ]
        )
        return
    console = out_console()
    if not past:
        console.print("No screening stored yet. Run: backstride screen")
        return
    table = Table(title="Screenings, newest first", title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("when", "kind", "result", "pattern", "rules", "rule table"):
        table.add_column(column)
    for item in past:
        table.add_row(
            item.taken_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            item.kind.replace("_", " "),
            Text(item.triage.replace("_", " "), style=BORDERS[item.triage]),
            "-" if item.kind == "screen_stopped" else item.pattern.replace("_", " "),
            ", ".join(item.rules) or "-",
            item.rule_table_version,
        )
    console.print(table)
