"""`backstride worker` for tests: a real process group on the test's data folder and queue."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from backstride.config import load_settings
from backstride.services.import_jobs import JobProgress


def start_worker(env: dict[str, str], consumers: int = 1) -> subprocess.Popen[str]:
    """Start `backstride worker` in its own process group (so its consumers go with it)."""
    return subprocess.Popen(
        [sys.executable, "-m", "backstride", "worker", "--consumers", str(consumers)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **env},
        start_new_session=True,
    )


def stop_worker(process: subprocess.Popen[str], sig: int = signal.SIGTERM) -> str:
    """Stop a worker's whole process group and return what it printed."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        out, _ = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, _ = process.communicate()
    return out


@contextmanager
def running_worker(env: dict[str, str], consumers: int = 1) -> Iterator[subprocess.Popen[str]]:
    """A worker for the length of a block."""
    process = start_worker(env, consumers)
    try:
        yield process
    finally:
        stop_worker(process)


def job_progress(job_id: str, env: dict[str, str]) -> JobProgress:
    """A job's progress read straight from the database, as its runner would see it."""
    from datetime import UTC, datetime

    from backstride.services.context import Action
    from backstride.services.import_jobs import import_job_progress, job_runner
    from backstride.storage.database import Database

    settings = load_settings({**os.environ, **env})
    database = Database(settings.effective_database_url, settings.limits)
    try:
        with database.transaction(write=False) as session:
            runner = job_runner(session, job_id)
            assert runner is not None
            return import_job_progress(Action(session, runner, runner, datetime.now(UTC)), job_id)
    finally:
        database.close()


def wait_for(test: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Poll `test()` until it is true (bounded)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if test():
            return
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting {timeout_s:.0f} s for {what}")


def redis_answers() -> bool:
    """Whether a Redis server listens on 127.0.0.1:6379. CI sets BACKSTRIDE_REQUIRE_REDIS
    (and starts Redis): there a missing Redis fails the test run instead of skipping."""
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        if os.environ.get("BACKSTRIDE_REQUIRE_REDIS"):
            raise AssertionError("BACKSTRIDE_REQUIRE_REDIS is set but no Redis answers") from None
        return False
