"""How imports and runs look in the terminal."""

from rich import box
from rich.table import Table
from rich.text import Text

from backstride.cli.console import out_console, print_json
from backstride.cli.inert import inert
from backstride.domain.run_row import run_row, runs_heading
from backstride.services.import_result import import_outcome_result
from backstride.services.import_words import file_label, outcome_totals
from backstride.services.imports import FileOutcome
from backstride.services.run_result import run_result
from backstride.services.runs import RunsPage

REASON_CHARS = 400
"""A reason may quote a file's own words; it is cut for the table (--json has it all)."""
OUTCOME_STYLE = {"imported": "green", "duplicate": "cyan", "skipped": "dim", "error": "red"}


def render_outcomes(outcomes: list[FileOutcome], *, as_json: bool) -> None:
    """One line per file that was not plainly imported, then the totals."""
    if as_json:
        print_json([import_outcome_result(o) for o in outcomes])
        return
    console = out_console()
    table = Table(box=box.SIMPLE_HEAD, title="Files", title_justify="left")
    for column in ("file", "outcome", "why"):
        table.add_column(column)
    for outcome in outcomes:
        table.add_row(
            inert(file_label(outcome.path)),
            Text(outcome.outcome, style=OUTCOME_STYLE[outcome.outcome]),
            inert(outcome.reason, limit=REASON_CHARS),
        )
    console.print(table)
    console.print(Text(outcome_totals(outcomes), style="bold"))


def render_runs(page: RunsPage, *, as_json: bool) -> None:
    """The totals, then a table of the latest activities in the runner's units."""
    if as_json:
        print_json([run_result(run, page.zone) for run in reversed(page.activities)])
        return
    console = out_console()
    one = page.total_count == 1
    what = ("run" if one else "runs") if page.runs_only else ("activity" if one else "activities")
    if not page.total_count:
        if page.other_count:
            console.print(
                f"No runs imported yet, but {page.other_count} "
                f"{'activity' if page.other_count == 1 else 'activities'} of other sports: "
                "backstride runs --all lists them."
            )
            return
        console.print(f"No {what} imported yet. Try: backstride import PATH")
        return
    shown = len(page.activities)
    title = runs_heading(
        page.total_count, page.total_distance_m, page.total_elapsed_s, page.units, page.runs_only
    ) + (f"; the latest {shown} (--limit 0 shows all)" if shown < page.total_count else "")
    table = Table(box=box.SIMPLE_HEAD, title=Text(title), title_justify="left")
    table.add_column("start (UTC offset)", no_wrap=True)
    for column in ("sport", page.units, "time", "pace" if page.runs_only else "pace/speed"):
        table.add_column(column)
    for column in ("cadence", "HR"):
        table.add_column(column, justify="right")
    for run in page.activities:
        row = run_row(run, page.zone, page.units)
        table.add_row(
            row.start, inert(row.sport), row.distance, row.time, row.pace, row.cadence, row.heart
        )
    console.print(table)
