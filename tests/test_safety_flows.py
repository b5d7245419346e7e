"""Safety v2 flows through the real CLI: the level holds over time (DOMAIN.md 2.1.4)."""

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from screening_base import CALM, answers_with

from backstride.cli.app import run
from backstride.cli.local_action import local_action
from backstride.domain.screening import screen
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.services.screening import record_screening
from backstride.storage.screenings import save_screening


def _file(tmp_path: Path, payload: dict[str, Any], name: str = "answers.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(payload), encoding="utf-8")
    return str(path)


def _screen(tmp_path: Path, capsys: pytest.CaptureFixture[str], **changes: Any) -> dict[str, Any]:
    code = run(["screen", "--answers", _file(tmp_path, answers_with(**changes)), "--json"])
    assert code == 0
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def _check_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], partial: dict[str, Any]
) -> tuple[int, str]:
    code = run(["check-in", "--answers", _file(tmp_path, partial, "check.json"), "--json"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_check_in_with_new_two_leg_symptoms_called_long_standing_is_an_emergency(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """DOMAIN.md 2.1.4: leg symptoms absent at the last screening are new (E5)."""
    assert _screen(tmp_path, capsys)["triage"] == "self_care"
    code, out = _check_in(
        tmp_path, capsys, {"leg_symptom_side": "both", "leg_symptom_onset": "chronic_stable"}
    )
    result = json.loads(out)
    assert code == 0
    assert result["triage"] == "emergency" and "E5" in result["rules"]
    assert result["status"]["level"] == "emergency"
    assert run(["routine"]) == 3


def test_contradictory_one_leg_then_both_legs_numbness_is_an_emergency(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _screen(
        tmp_path,
        capsys,
        leg_symptom_side="one",
        leg_symptom_onset="chronic_stable",
        numbness_tingling_leg="one_leg",
    )
    assert first["triage"] == "see_clinician"
    _, out = _check_in(tmp_path, capsys, {"numbness_tingling_leg": "both_legs"})
    assert json.loads(out)["status"]["level"] == "emergency"


def test_check_in_as_the_first_command_is_refused_with_exit_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(["check-in", "--answers", _file(tmp_path, {"saddle_numbness": False})])
    captured = capsys.readouterr()
    assert code == 3
    assert "full screening comes first" in captured.err + captured.out
    assert run(["screen", "--history", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_check_in_refuses_fields_that_are_not_warning_signs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _screen(tmp_path, capsys)
    code, shown = _check_in(tmp_path, capsys, {"age": 20, "saddle_numbness": False})
    assert code == 2
    assert "age cannot be given in a check-in" in shown


def test_a_calm_rescreen_after_an_emergency_does_not_replace_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _screen(tmp_path, capsys, saddle_numbness=True)["triage"] == "emergency"
    calm = _screen(tmp_path, capsys)
    assert calm["triage"] == "self_care"
    assert calm["status"]["level"] == "emergency"
    assert calm["status"]["held"]["rules"] == ["E1"]
    assert run(["routine"]) == 3
    capsys.readouterr()
    assert run(["today"]) == 0
    today = " ".join(re.sub("[│╭╮╰╯─]", " ", capsys.readouterr().out).split())
    assert today.startswith("GO TO AN EMERGENCY DEPARTMENT NOW")
    assert "this morning" not in today and "tomorrow's dose" not in today
    assert "backstride go" not in today
    assert "answer yes to the question about the doctor" in today


def test_the_doctor_assessed_path_replaces_an_alarm_and_history_flags_stay_see_clinician(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _screen(tmp_path, capsys, history_of_cancer=True)["triage"] == "urgent_doctor"
    assert _screen(tmp_path, capsys, history_of_cancer=True)["status"]["level"] == "urgent_doctor"
    after = _screen(tmp_path, capsys, history_of_cancer=True, doctor_assessed_since_warning=True)
    assert after["status"]["level"] == "see_clinician"  # U1 after a doctor: not self care
    assert after["status"]["doctor_assessed_at"] is not None
    assert run(["routine", "--json"]) == 0
    routine = json.loads(capsys.readouterr().out)
    assert routine["low_load"] is True


def test_a_new_emergency_after_a_doctor_assessment_is_an_emergency(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _screen(tmp_path, capsys, saddle_numbness=True)
    cleared = _screen(tmp_path, capsys, doctor_assessed_since_warning=True)
    assert cleared["status"]["level"] == "self_care"
    _, out = _check_in(tmp_path, capsys, {"bladder_change_new": True})
    assert json.loads(out)["status"]["level"] == "emergency"


def test_a_calm_screening_dated_in_the_future_never_hides_a_later_emergency(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A backup from a machine whose clock ran ahead (DOMAIN.md 2.1.4; issue 12)."""
    future = datetime.now(UTC) + timedelta(days=30)
    calm = ScreeningAnswers(**CALM)
    with local_action() as action:
        save_screening(action.session, action.runner_id, "screen", calm, screen(calm), future)
    result = _screen(tmp_path, capsys, fever_or_chills=True)
    assert result["status"]["level"] == "emergency"
    assert run(["routine"]) == 3


def test_an_old_screening_ages_and_is_re_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Four months after a 2-week episode: duration advances (C3/C8) and a re-screen is due."""
    old = ScreeningAnswers(**answers_with(duration_weeks=2, trend="same"))
    with local_action() as action:
        taken = action.now - timedelta(weeks=17)
        save_screening(action.session, action.runner_id, "screen", old, screen(old), taken)
    assert run(["today"]) == 0
    out = " ".join(re.sub("[│╭╮╰╯─]", " ", capsys.readouterr().out).split())
    assert "see clinician" in out
    assert "more than 4 weeks old" in out
    assert run(["routine"]) == 3


def test_a_version_1_answers_file_is_refused_naming_the_new_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    version_1 = {
        k: v
        for k, v in CALM.items()
        if k not in ("abdominal_pain", "faint_or_clammy", "pregnant_or_postpartum")
    }
    assert run(["screen", "--answers", _file(tmp_path, version_1)]) == 2
    err = capsys.readouterr().err
    for name in ("abdominal_pain", "faint_or_clammy", "pregnant_or_postpartum"):
        assert name in err
    assert "version-1" in err


def test_a_duplicate_key_is_refused_so_a_later_false_cannot_hide_a_true(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = json.dumps(answers_with(saddle_numbness=True))[:-1] + ', "saddle_numbness": false}'
    path = tmp_path / "dup.json"
    path.write_text(text, encoding="utf-8")
    assert run(["screen", "--answers", str(path)]) == 2
    assert "given twice" in capsys.readouterr().err


def test_leg_symptoms_in_a_session_keep_see_clinician_until_a_full_rescreen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from backstride.domain.safety_status import safety_status
    from backstride.domain.session_flags import session_flags
    from backstride.domain.session_record import SessionRecord

    _screen(tmp_path, capsys)
    with local_action() as action:
        now = action.now
        from backstride.storage.screenings import list_screenings

        records = [s.record() for s in list_screenings(action.session, action.runner_id)]
    session = SessionRecord(
        now + timedelta(minutes=1),
        now + timedelta(minutes=5),
        200.0,
        False,
        None,
        {"ended_by": "leg_symptoms"},
    )
    later = now + timedelta(minutes=10)
    status = safety_status(records, session_flags([session]), later)
    assert status.level == "see_clinician"
    assert any(r.id == "S-LEG" for r in status.reasons)


def test_routine_shows_the_rules_that_changed_the_programme_at_the_top(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _screen(
        tmp_path, capsys, radiates_below_knee=True, leg_symptom_side="one", leg_symptom_onset="new"
    )
    assert run(["routine"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert lines[0].startswith("Low load:")  # the low-load rule leads, before the routine itself


def _painful_session(day: datetime, pain: int) -> None:
    from backstride.domain.played_session import PlayedSession
    from backstride.domain.player import Completion
    from backstride.domain.session import timeline
    from backstride.domain.session_outcome import summarise
    from backstride.services.routine import todays_routine
    from backstride.services.sessions import record_session

    with local_action(day) as action:
        plan = todays_routine(action, 10, "prevent")
    steps = timeline(plan.routine)
    completions = [Completion(i, False) for i in range(len(steps))]
    ends = [i for i, step in enumerate(steps) if step.ends_exercise]
    outcomes = summarise(steps, completions, [(i, pain) for i in ends], None)
    played = PlayedSession(day, day + timedelta(minutes=10), 600.0, True, outcomes, 4)
    with local_action(day) as action:
        record_session(action, plan, played)


def test_two_regressions_in_a_row_move_the_level_to_see_clinician_in_the_headline(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 12: "two regressions: see a physiotherapist" sat in a cell under a self-care
    headline. Now the exercise is left out and the level now is see_clinician (S-PROG)."""
    start = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    with local_action(start - timedelta(days=6)) as action:
        record_screening(action, screen(ScreeningAnswers(**CALM)), "screen")
    assert run(["profile", "--equipment", "mat"]) == 0
    _painful_session(start - timedelta(days=4), 6)
    _painful_session(start - timedelta(days=2), 6)
    capsys.readouterr()
    assert run(["today"]) == 0
    out = " ".join(re.sub("[│╭╮╰╯─]", " ", capsys.readouterr().out).split())
    assert out.startswith("Your level now: see clinician")
    assert "S-PROG" in out
