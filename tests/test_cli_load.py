"""`backstride load`: weekly load beside pain, the summary, and the formulas."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from stored_runs import store_run

from backstride.cli.app import run
from backstride.cli.local_action import local_action
from backstride.services.pain import log_pain


def test_load_shows_weeks_pain_and_the_formulas(capsys: pytest.CaptureFixture[str]) -> None:
    today = datetime.now(UTC).replace(hour=7, minute=0, second=0, microsecond=0)
    for days_ago in range(34, -1, -2):
        store_run(today - timedelta(days=days_ago), 5.0, 30.0)
        with local_action(today - timedelta(days=days_ago) + timedelta(days=1)) as action:
            log_pain(action, 3 if days_ago % 4 else 5, "morning")
    code = run(["load", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert report["unit"] == "distance_km"
    assert report["summary"]["days_of_data"] >= 28
    assert report["summary"]["ratio"] is not None
    assert any(week["mean_pain"] is not None for week in report["weeks"])
    assert report["correlation"]["n"] >= 3
    assert "cannot show that load causes pain" in report["correlation"]["caveat"]
    code = run(["load", "--explain", "--unit", "minutes"])
    out = " ".join(capsys.readouterr().out.split())
    assert code == 0
    assert "λ = 0.25" in out and "Monotony" in out
    assert "probability" not in out.lower()


def test_load_refuses_an_unknown_unit(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["load", "--unit", "minuets"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'minutes'" in err
    assert "valid: distance-km, distance-mi, minutes, session-rpe" in err


def test_load_with_no_data_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["load"]) == 0
    assert "No load recorded" in capsys.readouterr().out


def test_each_run_is_paired_with_the_next_mornings_pain(capsys: pytest.CaptureFixture[str]) -> None:
    today = datetime.now(UTC).replace(hour=8, minute=0, second=0, microsecond=0)
    for days_ago in range(20, 4, -1):  # 16 runs, each followed by a morning pain of km / 2
        km = 4.0 + days_ago % 5
        store_run(today - timedelta(days=days_ago, hours=2), km, km * 6)
        with local_action(today - timedelta(days=days_ago - 1)) as action:
            log_pain(action, int(km // 2), "morning")
    capsys.readouterr()
    assert run(["load", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["correlation"]["n"] >= 16
    assert report["correlation"]["r"] > 0.9  # pain follows the day-before's distance


def test_load_json_is_the_load_result_model(capsys: pytest.CaptureFixture[str]) -> None:
    from backstride.services.load_result import LoadResult

    store_run(datetime.now(UTC) - timedelta(days=3), 5.0, 30.0)
    capsys.readouterr()
    assert run(["load", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert LoadResult.model_validate(payload).model_dump(mode="json") == payload
