"""The web path of bench/import_bench.py: a history zipped, uploaded to `backstride serve` over
HTTP and imported by the queue (`backstride worker` on Redis, else serve's own consumer)."""

import os
import signal
import socket
import subprocess
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx2

REDIS_URL = "redis://127.0.0.1:6379/13"  # a database of its own, emptied before each run
POLL_S = 1.0  # about as often as a progress page asks


@dataclass(frozen=True, slots=True)
class WebImport:
    """One upload imported through the web app and its queue."""

    files: int
    done: int
    outcomes: dict[str, int]
    reasons: list[tuple[str, int]]
    upload_s: float
    seconds: float  # from the first byte sent to the job's end
    zip_bytes: int
    web_peak_kib: int
    worker_peak_kib: int
    queue: str


def redis_reachable() -> bool:
    """Whether a Redis answers at REDIS_URL (then a separate worker process is used)."""
    try:
        import redis

        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
        client.flushdb()
        client.close()
    except Exception:  # no Redis here: the embedded queue and serve's consumer
        return False
    return True


def zip_history(paths: list[Path], target: Path) -> int:
    """The files as one export zip (deflated, as exports are); its size."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in paths:
            archive.write(path, f"activities/{path.name}")
    return target.stat().st_size


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _tree(pid: int) -> list[int]:
    """The process and all its descendants (from /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(parents.get(current, []))
    return found


def peak_kib(pid: int) -> int:
    """The largest peak resident memory (VmHWM) of the process or any of its descendants."""
    peak = 0
    for member in _tree(pid):
        try:
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            continue
    return peak


@contextmanager
def _started(command: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _token(env: dict[str, str]) -> str:
    """A read-write API token of a fresh account, made in the served app's own database."""
    from backstride.config import load_settings
    from backstride.services.accounts import create_account
    from backstride.services.api_tokens import create_api_token
    from backstride.storage.database import Database

    settings = load_settings(env)
    database = Database(settings.effective_database_url, settings.limits)
    try:
        with database.transaction() as session:
            now = datetime.now(UTC)
            account = create_account(session, "bench", "a long bench password", now)
            return create_api_token(session, account, "bench", "read-write", now).secret
    finally:
        database.close()


def _wait_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx2.get(url + "/health", timeout=1)
            return
        except httpx2.TransportError:
            if process.poll() is not None:
                raise RuntimeError("backstride serve stopped at start-up") from None
            time.sleep(0.2)
    raise RuntimeError("backstride serve did not answer within 60 s")


def web_import(archive: Path, files: int, data_dir: Path, deadline_s: float) -> WebImport:
    """Upload the zip to a fresh `serve` and wait until the queue has imported it."""
    env = {**os.environ, "BACKSTRIDE_DATA_DIR": str(data_dir), "BACKSTRIDE_INLINE_IMPORT_MB": "0"}
    env.pop("BACKSTRIDE_DATABASE_URL", None)
    env.pop("BACKSTRIDE_QUEUE_URL", None)
    separate = redis_reachable()
    if separate:
        env["BACKSTRIDE_QUEUE_URL"] = REDIS_URL
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    serve = [sys.executable, "-m", "backstride", "serve", "--port", str(port)]
    worker = [sys.executable, "-m", "backstride", "worker", "--consumers", "1"]
    with _started(serve, env) as web:
        _wait_up(url, web)
        headers = {"authorization": f"Bearer {_token(env)}"}
        with _started(worker if separate else [sys.executable, "-c", "pass"], env) as queue:
            with httpx2.Client(base_url=url + "/api/v1", headers=headers, timeout=600) as client:
                started = time.perf_counter()
                with archive.open("rb") as body:
                    answer = client.post(
                        "/imports",
                        params={"name": archive.name},
                        content=body,
                        headers={
                            "content-type": "application/octet-stream",
                            "content-length": str(archive.stat().st_size),
                        },
                    )
                upload_s = time.perf_counter() - started
                if answer.status_code != 202:
                    raise RuntimeError(f"the upload answered {answer.status_code}: {answer.text}")
                job = _finished(client, answer.json()["id"], started + deadline_s)
                seconds = time.perf_counter() - started
            worker_kib = peak_kib(queue.pid) if separate else 0
        web_kib = peak_kib(web.pid)
    outcomes = Counter(o["outcome"] for o in job["outcomes"])
    reasons = Counter(f"{o['outcome']}: {o['reason']}" for o in job["outcomes"])
    reasons = Counter({k: v for k, v in reasons.items() if not k.startswith("imported")})
    return WebImport(
        files=files,
        done=job["files_done"],
        outcomes=dict(outcomes),
        reasons=reasons.most_common(3),
        upload_s=upload_s,
        seconds=seconds,
        zip_bytes=archive.stat().st_size,
        web_peak_kib=web_kib,
        worker_peak_kib=worker_kib,
        queue="Redis, `backstride worker`" if separate else "embedded, serve's consumer",
    )


def _finished(client: httpx2.Client, job_id: str, deadline: float) -> dict[str, Any]:
    while True:
        job: dict[str, Any] = client.get(f"/imports/{job_id}").json()
        if job["status"] not in ("queued", "running") or time.perf_counter() > deadline:
            return job
        time.sleep(POLL_S)
