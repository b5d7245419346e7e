"""The web app under load on loopback: each page against a hello endpoint of the same app.

Usage: .venv/bin/python bench/web_bench.py [--seconds 8] [--workers 1] [--runs 5000]
       [--pages /runs,/runs/{run_id},/load]  (only these, after the baseline and the floor)
Needs wrk (Debian: apt-get install wrk). Starts `backstride serve` on a free loopback port with
a fresh data folder, signs up a runner with a calm screening, 60 days of pain entries and a
history of synthetic runs (one a day, stored through the storage layer as an import would), then
runs wrk for a few seconds per endpoint: /health (the baseline: same app, no database), then
each page, at 32 connections, and again at 64 for errors. The first row after the baseline,
/api/v1/profile, is the floor any signed-in request pays (session lookup, one read): no page
can beat it. Prints requests per second, the ratio
to the baseline, p99 latency and errors, beside the goal of issue 15 (>= 0.25x the baseline,
p99 < 50 ms, 0 errors at 64 connections; issue 17 asks the same of the runs list, a run's page
and the load page on a 5,000-run history). Bounded: loopback only, a fixed time per endpoint.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import httpx2

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from screening_base import CALM  # noqa: E402  (the suite's calm answers)
from web_server import served  # noqa: E402

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from backstride.domain.activity import Activity

PASSWORD = "a calm back on long runs"
# The floor for any signed-in request: the session looked up, one small read, a little JSON.
FLOOR = "/api/v1/profile"
PAGES = [
    FLOOR,
    "/today",
    "/routine",
    "/exercises",
    "/pain",
    "/api/v1/routine",
    "/api/v1/exercises",
    "/api/v1/pain-entries",
    "/runs",
    "/runs/{run_id}",
    "/load",
]
RUN_SAMPLES = 120
"""Samples a synthetic run carries: one every 30 s of an hour, with a track to draw."""
GOAL_RATIO, GOAL_P99_MS = 0.25, 50.0


def wrk(url: str, cookie: str, connections: int, seconds: int) -> tuple[float, float, int]:
    """Requests per second, p99 in ms and non-2xx/3xx or socket errors, from one wrk run."""
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            f"Cookie: {cookie}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99_value, p99_unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    p99 = float(p99_value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99_unit]
    errors = 0
    for pattern in (
        r"Non-2xx or 3xx responses: (\d+)",
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
    ):
        found = re.search(pattern, out)
        if found:
            errors += sum(int(g) for g in found.groups())
    return rps, p99, errors


def settle(address: str, cookie: str) -> None:
    """Wait until the server has worked off what the last endpoint's clients left queued.

    Requests still queued when wrk stops are answered after it; one request that waits its
    turn shows the queue is empty, so the next endpoint is not charged for the last one.
    """
    httpx2.get(address, headers={"cookie": cookie}, timeout=300)


def synthetic_run(start: datetime, index: int) -> "Activity":
    """An hour's run of 8-12 km with heart rate, cadence and a loop of positions."""
    import math

    from backstride.domain.activity import Activity, Sample

    km = 8 + index % 5
    samples = tuple(
        Sample(
            t_s=i * 30.0,
            distance_m=km * 1000 * i / (RUN_SAMPLES - 1),
            heart_rate_bpm=135 + (i * 7 + index) % 25,
            cadence_spm=float(160 + (i + index) % 15),
            altitude_m=100 + 10 * math.sin(i / 9),
            latitude=51.5 + 0.01 * math.sin(2 * math.pi * i / RUN_SAMPLES),
            longitude=-0.1 + 0.015 * math.cos(2 * math.pi * i / RUN_SAMPLES),
        )
        for i in range(RUN_SAMPLES)
    )
    elapsed = samples[-1].t_s
    return Activity("bench.fit", "running", None, start, 0, elapsed, km * 1000.0, samples)


def store_runs(session: "Session", user: str, count: int, now: datetime) -> None:
    """`count` runs, one a day back from yesterday, each with its metrics as an import has."""
    import hashlib

    from backstride.domain.activity_metrics import metrics
    from backstride.storage.activities import save_activity

    for index in range(count):
        start = (now - timedelta(days=count - index)).replace(hour=7, minute=0, second=0)
        run = synthetic_run(start, index)
        key = hashlib.sha256(f"bench-run-{index}".encode()).hexdigest()
        save_activity(session, user, run, metrics(run), key)


def prepare(url: str, runs: int) -> str:
    """Sign up the admin, store a calm screening, 60 mornings of pain and `runs` runs; the
    session cookie."""
    from web_server import screen_directly

    from backstride.config import load_settings
    from backstride.services.context import Action
    from backstride.services.pain import log_pain
    from backstride.storage.accounts import account_by_login
    from backstride.storage.database import Database

    with httpx2.Client(base_url=url) as client:
        client.get("/", follow_redirects=True)
        token = client.cookies["backstride_form"]
        client.post(
            "/setup",
            data={"login": "bench", "password": PASSWORD, "form_token": token},
            headers={"origin": url},
        )
        cookie = client.cookies["backstride_session"]
    screen_directly("bench", CALM)
    settings = load_settings()
    database = Database(settings.effective_database_url, settings.limits)
    now = datetime.now(UTC)
    with database.transaction() as session:
        found = account_by_login(session, "bench")
        assert found is not None
        user = found[0].user_id
        for day in range(60, 0, -1):
            moment = now - timedelta(days=day)
            log_pain(Action(session, user, user, moment), 2 + day % 3, "morning")
        store_runs(session, user, runs, now)
    database.close()
    return f"backstride_session={cookie}"


def main() -> None:
    """Start the app, fill it, load each endpoint in turn, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5000, help="synthetic runs in the history")
    parser.add_argument("--pages", default="", help="comma-separated pages to load (default all)")
    options = parser.parse_args()
    chosen = [p for p in options.pages.split(",") if p]
    unknown = [p for p in chosen if p not in PAGES]
    if unknown:
        sys.exit(f"--pages: {', '.join(unknown)} not among {', '.join(PAGES)}")
    pages = [FLOOR, *(p for p in PAGES if p in chosen and p != FLOOR)] if chosen else PAGES
    if shutil.which("wrk") is None:
        sys.exit("bench/web_bench.py needs wrk: apt-get install wrk")
    os.environ["BACKSTRIDE_DATA_DIR"] = tempfile.mkdtemp(prefix="backstride-web-bench-")
    os.environ.pop("BACKSTRIDE_DATABASE_URL", None)
    with served("--workers", str(options.workers)) as (url, _):
        cookie = prepare(url, options.runs)
        with httpx2.Client(base_url=url, headers={"cookie": cookie}) as client:
            found = re.search(r'href="/runs/([0-9a-f-]{36})"', client.get("/runs").text)
            ids = {"run_id": found.group(1) if found else "none"}
            present = [p for p in pages if client.get(p.format(**ids)).status_code == 200]
        base_rps, base_p99, base_errors = wrk(url + "/health", cookie, 32, options.seconds)
        print(f"{'endpoint':26} {'req/s':>8} {'x hello':>8} {'p99 ms':>8} {'errors@64':>10}  goal")
        print(
            f"{'/health (baseline)':26} {base_rps:8.0f} {1:8.2f} {base_p99:8.1f} {base_errors:10d}"
        )
        for path in pages:
            if path not in present:
                print(f"{path:26} {'(not built yet)':>8}")
                continue
            address = url + path.format(**ids)
            settle(address, cookie)
            rps, p99, errors = wrk(address, cookie, 32, options.seconds)
            _, _, errors64 = wrk(address, cookie, 64, max(2, options.seconds // 2))
            ratio = rps / base_rps
            ok = ratio >= GOAL_RATIO and p99 < GOAL_P99_MS and errors + errors64 == 0
            verdict = "ok" if ok else "OVER"
            name = f"{path} (floor)" if path == FLOOR else path
            print(f"{name:26} {rps:8.0f} {ratio:8.2f} {p99:8.1f} {errors64:10d}  {verdict}")
    print(
        f"({options.seconds} s per endpoint, wrk -t2 -c32, {options.workers} worker(s), "
        f"{os.cpu_count()} cores, loopback, {options.runs} runs in the history)"
    )


if __name__ == "__main__":
    main()
