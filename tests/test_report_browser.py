"""`backstride report` opened in a real browser (Debian's chromium, driven by Playwright)."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, browser_or_skip

from backstride.cli.app import run
from backstride.cli.local_action import local_action
from backstride.services.pain import log_pain

SAMPLES = Path(__file__).resolve().parent / "data" / "activities"


def test_the_report_renders_its_charts_offline_in_chromium(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    browser_or_skip()
    from playwright.sync_api import sync_playwright

    assert run(["import", str(SAMPLES)]) in (0, 1)  # real files; one is refused on purpose
    today = datetime.now(UTC).replace(hour=7, minute=0, second=0, microsecond=0)
    for days_ago, pain in ((9, 4), (6, 3), (3, 2), (0, 2)):
        with local_action(today - timedelta(days=days_ago)) as action:
            log_pain(action, pain, "morning")
    page_file = tmp_path / "report.html"
    # The sample files run from 2015 to 2025: a period over all of them, on a yearly axis.
    assert run(["report", "-o", str(page_file), "--since", "2015-01-01"]) == 0
    capsys.readouterr()

    requests: list[str] = []
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1024, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.on("console", lambda message: problems.append(f"{message.type}: {message.text}"))
            page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
            page.goto(page_file.as_uri())
            charts = page.locator("svg")
            assert charts.count() == 4
            for index in range(4):
                chart = charts.nth(index)
                box = chart.bounding_box()
                assert box is not None and box["width"] > 200 and box["height"] > 100
                assert box["x"] >= 0 and box["x"] + box["width"] <= 1024  # fits the page
                assert chart.locator("polyline, rect, circle, text").count() > 1
                assert chart.get_attribute("aria-label")
            assert "Weekly distance" in page.inner_text("body")
        finally:
            browser.close()
    assert requests == [page_file.as_uri()]  # self-contained: nothing else is fetched
    assert [p for p in problems if not p.startswith(("debug", "info"))] == []
