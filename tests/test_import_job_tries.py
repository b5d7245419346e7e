"""A job that breaks every worker ends as failed, with the reason, instead of being handed on
for ever; a job that stores files between tries keeps going."""

import uuid
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from api_calls import API, RUN_FILE
from fastapi.testclient import TestClient
from upload_calls import upload_files
from web_client import sign_up, web_app

from backstride.config import Settings
from backstride.jobs.import_job import job_database, run_import_job
from backstride.services.context import Action
from backstride.services.import_jobs import TRIES, claim_import_job, job_runner
from backstride.storage.tables import ImportJobRow

ACTIVITIES = Path(__file__).parent / "data" / "activities"


def _queued(client: TestClient, folder: Path) -> tuple[Settings, str]:
    export = folder / "export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.write(RUN_FILE, f"activities/{RUN_FILE.name}")
        archive.write(ACTIVITIES / "runpandas_run_garmin_fr620.tcx", "activities/b.tcx")
    sent = upload_files(client, [export])
    assert sent.status_code == 303, sent.text
    settings: Settings = client.app.state.settings  # type: ignore[attr-defined]
    return settings, sent.headers["location"].rsplit("/", 1)[-1]


def _job(client: TestClient, job_id: str) -> dict[str, object]:
    found = client.get(f"{API}/imports/{job_id}")
    assert found.status_code == 200, found.text
    job: dict[str, object] = found.json()
    return job


def test_a_job_whose_disk_fails_every_try_ends_failed_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk fault cannot be made here (root reads everything), so one is injected where the
    worker counts the kept upload's files: outside any one file's own error boundary."""

    def broken_disk(*_: object) -> int:
        raise OSError(5, "Input/output error")

    with web_app(BACKSTRIDE_INLINE_IMPORT_MB="0") as browser:
        sign_up(browser, "anna")
        settings, job_id = _queued(browser, tmp_path)
        monkeypatch.setattr("backstride.jobs.import_job.planned", broken_disk)
        for _ in range(TRIES - 1):
            run_import_job(settings, job_id)
            job = _job(browser, job_id)
            assert job["status"] == "queued" and job["error"] is None, job
        run_import_job(settings, job_id)
        job = _job(browser, job_id)
        assert job["status"] == "failed", job
        assert f"stopped after {TRIES} tries with no file stored" in str(job["error"])
        assert "Input/output error" in str(job["error"])
        page = browser.get(f"/runs/jobs/{job_id}")
        assert "Stopped by an error" in page.text and "Input/output error" in page.text
        assert "hx-trigger" not in page.text and "Cancel the import" not in page.text
        monkeypatch.undo()
        run_import_job(settings, job_id)  # a late delivery leaves a failed job as it is
        assert _job(browser, job_id)["status"] == "failed"
        assert browser.get(f"{API}/runs?all=true").json() == []


def _claim_and_die(settings: Settings, job_id: str) -> None:
    """A worker that took the job two minutes ago and was killed before it stored anything."""
    with job_database(settings).transaction() as session:
        runner_id = job_runner(session, job_id)
        assert runner_id is not None
        then = datetime.now(UTC) - timedelta(minutes=2)
        action = Action(session, runner_id, runner_id, then, UTC)
        claim = claim_import_job(action, job_id, str(uuid.uuid4()), timedelta(0), lambda _: 2)
        assert claim is not None


def test_a_job_that_kills_its_worker_each_time_is_given_up(tmp_path: Path) -> None:
    with web_app(BACKSTRIDE_INLINE_IMPORT_MB="0") as browser:
        sign_up(browser, "anna")
        settings, job_id = _queued(browser, tmp_path)
        for _ in range(TRIES):
            _claim_and_die(settings, job_id)
        run_import_job(settings, job_id)
        job = _job(browser, job_id)
        assert job["status"] == "failed" and job["files_done"] == 0, job
        assert "killed, or out of memory" in str(job["error"])


def test_a_job_storing_files_between_tries_is_not_given_up(tmp_path: Path) -> None:
    with web_app(BACKSTRIDE_INLINE_IMPORT_MB="0") as browser:
        sign_up(browser, "anna")
        settings, job_id = _queued(browser, tmp_path)
        for _ in range(TRIES - 1):
            _claim_and_die(settings, job_id)
        run_import_job(settings, job_id)  # the last try left: it runs to the end
        job = _job(browser, job_id)
        assert job["status"] == "done" and job["files_done"] == 2 and job["error"] is None, job
        assert len(browser.get(f"{API}/runs?all=true").json()) == 2


def _nested_export(folder: Path) -> Path:
    """A Garmin-like export: one zip holding a zip of three activity files, and one file."""
    inner = folder / "UploadedFiles_0-_Part1.zip"
    with zipfile.ZipFile(inner, "w") as archive:
        archive.write(ACTIVITIES / "fitparse_garmin-fenix-5-run.fit", "a.fit")
        archive.write(ACTIVITIES / "runpandas_garmin_connect_3pts.gpx", "b.gpx")
        archive.write(ACTIVITIES / "runpandas_run_garmin_fr620.tcx", "c.tcx")
    empty = folder / "empty.zip"
    with zipfile.ZipFile(empty, "w"):
        pass
    export = folder / "export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.write(inner, f"DI_CONNECT/DI-Connect-Uploaded-Files/{inner.name}")
        archive.write(empty, "DI_CONNECT/empty.zip")
        archive.write(RUN_FILE, f"activities/{RUN_FILE.name}")
    return export


def test_a_zip_inside_the_upload_brings_the_count_to_the_true_total(tmp_path: Path) -> None:
    from backstride.importers.any_file import EMPTY_ZIP, read_any

    export = _nested_export(tmp_path)
    items = list(read_any(export.name, export.read_bytes()))
    assert [item.adds_items for item in items] == [2, 0, 0, 0, 0]
    assert items[3].outcome == "skipped" and items[3].reason == EMPTY_ZIP
    with web_app(BACKSTRIDE_INLINE_IMPORT_MB="0") as browser:
        sign_up(browser, "anna")
        sent = upload_files(browser, [export])
        assert sent.status_code == 303, sent.text
        settings: Settings = browser.app.state.settings  # type: ignore[attr-defined]
        job_id = sent.headers["location"].rsplit("/", 1)[-1]
        run_import_job(settings, job_id)
        job = _job(browser, job_id)
        assert job["status"] == "done", job
        assert (job["files_done"], job["files_total"]) == (5, 5), job
        # The upload lists three files; the zip inside it holds three: five outcomes in all,
        # and the stored count says so itself (the page does not lean on files_done).
        with job_database(settings).transaction(write=False) as session:
            row = session.get(ImportJobRow, job_id)
            assert row is not None and (row.items_done, row.items_total) == (5, 5)
