"""Uploading runs in the browser: streamed to disk, capped, kept by digest, imported at once
when small and on the queue when large, each run's original downloadable by its runner only."""

import hashlib
import io
import zipfile
from pathlib import Path

from api_calls import API, RUN_FILE
from fastapi.testclient import TestClient
from upload_calls import upload_files
from web_client import PASSWORD, another_browser, post_form, sign_up, web_app

from backstride.config import Settings
from backstride.jobs.import_job import run_import_job
from backstride.services.import_words import outcome_totals
from backstride.services.imports import FileOutcome

ACTIVITIES = Path(__file__).parent / "data" / "activities"
GPX_FILE = ACTIVITIES / "runpandas_garmin_connect_3pts.gpx"
TCX_FILE = ACTIVITIES / "runpandas_run_garmin_fr620.tcx"
EXPORT_FILES = [
    RUN_FILE,
    ACTIVITIES / "fitparse_compressed-speed-distance.fit",
    ACTIVITIES / "fitparse_developer-types-sample.fit",
    TCX_FILE,
]


def _export_zip(folder: Path, files: list[Path] = EXPORT_FILES) -> Path:
    """A zip of real activity files, laid out as a watch export (a folder inside)."""
    path = folder / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            archive.write(file, f"activities/{file.name}")
        archive.writestr("README.txt", "not an activity")
    return path


def _settings(client: TestClient) -> Settings:
    found: Settings = client.app.state.settings  # type: ignore[attr-defined]
    return found


def _runs(client: TestClient) -> list[dict[str, object]]:
    found = client.get(f"{API}/runs?all=true")
    assert found.status_code == 200, found.text
    runs: list[dict[str, object]] = found.json()
    return runs


def test_a_small_upload_is_imported_at_once_with_the_clis_words() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        form = browser.get("/runs/upload")
        assert form.status_code == 200 and 'type="file" multiple' in form.text
        sent = upload_files(browser, [RUN_FILE, GPX_FILE])
        assert sent.status_code == 200, sent.text
        assert "imported 1 activity" in sent.text
        assert "2 files: 2 imported." in sent.text
        again = upload_files(browser, [RUN_FILE])
        assert "these bytes were imported before" in again.text
        assert "1 files: 1 duplicate." in again.text
        assert len(_runs(browser)) == 2


def test_the_totals_line_is_the_clis() -> None:
    outcomes = [
        FileOutcome("a.fit", "imported", "imported 1 activity", 1, 10),
        FileOutcome("b.fit", "duplicate", "these bytes were imported before", 0, 10),
        FileOutcome("c.txt", "skipped", "not an activity file", 0, 1),
    ]
    assert outcome_totals(outcomes) == "3 files: 1 imported, 1 duplicate, 1 skipped."


def test_originals_are_kept_by_digest_and_each_run_downloads_its_own(tmp_path: Path) -> None:
    export = _export_zip(tmp_path)
    with web_app() as browser:
        sign_up(browser, "anna")
        sent = upload_files(browser, [export, GPX_FILE])
        assert sent.status_code == 200, sent.text
        assert "not an activity file" in sent.text  # the README in the zip, as the CLI says it
        runs = _runs(browser)
        assert len(runs) == len(EXPORT_FILES) + 1
        kept = {p.name for p in (_settings(browser).data_dir / "originals").rglob("*")}
        assert hashlib.sha256(export.read_bytes()).hexdigest() in kept
        assert hashlib.sha256(GPX_FILE.read_bytes()).hexdigest() in kept
        wanted = {p.read_bytes() for p in [*EXPORT_FILES, GPX_FILE]}
        got = set()
        for run in runs:
            original = browser.get(f"/runs/{run['id']}/original")
            assert original.status_code == 200
            assert "attachment" in original.headers["content-disposition"]
            got.add(original.content)
        assert got == wanted
        ben = another_browser(browser)
        sign_up(ben, "ben")
        refused = ben.get(f"/runs/{runs[0]['id']}/original")
        assert refused.status_code == 404
        assert not (_settings(browser).data_dir / "uploads").exists() or not list(
            (_settings(browser).data_dir / "uploads").iterdir()
        )


def test_an_upload_past_the_cap_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    big = tmp_path / "big.gpx"
    big.write_bytes(b" " * (1024**2 + 10))
    with web_app(BACKSTRIDE_MAX_UPLOAD_MB="1") as browser:
        sign_up(browser, "anna")
        refused = upload_files(browser, [GPX_FILE, big])
        assert refused.status_code == 413
        assert "larger than the limit of 1 MB (BACKSTRIDE_MAX_UPLOAD_MB)" in refused.text
        staging = _settings(browser).data_dir / "uploads"
        assert list(staging.iterdir()) == []
        assert not (_settings(browser).data_dir / "originals").exists()
        assert _runs(browser) == []


def test_an_upload_without_its_form_token_is_refused_and_not_kept() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        refused = browser.post(
            "/runs/upload",
            data={"form_token": "not the token"},
            files=[("files", (RUN_FILE.name, RUN_FILE.read_bytes(), "application/octet-stream"))],
            headers={"origin": str(browser.base_url)},
        )
        assert refused.status_code == 403
        assert list((_settings(browser).data_dir / "uploads").iterdir()) == []
        assert _runs(browser) == []


def test_a_large_upload_becomes_a_job_with_progress_outcomes_and_a_reload(tmp_path: Path) -> None:
    export = _export_zip(tmp_path)
    with web_app(BACKSTRIDE_INLINE_IMPORT_MB="0") as browser:
        sign_up(browser, "anna")
        sent = upload_files(browser, [export])
        assert sent.status_code == 303, sent.text
        job_path = sent.headers["location"]
        job_id = job_path.rsplit("/", 1)[-1]
        waiting = browser.get(job_path)
        assert "Waiting for a worker" in waiting.text
        assert f'hx-get="/runs/jobs/{job_id}/progress"' in waiting.text
        assert "Cancel the import" in waiting.text
        assert _runs(browser) == []
        run_import_job(_settings(browser), job_id)
        done = browser.get(f"{job_path}/progress")
        assert "Imported" in done.text and "hx-trigger" not in done.text
        assert "5 of 5 files read" in done.text
        assert "5 files: 4 imported, 1 skipped." in done.text
        assert "Cancel the import" not in done.text
        assert len(_runs(browser)) == len(EXPORT_FILES)
        assert "Imported" in browser.get(job_path).text  # a reload shows it as it stands
        run_import_job(_settings(browser), job_id)  # a second delivery changes nothing
        assert len(_runs(browser)) == len(EXPORT_FILES)
        ben = another_browser(browser)
        sign_up(ben, "ben")
        for path in (job_path, f"{job_path}/progress"):
            assert ben.get(path).status_code == 404
        assert post_form(ben, f"{job_path}/cancel").status_code == 404


def test_a_cancelled_job_stores_nothing_more(tmp_path: Path) -> None:
    export = _export_zip(tmp_path)
    with web_app(BACKSTRIDE_INLINE_IMPORT_MB="0") as browser:
        sign_up(browser, "anna")
        job_path = upload_files(browser, [export]).headers["location"]
        cancelled = post_form(browser, f"{job_path}/cancel")
        assert cancelled.status_code == 303
        page = browser.get(job_path)
        assert "Cancelled" in page.text and "Cancel the import" not in page.text
        run_import_job(_settings(browser), job_path.rsplit("/", 1)[-1])
        assert _runs(browser) == []


def test_the_api_imports_small_bodies_at_once_and_queues_large_ones(tmp_path: Path) -> None:
    export = _export_zip(tmp_path)
    with web_app(BACKSTRIDE_INLINE_IMPORT_MB="0") as browser:
        sign_up(browser, "anna")
        token = browser.cookies["backstride_form"]
        headers = {"x-form-token": token, "content-type": "application/octet-stream"}
        queued = browser.post(
            f"{API}/imports",
            params={"name": export.name},
            content=io.BytesIO(export.read_bytes()).read(),
            headers=headers,
        )
        assert queued.status_code == 202, queued.text
        job = queued.json()
        assert job["status"] == "queued" and job["bytes_total"] == export.stat().st_size
        run_import_job(_settings(browser), job["id"])
        after = browser.get(f"{API}/imports/{job['id']}").json()
        assert after["status"] == "done"
        assert after["files_done"] == after["files_total"] == len(EXPORT_FILES) + 1
        assert [o["outcome"] for o in after["outcomes"]].count("imported") == len(EXPORT_FILES)
        stopped = browser.post(f"{API}/imports/{job['id']}/cancel", headers=headers)
        assert stopped.status_code == 200 and stopped.json()["status"] == "done"
    with web_app() as browser:
        sign_up(browser, "bea")
        headers = {
            "x-form-token": browser.cookies["backstride_form"],
            "content-type": "application/octet-stream",
        }
        small = browser.post(
            f"{API}/imports",
            params={"name": GPX_FILE.name},
            content=GPX_FILE.read_bytes(),
            headers=headers,
        )
        assert small.status_code == 200 and small.json()[0]["outcome"] == "imported"


def test_deleting_ones_data_removes_the_kept_originals() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        assert upload_files(browser, [RUN_FILE]).status_code == 200
        originals = _settings(browser).data_dir / "originals"
        assert len(list(originals.rglob("*"))) == 2  # the runner's folder and the file
        deleted = post_form(browser, "/account/delete", password=PASSWORD)
        assert deleted.status_code == 303, deleted.text
        assert list(originals.rglob("*")) == []


def test_a_run_inside_a_zip_inside_the_export_downloads_as_its_own_file(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.write(TCX_FILE, TCX_FILE.name)
    outer = tmp_path / "garmin-export.zip"
    with zipfile.ZipFile(outer, "w") as archive:
        archive.writestr("DI_CONNECT/UploadedFiles_0-_Part1.zip", inner.getvalue())
    with web_app() as browser:
        sign_up(browser, "anna")
        assert "imported 1 activity" in upload_files(browser, [outer]).text
        (run,) = _runs(browser)
        original = browser.get(f"/runs/{run['id']}/original")
        assert original.status_code == 200
        assert original.content == TCX_FILE.read_bytes()
        assert TCX_FILE.name in original.headers["content-disposition"]


def _many_files_zip(folder: Path, copies: int) -> Path:
    path = folder / "many.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for index in range(copies):
            archive.write(GPX_FILE, f"activities/{index:03d}-{GPX_FILE.name}")
        archive.writestr("README.txt", "not an activity")
    return path


def test_a_running_job_lists_its_latest_files_and_a_finished_one_every_file(
    tmp_path: Path,
) -> None:
    """An export holds thousands of files and the page asks every second: while it runs, the
    page lists the latest ten; once done, the files not imported, then every file folded."""
    from datetime import UTC, datetime, timedelta

    from backstride.jobs.import_job import job_database
    from backstride.jobs.kept_files import kept_file, read_kept
    from backstride.services.context import Action
    from backstride.services.import_jobs import claim_import_job, job_runner, store_job_item

    with web_app(BACKSTRIDE_INLINE_IMPORT_MB="0") as browser:
        sign_up(browser, "anna")
        settings = _settings(browser)
        job_path = upload_files(browser, [_many_files_zip(tmp_path, 59)]).headers["location"]
        job_id = job_path.rsplit("/", 1)[-1]
        with job_database(settings).transaction() as session:  # a worker 12 files in
            runner_id = job_runner(session, job_id)
            assert runner_id is not None
            then = datetime.now(UTC) - timedelta(minutes=5)
            action = Action(session, runner_id, runner_id, then, UTC)
            claim = claim_import_job(action, job_id, "3" * 36, timedelta(0), lambda _: 60)
            assert claim is not None
            upload = claim.files[0]
            kept = kept_file(settings.data_dir, runner_id, upload)
            assert kept is not None
            for _, read in zip(range(12), read_kept(kept, settings.limits), strict=False):
                assert store_job_item(action, job_id, "3" * 36, read, upload)
        running = browser.get(f"{job_path}/progress").text
        assert "12 of 60 files read" in running and "The latest files read" in running
        assert running.count('<td class="file">') == 10
        assert "000-" not in running and "011-" in running  # the newest, not the first
        run_import_job(settings, job_id)  # another worker takes the quiet job on to its end
        done = browser.get(f"{job_path}/progress").text
        assert "60 files: 1 imported, 58 duplicates, 1 skipped." in done
        problems = done[done.index("Files not imported") : done.index("Every file (60)")]
        assert problems.count('<td class="file">') == 1 and "README.txt" in problems
        assert '<details class="every-file">' in done  # folded: more than 50 files
        assert done.count('<td class="file">') == 61
