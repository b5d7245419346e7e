"""How imports and runs look in the terminal."""

from datetime import tzinfo
from pathlib import Path
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from backstride.cli.console import out_console, print_json
from backstride.domain.local_time import local_start
from backstride.services.imports import FileOutcome
from backstride.services.runs import StoredActivity

OUTCOME_STYLE = {"imported": "green", "duplicate": "cyan", "skipped": "dim", "error": "red"}


def render_outcomes(outcomes: list[FileOutcome], *, as_json: bool) -> None:
    """One line per file that was not plainly imported, then the totals."""
    if as_json:
        print_json([outcome_json(o) for o in outcomes])
        return
    console = out_console()
    table = Table(box=box.SIMPLE_HEAD, title="Files", title_justify="left")
    for column in ("file", "outcome", "why"):
        table.add_column(column)
    for outcome in outcomes:
        table.add_row(
            _file_label(outcome.path),
            Text(outcome.outcome, style=OUTCOME_STYLE[outcome.outcome]),
            outcome.reason,
        )
    console.print(table)
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.outcome] = counts.get(outcome.outcome, 0) + 1
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    console.print(Text(f"{len(outcomes)} files: {summary}.", style="bold"))


def _file_label(path: str) -> str:
    """The file's name; for an archive entry, the archive's name and the entry's path in it."""
    archive, bang, entry = path.rpartition("!")
    if not bang:
        return Path(path).name
    return f"{Path(archive.split('!', 1)[0]).name}!{entry}"


def outcome_json(outcome: FileOutcome) -> dict[str, Any]:
    """One file's outcome as JSON."""
    return {
        "path": outcome.path,
        "outcome": outcome.outcome,
        "reason": outcome.reason,
        "activities": outcome.activities,
        "size_bytes": outcome.size_bytes,
    }


def run_json(run: StoredActivity, zone: tzinfo) -> dict[str, Any]:
    """The fields `runs --json` promises, and a few more; the start on the runner's clock."""
    start = local_start(run.start, run.local_offset_min, zone)
    return {
        "id": run.id,
        "start": start.isoformat(),
        "sport": run.sport,
        "duration_s": run.elapsed_s,
        "moving_s": run.moving_s,
        "distance_m": run.distance_m,
        "avg_cadence_spm": run.summary.get("avg_cadence_spm"),
        "avg_hr_bpm": run.summary.get("avg_hr_bpm"),
        "source": run.source,
        "name": run.summary.get("name"),
    }


def render_runs(listed: list[StoredActivity], *, as_json: bool, zone: tzinfo) -> None:
    """A table of activities, newest last."""
    if as_json:
        print_json([run_json(run, zone) for run in listed])
        return
    console = out_console()
    if not listed:
        console.print("No runs imported yet. Try: backstride import PATH")
        return
    table = Table(box=box.SIMPLE_HEAD)
    for column in ("start", "sport", "km", "time", "pace /km", "cadence", "HR"):
        table.add_column(column)
    for run in listed:
        data = run_json(run, zone)
        km = (run.distance_m or 0) / 1000
        pace = run.summary.get("avg_pace_s_per_km")
        table.add_row(
            data["start"][:16].replace("T", " "),
            run.sport,
            f"{km:.2f}" if run.distance_m else "-",
            _clock(run.elapsed_s),
            _clock(pace) if pace else "-",
            f"{data['avg_cadence_spm']:.0f}" if data["avg_cadence_spm"] else "-",
            f"{data['avg_hr_bpm']:.0f}" if data["avg_hr_bpm"] else "-",
        )
    console.print(table)


def _clock(seconds: float) -> str:
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
