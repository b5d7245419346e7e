"""How training load looks in the terminal: weeks, load beside pain, and the formulas."""

from rich import box
from rich.table import Table
from rich.text import Text

from backstride.cli.console import out_console, print_json
from backstride.cli.plain_sources import said
from backstride.domain.load import UNIT_LABELS
from backstride.domain.load_report import LoadReport, correlation_words
from backstride.services.load_result import load_result


def render_load(report: LoadReport, *, explain: bool, as_json: bool) -> None:
    """Weeks with load and pain, today's numbers, the correlation and its caveat."""
    if as_json:
        print_json(load_result(report))
        return
    console = out_console()
    label = UNIT_LABELS[report.unit]
    weeks = [w for w in report.weeks if w.total or w.week_start in report.weekly_pain]
    table = Table(
        title=f"Load by week ({label}) beside pain", title_justify="left", box=box.SIMPLE_HEAD
    )
    for column in ("week of", "load", "change", "mean pain"):
        table.add_column(column)
    for week in weeks[-12:]:
        change = "-" if week.change_pct is None else f"{week.change_pct:+.0f} %"
        if week.unfinished:
            change = f"so far, day {week.days_so_far} of 7"
        style = "bold red" if week.large_jump else ""
        pain = report.weekly_pain.get(week.week_start)
        table.add_row(
            week.week_start.strftime("%d %b %Y"),
            f"{week.total:.1f}",
            Text(change + (" large jump" if week.large_jump else ""), style=style),
            "-" if pain is None else f"{pain:.1f}",
        )
    console.print(table if weeks else Text("No load recorded in the last six months."))
    summary = report.summary
    ratio = f"{summary.ratio:.2f}" if summary.ratio is not None else summary.ratio_note
    console.print(
        Text.assemble(
            ("Acute (7-day) ", "bold"),
            f"{summary.acute_ewma:.1f} {label}   ",
            ("chronic (28-day) ", "bold"),
            f"{summary.chronic_ewma:.1f} {label}   ",
            ("ratio ", "bold"),
            str(ratio),
        )
    )
    correlation = report.correlation
    style = "dim" if correlation.r is None else "bold"
    console.print(Text(correlation_words(correlation), style=style))
    console.print(said(correlation.caveat, "dim"))
    if report.skipped_sessions:
        console.print(
            Text(
                f"{report.skipped_sessions} sessions had no value in this unit "
                "(e.g. runs without an effort rating) and were left out.",
                style="dim",
            )
        )
    if explain:
        console.print(Text("How these numbers are made", style="bold underline"))
        for line in report.explanation:
            console.print(said(f"- {line}"))
