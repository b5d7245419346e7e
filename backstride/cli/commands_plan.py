"""`backstride plan`: the week(s) ahead as a table, JSON or an iCalendar file, with reasons."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from backstride.domain.plans import PlanItem
    from backstride.domain.variation import VarietyReport
    from backstride.services.plans import PlanView

SAFETY_LINE = (
    "If new leg symptoms, numbness, or changes in bladder or bowel control appear, stop the "
    "plan and run 'backstride screen' again: it tells you what to do next."
)
OFF_DAY_REASON = (
    "No run and no strength, so your back and legs can settle (S003, app policy); "
    "a 10-15 s draw-in is still fine if you like (S003)."
)


commands = typer.Typer(rich_markup_mode=None)


@commands.command()
def plan(
    weeks: Annotated[int, typer.Option("--weeks", help="How many weeks, 1-12.")] = 1,
    runs: Annotated[
        str | None,
        typer.Option(
            "--runs",
            help="Your running week as day:type[@HH:MM], comma-separated, e.g. "
            "tue:easy@07:00,thu:intervals@18:00,sat:long@08:00 (default: your profile's run "
            "days, else your imported runs of the last 8 weeks).",
        ),
    ] = None,
    sessions: Annotated[
        int, typer.Option("--sessions", help="Strength sessions a week: 2 or 3.")
    ] = 3,
    move: Annotated[
        str | None,
        typer.Option(
            "--move",
            help="Move one strength session, FROM:TO[@HH:MM], e.g. tue:mon@18:00; the plan is "
            "checked again, and a move that breaks no rule is kept for later plans.",
        ),
    ] = None,
    reset_moves: Annotated[
        bool,
        typer.Option("--reset-moves", help="Forget the moves you saved; back to the placement."),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ics: Annotated[
        Path | None,
        typer.Option("--ics", help="Also write the plan as an iCalendar file for your calendar."),
    ] = None,
) -> None:
    """Your week: runs, 2-3 strength sessions, the daily draw-in and off days, each with why."""
    from backstride.cli.local_action import local_action
    from backstride.cli.output_file import check_output, write_output
    from backstride.cli.plan_calendar import plan_ics
    from backstride.services.plans import week_plan

    if ics is not None:
        check_output(ics, "--ics")
    with local_action() as action:
        view = week_plan(action, runs, weeks, sessions, move, reset_moves)
        zone = action.zone
    written = None
    if ics is not None:
        calendar = plan_ics(view, zone)
        write_output(ics, calendar.content, "--ics")
        written = calendar.events
    if as_json:
        from backstride.cli.console import print_json
        from backstride.services.plan_result import plan_result

        print_json(plan_result(view))
    else:
        render_plan(view)
    if ics is not None:
        _print_written(ics, written or 0, to_stderr=as_json)


def _print_written(path: Path, count: int, *, to_stderr: bool) -> None:
    import sys

    from rich.console import Console
    from rich.text import Text

    from backstride.cli.inert import inert

    console = Console(file=sys.stderr if to_stderr else sys.stdout, highlight=False)
    console.print(Text.assemble("Calendar written to ", inert(str(path)), f": {count} events."))


def render_plan(view: "PlanView") -> None:
    """One row a day with what to do and why, then notes, warnings, doses and variety."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from backstride.cli.console import out_console
    from backstride.cli.plain_sources import for_people, said

    console = out_console()
    weeks = len(view.days) // 7
    first = view.days[0][0]
    source = {"none": "no runs known", "given": "running week from --runs"}.get(
        view.source, f"running week from {view.source}"
    )
    title = f"Plan from Monday {first:%d %b %Y}, {weeks} week{'s' if weeks != 1 else ''} ({source})"
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_lines=True)
    table.add_column("date", no_wrap=True)
    table.add_column("day", no_wrap=True)
    table.add_column("plan", no_wrap=True)
    table.add_column("why")
    shown = {view.dose_note}
    for number, (day, day_plan) in enumerate(view.days):
        if not day_plan.items:
            what = Text("off day", style="green")
            note = _off_day_note(view.notes, day_plan.day)
            shown.add(note)
            reason = note.split(": ", 1)[1] if note else OFF_DAY_REASON
            why = said(reason[:1].upper() + reason[1:] if number < 7 else "As in week 1.")
        else:
            what = Text("\n").join(_item_line(item) for item in day_plan.items)
            why = (
                Text("\n").join(said(f"- {item.reason}") for item in day_plan.items)
                if number < 7
                else Text("As in week 1.", style="dim")
            )
        table.add_row(f"{day:%d %b}", day_plan.day.capitalize(), what, why)
    console.print(table)
    _section(console, "Notes", [note for note in view.notes if note not in shown], "")
    _section(console, "Warnings", view.warnings, "yellow")
    console.print(Text("Next week's doses", style="bold"))
    for name, action, reason in view.dose_changes:
        console.print(Text.assemble("- ", (f"{name}: {action}", "bold"), for_people(f". {reason}")))
    if not view.dose_changes:
        console.print(said(f"- {view.dose_note or 'No dose changes.'}", "dim"))
    _render_variation(view.variation)
    console.print(said(SAFETY_LINE, "bold"))


def _off_day_note(notes: list[str], day: str) -> str | None:
    """The planner's note on why a day is off, if it wrote one."""
    return next((n for n in notes if n.startswith(f"{day.capitalize()}: full off day")), None)


def _item_line(item: "PlanItem") -> "Text":
    from rich.text import Text

    style = {"run": "cyan", "strength": "magenta", "micro": ""}[item.kind]
    clock = item.start if item.start is not None else "any time"
    return Text.assemble((f"{clock:>8} ", "dim"), (item.title, style))


def _section(console: "Console", heading: str, lines: list[str], style: str) -> None:
    from rich.text import Text

    from backstride.cli.plain_sources import said

    if not lines:
        return
    console.print(Text(heading, style=f"bold {style}".strip()))
    for line in lines:
        console.print(said(f"- {line}", style))


def _render_variation(report: "VarietyReport | None") -> None:
    from rich.text import Text

    from backstride.cli.console import out_console
    from backstride.cli.plain_sources import said

    console = out_console()
    console.print(Text("Variation", style="bold"))
    if report is None:
        console.print(Text("- No imported runs yet: 'backstride import' adds them.", style="dim"))
        return
    if report.measures is None:
        console.print(said(f"- {report.summary.capitalize()}: it {report.reason}.", "dim"))
        return
    console.print(said(f"- {report.summary}"))
    if not report.monotonous:
        console.print(Text("- Your runs already vary enough; nothing to change.", style="dim"))
        return
    for suggestion in report.suggestions:
        console.print(said(f"- {suggestion.text}"))
    if report.caution:
        console.print(said(f"- {report.caution}", "yellow"))
