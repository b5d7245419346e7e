"""A real `backstride serve` for tests: its own process group, on loopback, stopped at the end."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2
import pytest

from backstride.services.context import Action


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def served(*args: str) -> Iterator[tuple[str, list[str]]]:
    """The CLI's `serve` in its own process group, stopped (all workers) at the end."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "backstride", "serve", "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ},
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx2.get(url + "/static/style.css", timeout=1)
                break
            except httpx2.TransportError:
                assert process.poll() is None, "backstride serve stopped at start-up"
                time.sleep(0.2)
        else:
            pytest.fail("backstride serve did not answer within 60 s")
        printed: list[str] = []
        yield url, printed
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            out, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            out, _ = process.communicate()
        if "printed" in locals():
            printed.append(out)


@contextmanager
def served_action(login: str) -> Iterator[Action]:
    """One transaction acting as an account of the served app, in that app's own database."""
    from datetime import UTC, datetime

    from backstride.config import load_settings
    from backstride.storage.accounts import account_by_login
    from backstride.storage.database import Database

    settings = load_settings()
    database = Database(settings.effective_database_url, settings.limits)
    try:
        with database.transaction() as session:
            found = account_by_login(session, login)
            assert found is not None
            user_id = found[0].user_id
            yield Action(session, user_id, user_id, datetime.now(UTC))
    finally:
        database.close()


def screen_directly(login: str, answers: dict[str, object]) -> None:
    """Store a screening for an account of the served app, through the service, in its database."""
    from backstride.domain.screening import screen
    from backstride.domain.screening_answers import ScreeningAnswers
    from backstride.services.screening import record_screening

    with served_action(login) as action:
        record_screening(action, screen(ScreeningAnswers.model_validate(answers)), "screen")


def queue_import_directly(login: str, path: Path) -> str:
    """Queue an import job of one file for an account of the served app (never run here)."""
    import hashlib

    from backstride.services.import_jobs import start_import_job
    from backstride.services.uploads import Upload

    data = path.read_bytes()
    kept = Upload(path.name, hashlib.sha256(data).hexdigest(), len(data))
    with served_action(login) as action:
        return start_import_job(action, [kept])
