"""How a screening result looks in the terminal: the urgent line first, then why."""

from datetime import tzinfo
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backstride.cli.console import out_console, print_json
from backstride.cli.local_action import machine_zone
from backstride.cli.plain_sources import said
from backstride.domain.patterns import PATTERN_LABELS
from backstride.domain.questionnaire import QUESTIONS
from backstride.domain.safety_status import SafetyStatus
from backstride.domain.screening import Screening, level_rank
from backstride.services.screening import StoredScreening
from backstride.services.screening_result import screening_result, stored_screening_result

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


if TYPE_CHECKING:
    from backstride.cli.questionnaire_prompt import ScreeningOutcome

_QUESTION_TEXT = {question.id: question.text for question in QUESTIONS}


def render_check_in(outcome: "ScreeningOutcome", *, as_json: bool = False) -> None:
    """A stored check-in's result, with the level now it leads to, on the runner's clock."""
    render_screening(
        outcome.result,
        as_json=as_json,
        show_pattern=False,
        status=outcome.status,
        zone=outcome.zone,
    )


def render_screening(
    result: Screening,
    *,
    as_json: bool,
    show_pattern: bool = True,
    status: SafetyStatus | None = None,
    zone: tzinfo | None = None,
) -> None:
    """Print the result: JSON for scripts, or the headline, reasons, steps and safety net.

    With the level now (`status`), an earlier alarm that still stands is shown first.
    """
    if as_json:
        print_json(screening_result(result, status))
        return
    console = out_console()
    if status is not None and _calmer_than_now(result, status):
        render_level_now(status, zone)
        console.print(Text("This answer set on its own:", style="bold"))
    headline, style = HEADLINES[result.triage]
    console.print(Text(headline, style=style))
    console.print()
    if result.unsure:
        console.print(
            Text(
                f"You answered 'not sure' {len(result.unsure)} time"
                f"{'s' if len(result.unsure) > 1 else ''}; backstride takes each as yes, to be "
                "safe (DOMAIN.md 2.1.4):",
                style="bold yellow",
            )
        )
        for qid in result.unsure:
            console.print(Text(f"  - {_QUESTION_TEXT.get(qid, qid)}"))
        console.print()
    parts: list[RenderableType] = []
    if result.fired:
        parts.append(Text("Why", style="bold"))
        reasons = Table.grid(padding=(0, 2))
        reasons.add_column(style="bold", no_wrap=True)
        reasons.add_column()
        for rule in result.fired:
            reasons.add_row("  -", said(rule.reason))
        parts.append(reasons)
    else:
        parts.append(Text("None of the warning-sign rules fired."))
    parts += [Text("\nWhat to do", style="bold"), said(result.next_steps)]
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
    allowed = result.exercises_allowed and (status is None or status.exercises_allowed)
    if allowed and show_pattern:
        console.print(
            Text.assemble(
                ("Next: ", "bold"),
                (f"backstride exercises --pattern {result.pattern}", "bold green"),
            )
        )
    console.print(said(f"Rule table {result.rule_table_version}", "dim"))


def render_history(
    past: list[StoredScreening], *, as_json: bool, zone: tzinfo | None = None
) -> None:
    """Past screenings and check-ins, newest first."""
    if as_json:
        print_json([stored_screening_result(item) for item in past])
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
            item.taken_at.astimezone(zone or machine_zone()).strftime("%Y-%m-%d %H:%M"),
            item.kind.replace("_", " "),
            Text(item.triage.replace("_", " "), style=BORDERS[item.triage]),
            "-" if item.kind == "screen_stopped" else item.pattern.replace("_", " "),
            ", ".join(item.rules) or "-",
            item.rule_table_version,
        )
    console.print(table)


def _calmer_than_now(result: Screening, status: SafetyStatus) -> bool:
    return status.level is not None and level_rank(status.level) < level_rank(result.triage)


def render_level_now(status: SafetyStatus, zone: tzinfo | None = None) -> None:
    """The level now in its colour, what to do, and why an earlier alarm still stands."""
    console = out_console()
    assert status.level is not None
    headline, style = HEADLINES[status.level]
    console.print(Text(headline, style=style))
    lines: list[RenderableType] = []
    if status.held is not None:
        when = status.held.taken_at.astimezone(zone or machine_zone()).strftime("%d %b %Y")
        lines.append(
            Text(
                f"Your result of {when} ({status.held.level.replace('_', ' ')}: "
                f"{', '.join(status.held.rules) or 'warning sign'}) still stands. A calmer "
                "answer replaces it only once a doctor has assessed this back pain since then "
                "(DOMAIN.md 2.1.4)."
            )
        )
    reasons = Table.grid(padding=(0, 2))
    reasons.add_column(style="bold", no_wrap=True)
    reasons.add_column()
    for rule in status.reasons:
        reasons.add_row("  -", said(rule.reason))
    lines += [Text("Why", style="bold"), reasons]
    from backstride.domain.triage_texts import NEXT_STEPS

    lines += [Text("\nWhat to do", style="bold"), said(NEXT_STEPS[status.level])]
    if status.held is not None:
        lines.append(
            Text.assemble(
                "Once a doctor has seen you, run ",
                ("backstride screen", "bold green"),
                " and answer yes to the question about the doctor; backstride records the date.",
            )
        )
    console.print(
        Panel(
            Group(*lines),
            title=f"Your level now ({status.level.replace('_', ' ')})",
            title_align="left",
            border_style=BORDERS[status.level],
        )
    )
