"""`backstride screen --answers`: the contract's JSON, readable results, and refused input."""

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from screening_base import CALM, answers_with

from backstride.cli.app import run


def screen_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], payload: Any, *flags: str
) -> tuple[int, str, str]:
    path = tmp_path / "answers.json"
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload), "utf-8")
    code = run(["screen", "--answers", str(path), *flags])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_has_every_contract_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = screen_file(tmp_path, capsys, answers_with(saddle_numbness=True), "--json")
    result = json.loads(out)
    assert code == 0
    assert {"triage", "pattern", "rules", "reasons", "next_steps", "safety_net"} <= set(result)
    assert result["triage"] == "emergency"
    assert result["rules"] == ["E1"]
    assert len(result["reasons"]) == 1
    assert result["fired"][0]["source"]
    assert result["rule_table_version"]


def test_emergency_says_what_to_do_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = screen_file(tmp_path, capsys, answers_with(bowel_change_new=True))
    assert code == 0
    assert out.splitlines()[0].startswith("GO TO AN EMERGENCY DEPARTMENT NOW")
    assert "backstride exercises" not in out
    assert "Safety net" in out


def test_self_care_shows_pattern_as_a_suggestion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = screen_file(tmp_path, capsys, CALM)
    flat = " ".join(out.split())
    assert code == 0
    assert "suggest" in flat
    assert "not a diagnosis" in flat
    assert "backstride exercises --pattern nonspecific_mechanical" in flat


def test_every_bad_field_is_named_and_exit_is_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = {**CALM, "age": 4, "sex": "female", "saddle_numbness": "no", "colour": "red"}
    del bad["trend"]
    code, out, err = screen_file(tmp_path, capsys, bad, "--json")
    assert code == 2
    assert out == ""
    for field in ("age", "sex", "saddle_numbness", "colour", "trend"):
        assert f"  {field}:" in err
    assert "5 answers not valid" in err


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"age": True}, "age"),
        ({"saddle_numbness": 1}, "saddle_numbness"),
        ({"pain_now_0_10": 11}, "pain_now_0_10"),
        ({"duration_weeks": -1}, "duration_weeks"),
        ({"pain_location": ["knee"]}, "pain_location.0"),
        ({"extra": {"gout": True}}, "extra.gout"),
        ({"age": 30, "age_at_onset": 31}, "age_at_onset (31) cannot be more than age (30)"),
    ],
)
def test_strict_values_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], changes: dict[str, Any], field: str
) -> None:
    code, _, err = screen_file(tmp_path, capsys, answers_with(**changes), "--json")
    assert code == 2
    assert field in err


def test_not_json_and_not_an_object(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = screen_file(tmp_path, capsys, "{age: 3", "--json")
    assert code == 2
    assert "not valid JSON (line 1" in err
    code, _, err = screen_file(tmp_path, capsys, "[1, 2]", "--json")
    assert code == 2
    assert "one JSON object" in err


def test_missing_file_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["screen", "--answers", "/no/such/answers.json"])
    assert code == 2
    assert "cannot read answers file '/no/such/answers.json'" in capsys.readouterr().err


def test_answers_from_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(answers_with(trauma="major"))))
    assert run(["screen", "--answers", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rules"] == ["E8"]


def test_real_command_reads_a_pipe() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "backstride", "screen", "--answers", "-", "--json"],
        input=json.dumps(answers_with(radiates_below_knee=True)),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["triage"], result["pattern"]) == ("see_clinician", "radicular")


def test_screen_json_is_the_screening_result_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from backstride.services.screening_result import ScreeningResult

    code, out, _ = screen_file(tmp_path, capsys, answers_with(saddle_numbness=True), "--json")
    payload = json.loads(out)
    parsed = ScreeningResult.model_validate(payload)  # the API will return this very model
    assert parsed.status is not None and parsed.status.level == "emergency"
    assert parsed.status.held is not None and parsed.status.held.rules == ["E1"]
