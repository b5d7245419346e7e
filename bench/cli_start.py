"""Start-up time of the CLI, against a bare `python -c pass` measured in the same run.

Usage: .venv/bin/python bench/cli_start.py [--runs N]
Prints the median wall time of each command over N runs and its ratio to the baseline.
The goal (issue 2) is `backstride --help` and `backstride exercises` under 300 ms.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

COMMANDS: dict[str, list[str]] = {
    "python -c pass (baseline)": [sys.executable, "-c", "pass"],
    "backstride --help": [sys.executable, "-m", "backstride", "--help"],
    "backstride exercises": [sys.executable, "-m", "backstride", "exercises"],
    "backstride exercises show plank": [
        sys.executable,
        "-m",
        "backstride",
        "exercises",
        "show",
        "plank",
    ],
    "backstride exercises --json": [sys.executable, "-m", "backstride", "exercises", "--json"],
}
GOAL_MS = 300.0


def time_once(command: list[str]) -> float:
    """Wall time of one run of the command, in milliseconds."""
    started = time.perf_counter()
    subprocess.run(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
        env={**os.environ, "COLUMNS": "100"},
    )
    return (time.perf_counter() - started) * 1000


def main() -> None:
    """Time each command, interleaved so drift in machine load hits them all alike."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    samples: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for command in COMMANDS.values():
        time_once(command)  # warm the file cache and the bytecode cache
    for _ in range(runs):
        for name, command in COMMANDS.items():
            samples[name].append(time_once(command))
    baseline = statistics.median(samples["python -c pass (baseline)"])
    print(f"{'command':34} {'median ms':>10} {'min ms':>8} {'x baseline':>11}  goal")
    for name, values in samples.items():
        median = statistics.median(values)
        verdict = "" if "baseline" in name else ("ok" if median < GOAL_MS else "OVER")
        print(f"{name:34} {median:10.1f} {min(values):8.1f} {median / baseline:11.2f}  {verdict}")
    print(f"({runs} runs each, {os.cpu_count()} cores, Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
