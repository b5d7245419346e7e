"""The CLI's rough edges, tried as a new user would: each one found, fixed and kept fixed."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from screening_base import CALM
from stored_runs import store_activity, store_run

from backstride.cli.app import run
from backstride.domain.activity import Activity, Sample


def test_a_misspelt_history_is_not_read_as_a_score(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["pain", "histroy"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'history'" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("typed", "shown"), [("sciatica", "radicular"), ("Degenerative", "arthritic")]
)
def test_everyday_words_for_a_pattern_are_understood(
    capsys: pytest.CaptureFixture[str], typed: str, shown: str
) -> None:
    assert run(["exercises", "--pattern", typed]) == 0
    assert shown in capsys.readouterr().out


def test_a_misspelt_pattern_word_gets_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["exercises", "--pattern", "sciatca"]) == 2
    assert "did you mean 'sciatica'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "flag", "spelling"),
    [
        (["pain", "3", "--when", "noon"], "--when", "during-run"),
        (["load", "--unit", "yards"], "--unit", "distance-km"),
        (["exercises", "--equipment", "dumbbell"], "equipment", "stability-ball"),
    ],
)
def test_messages_spell_values_as_the_help_does(
    capsys: pytest.CaptureFixture[str], args: list[str], flag: str, spelling: str
) -> None:
    assert run(args) == 2
    err = capsys.readouterr().err
    assert flag in err and spelling in err and "_" not in err.split("valid:")[1]


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "140")


def _runs_text(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    capsys.readouterr()
    assert run(["runs", *args]) == 0
    return capsys.readouterr().out.splitlines()


def test_runs_are_listed_latest_first_with_totals_offsets_and_a_page(
    capsys: pytest.CaptureFixture[str],
) -> None:
    start = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)
    for day in range(35):
        store_run(start + timedelta(days=day), 10.0, 60.0)
    lines = _runs_text(capsys)
    assert lines[0].startswith("35 runs, 350.00 km, 35.0 h in all; the latest 30")
    rows = [line for line in lines if line.strip().startswith("2026-")]
    assert len(rows) == 30
    assert rows[0].split()[0] == "2026-04-04" and rows[-1].split()[0] == "2026-03-06"
    assert "6:00 /km" in rows[0] and "+00:00" in rows[0]
    assert len([line for line in _runs_text(capsys, "--limit", "0") if "2026-" in line]) == 35


def test_units_mi_is_honoured_by_runs(capsys: pytest.CaptureFixture[str]) -> None:
    store_run(datetime(2026, 3, 1, 7, 0, tzinfo=UTC), 16.09344, 80.0)
    assert run(["profile", "--units", "mi"]) == 0
    lines = _runs_text(capsys)
    assert "10.00 mi" in lines[0]
    assert any("8:00 /mi" in line for line in lines)


def test_cycling_shows_speed_and_a_distance_of_nothing_shows_a_dash(
    capsys: pytest.CaptureFixture[str],
) -> None:
    start = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)
    samples = (Sample(0.0, 0.0), Sample(3600.0, 30000.0))
    store_activity(Activity("ride.fit", "cycling", None, start, 0, 3600.0, 30000.0, samples))
    still = (Sample(0.0, 0.0), Sample(60.0, 2.0))
    store_activity(
        Activity("w.fit", "running", None, start + timedelta(days=1), 0, 60.0, 2.0, still)
    )
    lines = _runs_text(capsys, "--all")
    ride = next(line for line in lines if "cycling" in line)
    assert "30.0 km/h" in ride and "/km" not in ride
    standing = next(line for line in lines if "running" in line)
    assert "0.00" not in standing and " - " in standing


def test_units_mi_is_honoured_by_load_and_cadence(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    now = datetime.now(UTC).replace(hour=7, minute=0, second=0, microsecond=0)
    for days_ago in (20, 15, 10, 5):
        start = now - timedelta(days=days_ago)
        samples = tuple(
            Sample(float(t), t * 1609.344 / 600, cadence_spm=164.0) for t in range(0, 3001, 10)
        )
        store_activity(Activity("r.fit", "running", None, start, 0, 3000.0, 8046.72, samples))
    assert run(["profile", "--units", "mi"]) == 0
    capsys.readouterr()
    assert run(["load", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["unit"] == "distance_mi"
    assert sum(week["total"] for week in report["weeks"]) == pytest.approx(20.0)
    assert run(["load"]) == 0
    assert "Load by week (mi)" in capsys.readouterr().out
    assert run(["cadence"]) == 0
    assert "10:00 /mi" in capsys.readouterr().out
    assert run(["load", "--unit", "km", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert sum(week["total"] for week in report["weeks"]) == pytest.approx(32.19, abs=0.01)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--units", "miles"], "--units 'miles' is not valid: choose km, mi"),
        (["--birth-year", "1800"], "--birth-year 1800 is not valid: give 1900 or more"),
        (["--name", "x" * 100], "give at most 80 characters"),
    ],
)
def test_profile_refusals_are_in_plain_words(
    capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    assert run(["profile", *args]) == 2
    err = capsys.readouterr().err
    assert said in err and "Input should" not in err and "String should" not in err


def test_runs_says_when_only_other_sports_were_imported(
    capsys: pytest.CaptureFixture[str],
) -> None:
    start = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)
    samples = (Sample(0.0, 0.0), Sample(3600.0, 30000.0))
    store_activity(Activity("ride.fit", "cycling", None, start, 0, 3600.0, 30000.0, samples))
    assert "1 activity of other sports: backstride runs --all" in " ".join(_runs_text(capsys))


def test_a_bad_answer_is_said_in_plain_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = {**CALM, "age": "old", "saddle_numbness": "maybe"}
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    assert run(["screen", "--answers", str(path), "--no-save"]) == 2
    err = capsys.readouterr().err
    assert "age: 'old' is not valid: give a whole number" in err
    assert "saddle_numbness: 'maybe' is not valid: give true or false" in err
    assert "Input should" not in err
