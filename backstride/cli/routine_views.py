"""How today's routine and the runner's day look in the terminal."""

from rich import box
from rich.table import Table
from rich.text import Text

from backstride.cli.console import out_console, print_json
from backstride.cli.plain_sources import for_people, said
from backstride.domain.todays_routine import RoutinePlan
from backstride.services.routine_result import routine_result

ACTION_STYLE = {"progress": "green", "hold": "cyan", "regress": "yellow", "stop": "red"}


def render_routine(plan: RoutinePlan, *, as_json: bool, show_start: bool = True) -> None:
    """Today's routine with the reason for every choice."""
    if as_json:
        print_json(routine_result(plan))
        return
    console = out_console()
    result = routine_result(plan)
    minutes = result.estimated_s / 60
    if show_start:  # `today` prints these lines itself, before the morning-pain question
        for line in plan.changes:
            console.print(said(line, "bold yellow"))
    console.print(
        Text.assemble(
            ("Today's routine", "bold cyan"),
            f"  {len(plan.routine.items)} exercises x {plan.routine.rounds} rounds, "
            f"about {minutes:.0f} min",
        )
    )
    table = Table(box=box.SIMPLE_HEAD, show_lines=False)
    table.add_column("#", justify="right")
    table.add_column("exercise")
    table.add_column("dose")
    table.add_column("why")
    for number, (item, shown) in enumerate(zip(plan.routine.items, result.items, strict=True), 1):
        why = said(item.reason)
        if shown.decision:
            action = shown.decision.action
            why.append(f"\n{action}: ", style=f"bold {ACTION_STYLE[action]}")
            why.append(for_people(shown.decision.reason))
        name = Text(item.level_name, style="bold")
        if item.optional:
            name.append(" (optional)", style="yellow")
        if shown.pinned:
            name.append(f"\n{shown.pinned}", style="cyan")
        table.add_row(str(number), name, item.prescription.describe(), why)
    console.print(table)
    for line in plan.programme:
        console.print(said(f"- {line}", "cyan"))
    for reason in plan.routine.reasons:
        console.print(said(f"- {reason}", "dim"))
    if show_start:
        console.print(Text.assemble(("Start: ", "bold"), ("backstride go", "bold green")))
