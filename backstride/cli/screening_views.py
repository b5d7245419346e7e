"""How a screening result looks in the terminal: the urgent line first, then why."""

from rich.panel import Panel
from rich.text import Text

from backstride.cli.console import out_console, print_json
from backstride.domain.patterns import PATTERN_LABELS
from backstride.domain.screening import Screening
from backstride.services.screening import screening_payload

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


def render_screening(result: Screening, *, as_json: bool) -> None:
    """Print the result: JSON for scripts, or the headline, reasons, steps and safety net."""
    if as_json:
        print_json(screening_payload(result))
        return
    console = out_console()
    headline, style = HEADLINES[result.triage]
    console.print(Text(headline, style=style))
    console.print()
    body = Text()
    if result.fired:
        body.append("Why\n", style="bold")
        for rule in result.fired:
            body.append(f"  {rule.id}  ", style="bold")
            body.append(rule.reason + "\n")
    else:
        body.append("None of the warning-sign rules fired.\n")
    body.append("\nWhat to do\n", style="bold")
    body.append(result.next_steps + "\n")
    body.append("\nSafety net\n", style="bold")
    body.append(result.safety_net + "\n")
    if result.exercises_allowed:
        body.append("\nPain pattern: ", style="bold")
        body.append(f"{PATTERN_LABELS[result.pattern]}. {result.pattern_reason}\n")
        body.append("This is a pointer for choosing exercises, not a diagnosis.\n", style="dim")
    console.print(
        Panel(
            body,
            title=f"Screening ({result.triage.replace('_', ' ')})",
            title_align="left",
            border_style=BORDERS[result.triage],
        )
    )
    if result.exercises_allowed:
        console.print(
            Text.assemble(
                ("Next: ", "bold"),
                (f"backstride exercises --pattern {result.pattern}", "bold green"),
            )
        )
    console.print(Text(f"Rule table {result.rule_table_version}", style="dim"))
