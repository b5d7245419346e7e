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
    assert "no data in this period" in out.read_text(encoding="utf-8")


def _run_at(start: datetime, km: float = 5.0) -> None:
    samples = (Sample(0.0, 0.0, 140, 166.0), Sample(1800.0, km * 1000, 150, 170.0))
    store_activity(Activity("r.fit", "running", None, start, 0, 1800.0, km * 1000, samples))


def test_the_report_shows_the_last_12_weeks_and_says_what_it_left_out(tmp_path: Path) -> None:
    today = datetime.now(UTC).replace(hour=7, minute=0, second=0, microsecond=0)
    _run_at(datetime(1989, 12, 31, 7, tzinfo=UTC))  # a watch whose clock was never set
    _run_at(today - timedelta(days=40))
    _run_at(today - timedelta(days=2))
    out = tmp_path / "report.html"
    assert run(["report", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    first = (today - timedelta(weeks=12) + timedelta(days=1)).date()
    assert f"Period: {first:%d %b %Y} to {today:%d %b %Y}." in page
    assert "1 run outside it is not drawn" in page
    assert "1989" not in page.split("<h2>", 1)[1]  # no chart reaches back to 1989
    bars = re.findall(r"<title>week of (\S+): ([\d.]+) km", page)
    assert len(bars) in (12, 13)  # every week of the period, the empty ones too
    assert sum(1 for _, total in bars if float(total) > 0) == 2
    assert 'name="viewport"' in page and "DOMAIN.md" not in page


def test_since_and_until_choose_the_period(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run_at(datetime(1989, 12, 31, 7, tzinfo=UTC))
    out = tmp_path / "old.html"
    assert run(["report", "-o", str(out), "--since", "1989-12-01", "--until", "1990-01-31"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Period: 01 Dec 1989 to 31 Jan 1990." in page and "outside" not in page
    assert "Jan 1990" in page or "01 Jan" in page  # the time axis has its ticks
    assert run(["report", "-o", str(out), "--since", "1990-13-01"]) == 2
    assert "--since '1990-13-01' is not a date" in capsys.readouterr().err
    assert run(["report", "-o", str(out), "--since", "2026-02-01", "--until", "2026-01-01"]) == 2
