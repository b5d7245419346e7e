"""The upload pages in a real browser: files chosen in the form, a queued import followed by
the page's own polling (htmx, no inline script) until it is done, on `backstride serve`."""

import zipfile
from pathlib import Path

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, browser_or_skip
from web_client import PASSWORD
from web_server import served

ACTIVITIES = Path(__file__).parent / "data" / "activities"
FILES = [
    ACTIVITIES / "fitparse_garmin-fenix-5-run.fit",
    ACTIVITIES / "runpandas_run_garmin_fr620.tcx",
    ACTIVITIES / "runpandas_garmin_connect_3pts.gpx",
]


def test_a_queued_upload_shows_its_progress_until_done(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    browser_or_skip()
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("BACKSTRIDE_INLINE_IMPORT_MB", "0")
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        for file in FILES:
            archive.write(file, f"activities/{file.name}")
    errors: list[str] = []
    with served() as (url, _), sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = chromium.new_page()
        page.on("console", lambda message: errors.append(message.text))
        page.goto(url + "/setup")
        page.fill("input[name=login]", "anna")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.goto(url + "/runs/upload")
        page.set_input_files("input[type=file]", str(export))
        page.click("form[action='/runs/upload'] button[type=submit]")
        page.wait_for_url("**/runs/jobs/*")
        page.wait_for_selector("#job-heading:text('Imported')", timeout=30_000)
        assert "3 of 3 files read" in page.inner_text("#job")
        assert page.locator("text=Cancel the import").count() == 0
        page.reload()
        assert "Imported" in page.inner_text("#job-heading")
        chromium.close()
    assert errors == []
