"""How the pain journal looks in the terminal: the table, weekly means, a chart, the trend."""

from rich import box
from rich.table import Table
from rich.text import Text

from backstride.cli.console import out_console, print_json
from backstride.cli.inert import inert
from backstride.cli.plain_sources import for_people
from backstride.domain.pain import PainEntry
from backstride.services.pain import CHART_DAYS, PainHistory
from backstride.services.pain_result import pain_entry_result, pain_history_result

BARS = " ▁▂▃▄▅▆▇█"
VERDICT_STYLE = {"improving": "green", "stable": "cyan", "worse": "red", "not_enough_data": "dim"}


def render_logged(entry: PainEntry, *, as_json: bool) -> None:
    """Confirm a stored entry, with a nudge when it calls for a check-in."""
    if as_json:
        print_json(pain_entry_result(entry))
        return
    console = out_console()
    moment = entry.when.replace("_", " ")
    console.print(
        Text.assemble(("Logged ", "green"), (f"{entry.score}/10", "bold"), f" ({moment})")
    )
    if entry.score >= 7 or entry.reaches == "below_knee":
        console.print(
            Text(
                "Pain of 7 or more, or pain below the knee: run 'backstride check-in' to look "
                "for warning signs.",
                style="yellow",
            )
        )


def sparkline(values: list[float | None]) -> str:
    """One character per day: a taller bar for more pain, a dot for a day with no entry."""
    return "".join("·" if v is None else BARS[round(v / 10 * (len(BARS) - 1))] for v in values)


def render_pain_history(history: PainHistory, *, as_json: bool) -> None:
    """The journal: recent entries, weekly means, the last weeks as a chart, and the verdict."""
    trend = history.trend
    if as_json:
        print_json(pain_history_result(history))
        return
    console = out_console()
    if not history.entries:
        console.print("No pain logged yet. Try: backstride pain 3 --when morning")
        return
    table = Table(title="Latest entries", title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("when", "moment", "score", "reaches", "side", "note"):
        table.add_column(column)
    for entry in history.entries[-10:]:
        table.add_row(
            entry.recorded_at.strftime("%a %d %b %H:%M"),
            entry.when.replace("_", " "),
            Text(str(entry.score), style="bold"),
            entry.reaches.replace("_", " "),
            entry.side,
            inert(entry.note),
        )
    console.print(table)
    weeks = Table(title="Weekly means", title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("week of", "mean", "entries"):
        weeks.add_column(column)
    for week in history.weekly[-8:]:
        weeks.add_row(week.week_start.strftime("%d %b %Y"), f"{week.mean:.1f}", str(week.count))
    console.print(weeks)
    console.print(Text(f"Last {CHART_DAYS} days (daily mean, 0-10; · = no entry)", style="bold"))
    console.print(Text(sparkline(history.daily), style="cyan"))
    console.print()
    console.print(
        Text.assemble(
            ("Trend: ", "bold"),
            (trend.verdict.replace("_", " "), VERDICT_STYLE[trend.verdict]),
            for_people(f". {trend.explanation}"),
        )
    )
