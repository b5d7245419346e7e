"""Start-up time of the CLI, against a bare `python -c pass` measured in the same run.

Usage: .venv/bin/python bench/cli_start.py [--runs N] [--history N]
Prints the median wall time of each command over N runs and its ratio to the baseline,
beside the goal of issue 13: `--help` <= 3x, `exercises` <= 5x, `today` on an empty database
and on a history of 1,000 runs <= 8x. Commands are interleaved, so drift in the machine's
load hits them all alike; each command gets its own data folder, made before timing starts.

Beside them, the floors: a bare import of the libraries each command cannot start without
(typer, rich and pydantic for every command; SQLAlchemy's ORM for any that reads the
database), so the table shows how much of a command is backstride's own. Children run with
bytecode caching on, as an installed backstride does (PYTHONDONTWRITEBYTECODE is dropped).
"""

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

BASELINE = "python -c pass (baseline)"
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
UI_LIBRARIES = "import typer, rich.console, rich.table, pydantic"
DB_LIBRARIES = UI_LIBRARIES + ", sqlalchemy.orm"


def backstride(*args: str) -> list[str]:
    """The CLI, run as a fresh process the way a runner runs it."""
    return [sys.executable, "-m", "backstride", *args]


def time_once(command: list[str], data_dir: Path) -> float:
    """Wall time of one run of the command, in milliseconds."""
    started = time.perf_counter()
    subprocess.run(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
        env={**CHILD_ENV, "COLUMNS": "100", "BACKSTRIDE_DATA_DIR": str(data_dir)},
    )
    return (time.perf_counter() - started) * 1000


def fill_history(data_dir: Path, runs: int) -> None:
    """A calm screening and `runs` runs of 45 min with a sample every 5 s, one a day."""
    os.environ["BACKSTRIDE_DATA_DIR"] = str(data_dir)
    from backstride.cli.local_action import close_local_database, local_action
    from backstride.domain.activity import Activity, Sample
    from backstride.domain.activity_metrics import metrics
    from backstride.domain.screening import screen
    from backstride.domain.screening_answers import ScreeningAnswers
    from backstride.services.screening import record_screening
    from backstride.storage.activities import save_activity

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from screening_base import CALM  # the suite's calm answers: no warning sign, self care

    now = datetime.now(UTC)
    with local_action(now - timedelta(days=runs + 1)) as action:
        record_screening(action, screen(ScreeningAnswers.model_validate(CALM)), "screen")
    for day in range(runs):
        start = (now - timedelta(days=runs - day)).replace(hour=7, minute=0, microsecond=0)
        samples = tuple(
            Sample(t, t * 2.9, 140 + int(10 * math.sin(t / 300)), 166.0)
            for t in range(0, 45 * 60 + 1, 5)
        )
        activity = Activity("bench.fit", "running", None, start, 60, 2700.0, 2700 * 2.9, samples)
        with local_action(start) as action:
            key = f"{day:064d}"
            save_activity(action.session, action.runner_id, activity, metrics(activity), key)
    close_local_database()


def main() -> None:
    """Make the data folders, then time each command, interleaved."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--history", type=int, default=1000, help="runs in the long history")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="backstride-bench-"))
    empty, history = work / "empty", work / "history"
    fill_history(history, options.history)
    commands: dict[str, tuple[list[str], Path, float | None]] = {
        BASELINE: ([sys.executable, "-c", "pass"], empty, None),
        "floor: typer": ([sys.executable, "-c", "import typer"], empty, None),
        "floor: typer rich pydantic": ([sys.executable, "-c", UI_LIBRARIES], empty, None),
        "floor: + sqlalchemy.orm": ([sys.executable, "-c", DB_LIBRARIES], empty, None),
        "backstride --help": (backstride("--help"), empty, 3.0),
        "backstride exercises": (backstride("exercises"), empty, 5.0),
        "backstride today (empty)": (backstride("today"), empty, 8.0),
        f"backstride today ({options.history:,} runs)": (backstride("today"), history, 8.0),
        f"backstride runs ({options.history:,} runs)": (backstride("runs"), history, None),
    }
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for command, data_dir, _ in commands.values():
        time_once(command, data_dir)  # warm the caches; the first run also creates the database
    for _ in range(options.runs):
        for name, (command, data_dir, _) in commands.items():
            samples[name].append(time_once(command, data_dir))
    baseline = statistics.median(samples[BASELINE])
    print(f"{'command':32} {'median ms':>10} {'min ms':>8} {'x baseline':>11}  goal")
    for name, (_, _, goal) in commands.items():
        median = statistics.median(samples[name])
        ratio = median / baseline
        verdict = "" if goal is None else f"<= {goal:g}x {'ok' if ratio <= goal else 'OVER'}"
        print(f"{name:32} {median:10.1f} {min(samples[name]):8.1f} {ratio:11.2f}  {verdict}")
    print(f"({options.runs} runs each, {os.cpu_count()} cores, Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
