"""The pain journal and the profile from the command line."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from cli_calls import call

from backstride.cli.local_action import local_action
from backstride.services.pain import log_pain, pain_history


def history(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    code, out, _ = call(capsys, "pain", "history", "--json")
    assert code == 0
    result: dict[str, object] = json.loads(out)
    return result


def test_log_then_history_shows_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "pain", "4", "--when", "morning")
    assert code == 0 and "Logged 4/10 (morning)" in out
    code, out, _ = call(capsys, "pain", "history")
    assert code == 0
    assert "morning" in out and "Weekly means" in out and "Trend:" in out
    entries = history(capsys)["entries"]
    assert isinstance(entries, list) and entries[0]["score"] == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["pain", "11", "--when", "morning"], "out of range: give 0 (none) to 10"),
        (["pain", "-1", "--when", "morning"], "-1"),  # read as an unknown option: still refused
        (["pain", "four", "--when", "morning"], "is not a whole number"),
        (["pain", "4", "--when", "lunchtime"], "valid: morning, during-run"),
        (["pain", "4"], "say when with --when"),
        (["pain", "4", "--when", "morning", "--where", "knee"], "valid: back, buttock"),
        (["pain", "4", "--when", "morning", "--side", "up"], "valid: left, right"),
        (["pain", "history", "--when", "noon"], "unknown --when 'noon'"),
    ],
)
def test_bad_pain_input_exits_2_and_stores_nothing(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = call(capsys, *args)
    assert code == 2
    assert message in err
    assert history(capsys)["entries"] == []


def test_high_pain_suggests_a_check_in(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = call(capsys, "pain", "7", "--when", "during-run")
    assert "backstride check-in" in " ".join(out.split())


def test_history_trend_uses_the_minimal_important_change() -> None:
    today = datetime.now(UTC)
    for days_ago, score in [(10, 6), (9, 6), (3, 3), (1, 3)]:
        with local_action(today - timedelta(days=days_ago)) as action:
            log_pain(action, score, "morning")
    with local_action(today) as action:
        result = pain_history(action)
    assert result.trend.verdict == "improving"
    assert "6.0" in result.trend.explanation and "3.0" in result.trend.explanation
    assert [week.count for week in result.weekly] and sum(w.count for w in result.weekly) == 4
    assert len(result.daily) == 28


def test_history_can_show_one_moment(capsys: pytest.CaptureFixture[str]) -> None:
    call(capsys, "pain", "3", "--when", "morning")
    call(capsys, "pain", "5", "--when", "evening")
    code, out, _ = call(capsys, "pain", "history", "--when", "evening", "--json")
    assert code == 0
    assert [e["when"] for e in json.loads(out)["entries"]] == ["evening"]


def test_profile_shows_defaults_edits_and_keeps_the_rest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = call(capsys, "profile", "--json")
    assert code == 0 and json.loads(out)["units"] == "km"
    code, _, _ = call(
        capsys,
        "profile",
        "--equipment",
        "mat, stability ball",
        "--run-days",
        "tue:easy@07:00,thu:intervals@18:00,sat:long@08:00",
    )
    assert code == 0
    call(capsys, "profile", "--units", "mi")
    shown = json.loads(call(capsys, "profile", "--json")[1])
    assert shown["units"] == "mi"
    assert shown["equipment"] == ["mat", "stability_ball"]
    assert [d["day"] for d in shown["run_days"]] == ["tue", "thu", "sat"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--units", "miles"], "units"),
        (["--birth-year", "1850"], "--birth-year 1850"),
        (["--equipment", "dumbbell"], "unknown equipment 'dumbbell'"),
        (["--run-days", "tus:easy"], "did you mean 'tue'"),
        (["--run-days", "tue:easy@25:00"], "25:00"),
    ],
)
def test_a_bad_profile_edit_changes_nothing(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    call(capsys, "profile", "--units", "mi", "--equipment", "towel")
    before = call(capsys, "profile", "--json")[1]
    code, _, err = call(capsys, "profile", *args)
    assert code == 2
    assert message in err
    assert call(capsys, "profile", "--json")[1] == before


def test_screen_results_are_saved_and_listed(
    capsys: pytest.CaptureFixture[str], tmp_path: object
) -> None:
    from pathlib import Path

    from screening_base import answers_with

    answers = Path(str(tmp_path)) / "a.json"
    answers.write_text(json.dumps(answers_with(history_of_cancer=True)), encoding="utf-8")
    assert call(capsys, "screen", "--answers", str(answers), "--no-save")[0] == 0
    assert json.loads(call(capsys, "screen", "--history", "--json")[1]) == []
    assert call(capsys, "screen", "--answers", str(answers))[0] == 0
    (saved,) = json.loads(call(capsys, "screen", "--history", "--json")[1])
    assert (saved["triage"], saved["rules"], saved["kind"]) == ("urgent_doctor", ["U1"], "screen")
    assert saved["rule_table_version"]
    code, out, _ = call(capsys, "screen", "--history")
    assert code == 0 and "urgent doctor" in out
