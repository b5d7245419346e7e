"""How today's routine and the runner's day look in the terminal."""

from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from backstride.cli.console import out_console, print_json
from backstride.cli.plain_sources import for_people, said
from backstride.domain.session import timeline, total_duration_s
from backstride.services.exercises import catalogue
from backstride.services.routine import RoutinePlan, chain_of

ACTION_STYLE = {"progress": "green", "hold": "cyan", "regress": "yellow", "stop": "red"}


def plan_payload(plan: RoutinePlan) -> dict[str, Any]:
    """The routine as JSON: items with their dose, reason and today's decision."""
    cat = catalogue()
    items = []
    for item in plan.routine.items:
        decision = plan.decisions.get(chain_of(cat, item.exercise.id))
        p = item.prescription
        items.append(
            {
                "exercise": item.exercise.id,
                "name": item.exercise.name,
                "level": p.level_id,
                "reps": p.reps,
                "hold_s": p.hold_s,
                "rest_between_reps_s": p.rest_between_reps_s,
                "dose_source": p.dose_source,
                "optional": item.optional,
                "reason": item.reason,
                "decision": None
                if decision is None
                else {"action": decision.action, "rule": decision.rule, "reason": decision.reason},
            }
        )
    return {
        "triage": plan.status.level,
        "pattern": plan.status.current.pattern if plan.status.current else None,
        "changes": list(plan.changes),
        "rounds": plan.routine.rounds,
        "rest_between_exercises_s": plan.routine.rest_between_exercises_s,
        "low_load": plan.routine.low_load,
        "estimated_s": round(total_duration_s(timeline(plan.routine))),
        "reasons": list(plan.routine.reasons),
        "items": items,
    }


def render_routine(plan: RoutinePlan, *, as_json: bool, show_start: bool = True) -> None:
    """Today's routine with the reason for every choice."""
    if as_json:
        print_json(plan_payload(plan))
        return
    console = out_console()
    payload = plan_payload(plan)
    minutes = payload["estimated_s"] / 60
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
    for number, (item, data) in enumerate(
        zip(plan.routine.items, payload["items"], strict=True), 1
    ):
        why = said(item.reason)
        if data["decision"]:
            action = data["decision"]["action"]
            why.append(f"\n{action}: ", style=f"bold {ACTION_STYLE[action]}")
            why.append(for_people(data["decision"]["reason"]))
        name = Text(item.level_name, style="bold")
        if item.optional:
            name.append(" (optional)", style="yellow")
        table.add_row(str(number), name, item.prescription.describe(), why)
    console.print(table)
    for reason in plan.routine.reasons:
        console.print(said(f"- {reason}", "dim"))
    if show_start:
        console.print(Text.assemble(("Start: ", "bold"), ("backstride go", "bold green")))
