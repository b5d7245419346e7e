"""A queue worker killed with SIGKILL in the middle of a job: another worker finishes the job,
every file is reported once and every run is stored once (SQLite queue, and Redis when one
answers on 127.0.0.1:6379)."""

import signal
import time
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from api_calls import API
from upload_calls import upload_files
from web_client import sign_up, web_app
from worker_process import job_progress, redis_answers, start_worker, stop_worker, wait_for

ACTIVITIES = Path(__file__).parent / "data" / "activities"
DISTINCT = [
    ACTIVITIES / "fitparse_garmin-fenix-5-run.fit",
    ACTIVITIES / "fitparse_compressed-speed-distance.fit",
    ACTIVITIES / "runpandas_run_garmin_fr620.tcx",
    ACTIVITIES / "runpandas_garmin_connect_3pts.gpx",
]
SLOW = ACTIVITIES / "fitparse_developer-types-sample.fit"
"""The largest real run file here (3,424 records): repeated, it makes a job long enough to kill."""
REPEATS = 150
LEASE_S = "2"


def _history(folder: Path) -> Path:
    """A zip of real files: the distinct ones spread among many copies of one long run."""
    path = folder / "history.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for index in range(REPEATS):
            archive.write(SLOW, f"activities/{index:04d}_{SLOW.name}")
            if index % 35 == 34:
                extra = DISTINCT[index // 35]
                archive.write(extra, f"activities/{index:04d}_{extra.name}")
    return path


def _redis_env() -> dict[str, str]:
    if not redis_answers():
        pytest.skip("no Redis on 127.0.0.1:6379")
    # A database of its own and a queue name no other run uses; emptied at the end.
    return {"BACKSTRIDE_QUEUE_URL": "redis://127.0.0.1:6379/11"}


QUEUES: dict[str, Callable[[], dict[str, str]]] = {"sqlite": dict, "redis": _redis_env}


@pytest.mark.parametrize("queue", sorted(QUEUES))
def test_a_worker_killed_mid_job_leaves_nothing_lost_or_doubled(queue: str, tmp_path: Path) -> None:
    env = {**QUEUES[queue](), "BACKSTRIDE_JOB_LEASE_S": LEASE_S, "BACKSTRIDE_INLINE_IMPORT_MB": "0"}
    history = _history(tmp_path)
    try:
        _kill_and_resume(env, history)
    finally:
        if "BACKSTRIDE_QUEUE_URL" in env:
            import redis

            redis.Redis.from_url(env["BACKSTRIDE_QUEUE_URL"]).flushdb()


def _kill_and_resume(env: dict[str, str], history: Path) -> None:
    with web_app(None, "http://testserver", **env) as browser:
        sign_up(browser, f"anna-{uuid.uuid4().hex[:6]}")
        sent = upload_files(browser, [history])
        assert sent.status_code == 303, sent.text
        job_id = sent.headers["location"].rsplit("/", 1)[-1]
        total = REPEATS + len(DISTINCT)

        first = start_worker(env)
        try:
            wait_for(lambda: job_progress(job_id, env).items_done >= 10, 120, "a first file")
        finally:
            printed = stop_worker(first, signal.SIGKILL)
        killed_at = job_progress(job_id, env)
        assert killed_at.status == "running", printed
        assert 10 <= killed_at.items_done < total, "the job ended before the kill: make it longer"

        time.sleep(float(LEASE_S) + 0.5)  # the killed worker's lease runs out
        second = start_worker(env)
        try:
            wait_for(lambda: job_progress(job_id, env).finished, 180, "the job to finish")
        finally:
            printed = stop_worker(second)
        done = job_progress(job_id, env)
        assert done.status == "done", printed
        assert done.items_done == total == len(done.outcomes)
        paths = [outcome.path for outcome in done.outcomes]
        assert len(set(paths)) == total  # every file reported once
        kinds = [outcome.outcome for outcome in done.outcomes]
        assert kinds.count("imported") == 1 + len(DISTINCT), set(zip(paths, kinds, strict=True))
        assert kinds.count("duplicate") == REPEATS - 1
        runs = browser.get(f"{API}/runs?all=true").json()
        assert len(runs) == 1 + len(DISTINCT)  # each run stored once
        assert len({run["id"] for run in runs}) == len(runs)


def test_serve_imports_queued_uploads_itself_on_the_embedded_queue(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import httpx2
    from web_client import PASSWORD
    from web_server import served

    monkeypatch.setenv("BACKSTRIDE_INLINE_IMPORT_MB", "0")
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        for file in DISTINCT:
            archive.write(file, f"activities/{file.name}")
    with served() as (url, _), httpx2.Client(base_url=url) as browser:
        browser.get("/setup")
        token = browser.cookies["backstride_form"]
        origin = {"origin": url}
        fields = {"form_token": token, "login": "anna", "password": PASSWORD, "time_zone": "UTC"}
        assert browser.post("/setup", data=fields, headers=origin).status_code == 303
        sent = browser.post(
            "/runs/upload",
            data={"form_token": token},
            files=[("files", (export.name, export.read_bytes(), "application/zip"))],
            headers=origin,
        )
        assert sent.status_code == 303, sent.text
        job = sent.headers["location"]

        def imported() -> bool:
            return "Imported" in browser.get(f"{job}/progress").text

        wait_for(imported, 60, "serve's own consumer to import the job")
        assert len(browser.get(f"{API}/runs?all=true").json()) == len(DISTINCT)
