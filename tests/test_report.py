"""`backstride report`: one self-contained HTML file with its charts."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from stored_runs import store_activity

from backstride.cli.app import run
from backstride.cli.local_action import local_action
from backstride.domain.activity import Activity, Sample
from backstride.services.pain import log_pain


def test_report_is_self_contained_with_four_charts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    today = datetime.now(UTC).replace(hour=7, minute=0, second=0, microsecond=0)
    for days_ago in range(20, -1, -3):
        start = today - timedelta(days=days_ago)
        samples = (Sample(0.0, 0.0, 140, 166.0), Sample(1800.0, 5000.0, 150, 170.0))
        run_ = Activity("r.gpx", "running", None, start, 0, 1800.0, 5000.0, samples)
        store_activity(run_)
        with local_action(start) as action:
            log_pain(action, 3, "morning")
    out = tmp_path / "report.html"
    assert run(["report", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert page.count("<svg") == 4
    for heading in ("Weekly distance", "Acute (7-day)", "Pain over time", "Cadence over time"):
        assert heading in page
    assert "<script" not in page
    external = [url for url in re.findall(r"(?:src|href)=\"([^\"]+)\"", page)]
    assert external == []
    assert "forecast of injury" in page and "probability" not in page.lower()


def test_report_without_data_still_writes_a_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "empty.html"
    assert run(["report", "-o", str(out)]) == 0
    assert "no data yet" in out.read_text(encoding="utf-8")
