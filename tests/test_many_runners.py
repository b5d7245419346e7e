"""Many runners, many machines' worth of processes: PostgreSQL, Redis, `serve --workers 2` and
two `backstride worker` processes; 20 runners upload their exports at once (each twice, so two
jobs race on the same runs), and every run is stored once. The commands are the README's
"Running for many" section. Then 64 clients, signed in as those runners, read their pages for
60 s and meet no error."""

import time
import uuid
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx2
import pytest
from conftest import on_postgres
from web_client import PASSWORD
from web_server import served
from worker_process import redis_answers, start_worker, stop_worker

ACTIVITIES = Path(__file__).parent / "data" / "activities"
EXPORT = [
    ACTIVITIES / "fitparse_garmin-fenix-5-run.fit",
    ACTIVITIES / "fitparse_compressed-speed-distance.fit",
    ACTIVITIES / "fitparse_developer-types-sample.fit",
    ACTIVITIES / "runpandas_run_garmin_fr620.tcx",
    ACTIVITIES / "runpandas_garmin_connect_3pts.gpx",
]
RUNNERS = 20
AT_ONCE = 10
"""Runners uploading at the same moment (bounded: a loopback test, not a load test)."""
QUEUE_URL = "redis://127.0.0.1:6379/14"
READERS = 64
READING_S = 60.0
"""64 clients reading pages for 60 s (issue 17): loopback only, bounded in count and time."""
PAGES = ("/today", "/runs", "/load", "/pain", "/plan", "/api/v1/runs", "/api/v1/load")

pytestmark = pytest.mark.skipif(
    not on_postgres() or not redis_answers(),
    reason="needs PostgreSQL (BACKSTRIDE_TEST_POSTGRES_URL) and Redis on 127.0.0.1:6379",
)


def _export(folder: Path) -> Path:
    path = folder / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in EXPORT:
            archive.write(file, f"activities/{file.name}")
    return path


def _runner(url: str, export: Path) -> Callable[[], tuple[str, list[str], list[object]]]:
    def run() -> tuple[str, list[str], list[object]]:
        login = f"runner-{uuid.uuid4().hex[:8]}"
        with httpx2.Client(base_url=url, timeout=60) as browser:
            browser.get("/register")
            token = browser.cookies["backstride_form"]
            origin = {"origin": url}
            fields = {"form_token": token, "login": login, "password": PASSWORD}
            signed = browser.post("/register", data={**fields, "time_zone": "UTC"}, headers=origin)
            assert signed.status_code == 303, signed.text
            jobs = []
            with ThreadPoolExecutor(2) as twice:  # the same export sent twice at once
                sent = list(twice.map(lambda _: _upload(browser, export, token, url), range(2)))
            for response in sent:
                assert response.status_code == 303, response.text
                jobs.append(response.headers["location"].rsplit("/", 1)[-1])
            deadline = time.monotonic() + 240
            while time.monotonic() < deadline:
                states = [browser.get(f"/api/v1/imports/{job}").json() for job in jobs]
                if all(state["status"] == "done" for state in states):
                    break
                time.sleep(0.5)
            runs = browser.get("/api/v1/runs?all=true").json()
            return login, [str(state["status"]) for state in states], [states, runs]

    return run


def _reader(url: str, login: str, until: float) -> tuple[int, list[str]]:
    """One client signed in as a runner, reading their pages (and a run's) until the time."""
    done, errors = 0, []
    with httpx2.Client(base_url=url, timeout=60) as browser:
        browser.get("/login")
        fields = {"form_token": browser.cookies["backstride_form"], "login": login}
        signed = browser.post(
            "/login", data={**fields, "password": PASSWORD}, headers={"origin": url}
        )
        assert signed.status_code == 303, signed.text
        run_id = browser.get("/api/v1/runs?all=true").json()[0]["id"]
        pages = [*PAGES, f"/runs/{run_id}"]
        while time.monotonic() < until:
            path = pages[done % len(pages)]
            try:
                answer = browser.get(path)
                if answer.status_code != 200:
                    errors.append(f"{path}: {answer.status_code}")
            except httpx2.HTTPError as error:
                errors.append(f"{path}: {type(error).__name__}")
            done += 1
    return done, errors


def _read_for(url: str, logins: list[str]) -> tuple[int, list[str]]:
    until = time.monotonic() + READING_S
    with ThreadPoolExecutor(READERS) as pool:
        found = list(
            pool.map(lambda i: _reader(url, logins[i % len(logins)], until), range(READERS))
        )
    return sum(done for done, _ in found), [error for _, errors in found for error in errors]


def _upload(browser: httpx2.Client, export: Path, token: str, url: str) -> httpx2.Response:
    return browser.post(
        "/runs/upload",
        data={"form_token": token},
        files=[("files", (export.name, export.read_bytes(), "application/zip"))],
        headers={"origin": url},
    )


def test_twenty_runners_upload_at_once_each_run_stored_once_then_64_read_without_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import redis

    monkeypatch.setenv("BACKSTRIDE_QUEUE_URL", QUEUE_URL)
    monkeypatch.setenv("BACKSTRIDE_INLINE_IMPORT_MB", "0")
    export = _export(tmp_path)
    env: dict[str, str] = {}
    workers = []
    try:
        with served("--workers", "2") as (url, _):
            with httpx2.Client(base_url=url) as admin:
                admin.get("/setup")
                token = admin.cookies["backstride_form"]
                fields = {"form_token": token, "login": "admin", "password": PASSWORD}
                made = admin.post(
                    "/setup", data={**fields, "time_zone": "UTC"}, headers={"origin": url}
                )
                assert made.status_code == 303
            workers = [start_worker(env), start_worker(env)]
            with ThreadPoolExecutor(AT_ONCE) as pool:
                results = list(pool.map(lambda run: run(), [_runner(url, export)] * RUNNERS))
            read, errors = _read_for(url, [login for login, _, _ in results])
    finally:
        printed = [stop_worker(worker) for worker in workers]
        redis.Redis.from_url(QUEUE_URL).flushdb()
    assert len(results) == RUNNERS
    for login, statuses, (states, runs) in results:
        assert statuses == ["done", "done"], (login, states, printed)
        assert isinstance(runs, list) and len(runs) == len(EXPORT), (login, runs)
        assert len({run["id"] for run in runs}) == len(EXPORT)
        assert isinstance(states, list)
        outcomes = [o["outcome"] for state in states for o in state["outcomes"]]
        assert sorted(outcomes) == sorted(
            ["imported"] * len(EXPORT) + ["duplicate"] * len(EXPORT)
        ), (
            login,
            states,
        )
    print(f"{READERS} clients read {read} pages in {READING_S:.0f} s: {len(errors)} errors")
    assert read > READERS and errors == [], errors[:20]
