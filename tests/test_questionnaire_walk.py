"""Walking the questionnaire as every adapter does: the next step, back, and a draft read again."""

from typing import Any

import pytest

from backstride.domain.questionnaire import DOCTOR_ASSESSED, NOT_SURE, QUESTIONS
from backstride.domain.questionnaire_walk import answered, replayed, step_after, taken_back
from backstride.domain.replies import parse_reply, reply_text
from backstride.errors import InvalidInput


def _values(kind: str, question: Any) -> list[Any]:
    if kind == "yes_no":
        return [True, False, *([NOT_SURE] if question.takes_not_sure else [])]
    if kind == "choice":
        return [option.value for option in question.options]
    if kind == "multi":
        return [["low_back"], ["buttock", "foot"]]
    return [int(question.minimum), int(question.maximum)]


@pytest.mark.parametrize("question", [*QUESTIONS, DOCTOR_ASSESSED], ids=lambda q: q.id)
def test_every_answer_is_kept_as_a_reply_that_reads_back_the_same(question: Any) -> None:
    for value in _values(question.kind, question):
        assert parse_reply(question, reply_text(question, value)) == value


def test_the_first_step_is_the_first_question_and_there_is_no_going_back() -> None:
    step = step_after({})
    assert step.question is QUESTIONS[0] and step.number == 1 and not step.can_go_back


def test_an_emergency_answer_stops_the_walk_and_back_takes_it_away() -> None:
    answers = answered({}, QUESTIONS[0], True)
    step = step_after(answers)
    assert step.question is None and step.emergency is not None and not step.finished
    assert step.emergency.triage == "emergency" and step.emergency.stopped_early
    assert taken_back(answers) == {} and step_after(taken_back(answers)).question is QUESTIONS[0]


def test_a_draft_reads_back_to_the_answers_in_question_order() -> None:
    draft = {"bladder_change_new": "?", "saddle_numbness": "n"}
    assert list(replayed(draft)) == ["saddle_numbness", "bladder_change_new"]
    assert replayed(draft)["bladder_change_new"] == NOT_SURE


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        ({"saddle_numbness": "maybe"}, "the answer to saddle_numbness: 'maybe'"),
        ({"saddle_numbness": "n" * 65}, "65 characters"),
        ({"bladder_change_new": "n"}, "'bladder_change_new'"),  # its turn never came
        ({"saddle_numbness": "y", "bladder_change_new": "n"}, "'bladder_change_new'"),
        ({"shoe_size": "42"}, "'shoe_size'"),
    ],
)
def test_a_draft_that_no_runner_could_give_is_refused_by_name(
    draft: dict[str, str], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        replayed(draft)
