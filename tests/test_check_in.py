"""The check-in: warning signs again; a new flag always overrides an older, calmer result."""

import io
from typing import Any

import pytest
from rich.console import Console
from screening_base import CALM, answers_with

from backstride.cli.questionnaire_prompt import run_questionnaire
from backstride.domain.check_in import RED_FLAG_FIELDS, SEVERITY, check_in, merge_check_in
from backstride.domain.questionnaire import RED_FLAG_QUESTIONS, Question
from backstride.domain.screening import level_rank, screen
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.errors import SafetyRefusal
from backstride.services.screening import check_in_questions, finish_check_in

URGENT_BEFORE = ScreeningAnswers(**answers_with(history_of_cancer=True))
CALM_BEFORE = ScreeningAnswers(**CALM)


def test_a_new_red_flag_overrides_a_calm_earlier_result() -> None:
    result = check_in({"saddle_numbness": True}, previous=CALM_BEFORE)
    assert screen(CALM_BEFORE).triage == "self_care"
    assert result.triage == "emergency"


def test_a_calm_check_in_never_calms_an_earlier_urgent_result() -> None:
    result = check_in({"history_of_cancer": False}, previous=URGENT_BEFORE)
    assert result.triage == "urgent_doctor"


@pytest.mark.parametrize("name", RED_FLAG_FIELDS)
def test_merging_takes_the_more_alarming_value_of_every_field(name: str) -> None:
    if name == "pain_now_0_10":
        return  # a number: the latest value counts (an alarm it raised is held by the status)
    alarming: Any = SEVERITY[name][-1] if name in SEVERITY else True
    raised = ScreeningAnswers(**answers_with(**{name: alarming}))
    assert getattr(merge_check_in(CALM_BEFORE, raised), name) == alarming
    assert getattr(merge_check_in(raised, CALM_BEFORE), name) == alarming
    merged = merge_check_in(raised, CALM_BEFORE)
    assert level_rank(screen(merged).triage) <= level_rank(screen(raised).triage)


def test_new_thoracic_pain_joins_the_earlier_locations() -> None:
    latest = ScreeningAnswers(**answers_with(pain_location=["thoracic"]))
    assert merge_check_in(CALM_BEFORE, latest).pain_location == ["low_back", "thoracic"]


def test_every_warning_sign_question_fills_a_merged_field() -> None:
    targets = {
        "leg_weak_any": "leg_weakness",
        "leg_weak_both": "leg_weakness",
        "leg_weak_worse": "leg_weakness",
        "trauma_major": "trauma",
        "trauma_minor": "trauma",
        "thoracic_pain": "pain_location",
    }
    for question in RED_FLAG_QUESTIONS:
        field = targets.get(question.id, question.id)
        assert field in RED_FLAG_FIELDS or field == "pain_location", question.id


def _play(replies: dict[str, str], previous: ScreeningAnswers | None = CALM_BEFORE) -> Any:
    asked: list[str] = []

    def ask(question: Question, prompt: str) -> str:
        if question.id == "confirm_emergency":
            return ""  # Enter keeps the emergency answer
        asked.append(question.id)
        return replies.get(question.id, "n")

    result = run_questionnaire(
        ask, Console(file=io.StringIO()), check_in_questions(), "intro", finish_check_in(previous)
    )
    return result, asked


def test_check_in_asks_only_warning_signs_and_pain_now() -> None:
    result, asked = _play({"pain_now_0_10": "3"})
    assert "age" not in asked and "onset" not in asked and "duration_weeks" not in asked
    assert "pain_now_0_10" in asked and "pregnant_or_postpartum" in asked
    assert result.triage == "self_care"


def test_check_in_stops_at_a_new_emergency() -> None:
    result, asked = _play({"fever_or_chills": "y"})
    assert asked[-1] == "fever_or_chills"
    assert result.triage == "emergency"


def test_check_in_uses_the_stored_age_for_age_rules() -> None:
    older = ScreeningAnswers(**answers_with(age=70, age_at_onset=60))
    result, _ = _play({"trauma_minor": "y", "pain_now_0_10": "3"}, previous=older)
    assert result.triage == "urgent_doctor"


def test_a_check_in_without_a_full_screening_first_is_refused() -> None:
    """DOMAIN.md 2.1.4: a short check-in cannot fill age, duration or pattern with defaults."""
    with pytest.raises(SafetyRefusal, match="full screening comes first"):
        check_in({"saddle_numbness": False}, previous=None)


def test_a_not_sure_answer_counts_as_yes_and_is_said() -> None:
    result, _ = _play({"unexplained_weight_loss": "?", "pain_now_0_10": "2"})
    assert result.triage == "urgent_doctor"
    assert result.unsure == ("unexplained_weight_loss",)


def test_cli_check_in_merges_onto_the_stored_screening(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    import json
    from pathlib import Path

    from backstride.cli.app import run

    answers = Path(str(tmp_path)) / "answers.json"
    answers.write_text(json.dumps(answers_with(history_of_cancer=True)), encoding="utf-8")
    assert run(["screen", "--answers", str(answers)]) == 0
    monkeypatch.setattr(
        "backstride.cli.questionnaire_prompt.terminal_ask",
        lambda console: lambda question, prompt: "2" if question.kind == "integer" else "n",
    )
    assert run(["check-in"]) == 0
    shown = capsys.readouterr().out
    assert "How old are you?" not in shown  # the age is known from the stored screening
    assert "Is the pain mainly between your shoulder blades?" in shown
    run(["screen", "--history", "--json"])
    history = json.loads(capsys.readouterr().out)
    assert [item["kind"] for item in history] == ["check_in", "screen"]
    assert history[0]["triage"] == "urgent_doctor"  # the earlier flag still counts
