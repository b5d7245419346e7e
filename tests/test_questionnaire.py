"""The interactive screening: order, follow-ups, the emergency stop, re-asking, cancelling."""

import io
from collections.abc import Iterator
from typing import Any

import pytest
from rich.console import Console
from screening_base import CALM_REPLIES

from backstride.cli.questionnaire_prompt import run_questionnaire
from backstride.domain.questionnaire import QUESTIONS, Question
from backstride.domain.replies import parse_reply
from backstride.errors import Cancelled, InvalidInput


class Script:
    """Answers by question id (calm by default) and records what was asked."""

    def __init__(self, **replies: str | list[str]) -> None:
        self.replies: dict[str, Iterator[str]] = {}
        for qid, reply in {**CALM_REPLIES, **replies}.items():
            self.replies[qid] = iter(reply if isinstance(reply, list) else [reply])
        self.asked: list[str] = []
        self.confirm = ""  # Enter keeps an emergency answer

    def __call__(self, question: Question, prompt: str) -> str:
        if question.id == "confirm_emergency":
            return self.confirm
        self.asked.append(question.id)
        if question.id in self.replies:
            return next(self.replies[question.id])
        return "n"


def play(script: Script) -> tuple[Any, str]:
    output = io.StringIO()
    result = run_questionnaire(script, Console(file=output, width=100))
    return result, output.getvalue()


def test_red_flag_questions_come_first_in_guideline_order() -> None:
    ids = [q.id for q in QUESTIONS]
    assert ids[:5] == [
        "saddle_numbness",
        "bladder_change_new",
        "bowel_change_new",
        "sexual_dysfunction_new",
        "leg_symptom_side",
    ]
    assert ids.index("trauma_major") < ids.index("history_of_cancer") < ids.index("age")
    assert ids.index("age") < ids.index("onset")


def test_an_emergency_answer_stops_the_questions_at_once() -> None:
    script = Script(saddle_numbness="y")
    result, _ = play(script)
    assert script.asked == ["saddle_numbness"]
    assert result.triage == "emergency"
    assert [r.id for r in result.fired] == ["E1"]


def test_weakness_follow_ups_lead_to_an_emergency_when_both_legs() -> None:
    script = Script(leg_weak_any="y", leg_weak_both="y")
    result, _ = play(script)
    assert script.asked[-1] == "leg_weak_both"
    assert result.triage == "emergency"


def test_stable_one_leg_weakness_is_urgent_not_emergency() -> None:
    script = Script(leg_weak_any="y", leg_weak_both="n", leg_weak_worse="n", foot_drop="n")
    result, _ = play(script)
    assert result.triage == "urgent_doctor"
    assert "U7" in [r.id for r in result.fired]


def test_a_calm_runner_gets_self_care_without_leg_follow_ups() -> None:
    script = Script()
    result, _ = play(script)
    assert result.triage == "self_care"
    assert "leg_symptom_onset" not in script.asked
    assert "leg_weak_both" not in script.asked
    assert "age_at_onset" not in script.asked  # a 2-week episode began at today's age
    assert "extra_psoriasis" not in script.asked


def test_leg_follow_ups_are_asked_when_there_are_leg_symptoms() -> None:
    script = Script(
        leg_symptom_side="1",
        leg_symptom_onset="new",
        numbness_tingling_leg="1",
        radiates_below_knee="y",
    )
    result, _ = play(script)
    assert {"leg_symptom_onset", "numbness_tingling_leg", "radiates_below_knee"} <= set(
        script.asked
    )
    assert (result.triage, result.pattern) == ("see_clinician", "radicular")


def test_spread_to_the_other_leg_is_an_emergency_mid_questionnaire() -> None:
    script = Script(leg_symptom_side="2", leg_symptom_onset="new")
    result, _ = play(script)
    assert script.asked[-1] == "leg_symptom_onset"
    assert [r.id for r in result.fired][0] == "E5"


def test_long_term_young_onset_pain_asks_the_inflammatory_extras() -> None:
    script = Script(
        age="29",
        duration_weeks="30",
        age_at_onset="26",
        trend="s",
        previously_assessed_by_clinician="y",
        morning_stiffness_min="45",
        better_with_exercise="y",
        better_with_rest="n",
        wakes_second_half_night_better_on_rising="y",
        extra_psoriasis="y",
    )
    result, _ = play(script)
    assert "extra_psoriasis" in script.asked
    assert (result.triage, result.pattern) == ("see_clinician", "inflammatory")


def test_a_bad_reply_is_asked_again_with_a_hint() -> None:
    script = Script(saddle_numbness=["maybe", "n"], age=["old", "300", "35"])
    result, output = play(script)
    assert script.asked.count("saddle_numbness") == 2
    assert script.asked.count("age") == 3
    assert "type y, n or ? (not sure)" in output
    assert "is not a whole number" in output
    assert "out of range: give 5 to 110" in output
    assert result.triage == "self_care"


@pytest.mark.parametrize("stop", [KeyboardInterrupt, EOFError])
def test_ctrl_c_or_end_of_input_cancels(stop: type[BaseException]) -> None:
    def ask(question: Question, prompt: str) -> str:
        if question.id == "bowel_change_new":
            raise stop
        return "n"

    with pytest.raises(Cancelled, match="nothing was kept"):
        run_questionnaire(ask, Console(file=io.StringIO()))


def _question(qid: str) -> Question:
    return next(q for q in QUESTIONS if q.id == qid)


@pytest.mark.parametrize(
    ("qid", "reply", "value"),
    [
        ("saddle_numbness", "Y", True),
        ("saddle_numbness", " no ", False),
        ("leg_symptom_side", "2", "both"),
        ("leg_symptom_side", "yes, in one leg", "one"),
        ("pain_location", "1, 3,3", ["low_back", "thigh"]),
        ("duration_weeks", "0.5", 0.5),
        ("age", "60", 60),
    ],
)
def test_replies_are_read(qid: str, reply: str, value: Any) -> None:
    assert parse_reply(_question(qid), reply) == value


@pytest.mark.parametrize(
    ("qid", "reply", "message"),
    [
        ("saddle_numbness", "maybe", "type y, n or . .not sure."),
        ("first_ever_episode", "maybe", "type y or n"),
        ("trend", "x", "b (better)"),
        ("pain_location", "9", "'9' is not one of the choices"),
        ("pain_location", "", "at least one"),
        ("pain_now_0_10", "11", "give 0 to 10"),
        ("duration_weeks", "nan", "out of range"),
        ("duration_weeks", "soon", "is not a number"),
    ],
)
def test_unreadable_replies_say_what_is_valid(qid: str, reply: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_reply(_question(qid), reply)


def test_back_goes_to_the_previous_question_and_changes_its_answer() -> None:
    script = Script(bladder_change_new=["<", "n"], saddle_numbness=["n", "n"])
    result, _ = play(script)
    assert script.asked[:3] == ["saddle_numbness", "bladder_change_new", "saddle_numbness"]
    assert result.triage == "self_care"


def test_a_stray_yes_on_question_1_can_be_taken_back() -> None:
    """Issue 12: a stray 'y' on question 1 was an emergency at once, with no way back."""
    script = Script(saddle_numbness=["y", "n"])
    script.confirm = "<"
    result, output = play(script)
    assert script.asked.count("saddle_numbness") == 2
    assert result.triage == "self_care"
    assert "needs help now" in output


def test_not_sure_on_a_warning_sign_is_taken_as_yes_and_said() -> None:
    script = Script(unexplained_weight_loss="?")
    result, _ = play(script)
    assert result.triage == "urgent_doctor"
    assert result.unsure == ("unexplained_weight_loss",)


def test_not_sure_on_an_emergency_sign_is_an_emergency() -> None:
    script = Script(bowel_change_new="not sure")
    result, _ = play(script)
    assert result.triage == "emergency"
    assert result.unsure == ("bowel_change_new",)


def test_version_2_questions_are_asked_in_urgency_order() -> None:
    ids = [q.id for q in QUESTIONS]
    assert ids.index("faint_or_clammy") < ids.index("unexplained_weight_loss")
    assert ids.index("abdominal_pain") < ids.index("age") < ids.index("pain_now_0_10")
    assert ids.index("pain_now_0_10") < ids.index("unexplained_weight_loss")
    assert "pregnant_or_postpartum" in ids


def test_e10_stops_the_questions_once_age_and_pain_are_known() -> None:
    script = Script(abdominal_pain="y", age="67", pain_now_0_10="8")
    result, _ = play(script)
    assert script.asked[-1] == "pain_now_0_10"
    assert [r.id for r in result.fired][:1] == ["E10"]


def test_pregnancy_is_asked_and_gives_c9() -> None:
    script = Script(pregnant_or_postpartum="y")
    result, _ = play(script)
    assert "C9" in [r.id for r in result.fired]
    assert result.triage == "see_clinician"


def test_a_short_flare_of_a_long_history_asks_the_inflammatory_extras() -> None:
    """DOMAIN.md 2.1.4: the history since age_at_onset, not this 4-week flare."""
    script = Script(age="30", first_ever_episode="n", age_at_onset="22", duration_weeks="4")
    play(script)
    assert "extra_uveitis" in script.asked and "extra_psoriasis" in script.asked
