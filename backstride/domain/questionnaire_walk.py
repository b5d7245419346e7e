"""Walking the questionnaire: from the answers so far, the next question or the emergency stop.

Every adapter walks it the same way (the terminal prompt, the web wizard). Answers are kept in the
order asked; going back takes the latest one away; after each answer the emergency rules run on
what is known, and an emergency stops the questions until the runner keeps that answer or takes
it back (DOMAIN.md 2.1.3). A draft of replies as typed (the web form's hidden fields) is read
again from the first question, so a draft can only ever stand for answers a runner could give.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from backstride.domain.questionnaire import (
    QUESTIONS,
    Answers,
    Question,
    emergency_so_far,
    next_question,
)
from backstride.domain.replies import parse_reply
from backstride.domain.screening import Screening
from backstride.errors import InvalidInput

MAX_REPLY_CHARS = 64
"""The longest reply read: the longest option label is well under it."""


@dataclass(frozen=True, slots=True)
class Step:
    """Where the questionnaire stands after the answers so far."""

    question: Question | None
    """The question to ask next; None once the questions are done or stopped."""
    number: int
    """The number the next question is shown with (answers so far, plus one)."""
    emergency: Screening | None
    """Set when the latest answer is an emergency sign: the questions stop until it is kept."""

    @property
    def finished(self) -> bool:
        """Every question that applies has its answer, and none of them is an emergency."""
        return self.question is None and self.emergency is None

    @property
    def can_go_back(self) -> bool:
        """Whether there is an answer to go back to."""
        return self.number > 1


def step_after(answers: Answers, questions: tuple[Question, ...] = QUESTIONS) -> Step:
    """The emergency stop if the answers so far fire one, else the next question (or the end)."""
    emergency = emergency_so_far(answers) if answers else None
    if emergency is not None:
        return Step(None, len(answers), emergency)
    return Step(next_question(answers, questions), len(answers) + 1, None)


def answered(answers: Answers, question: Question, value: Any) -> dict[str, Any]:
    """The answers with this question's answer added as the latest."""
    return {**answers, question.id: value}


def taken_back(answers: Answers) -> dict[str, Any]:
    """The answers without the latest one: going back one question."""
    kept = dict(answers)
    if kept:
        kept.popitem()
    return kept


def replayed(
    replies: Mapping[str, str], questions: tuple[Question, ...] = QUESTIONS
) -> dict[str, Any]:
    """The answers a draft of typed replies stands for, read question by question from the first.

    Raises InvalidInput naming the question for a reply that does not read, and naming the
    replies left over: for a question that is not asked at that point, or after an emergency stop.
    """
    answers: dict[str, Any] = {}
    left = dict(replies)
    while left:
        step = step_after(answers, questions)
        if step.question is None or step.question.id not in left:
            break
        question = step.question
        text = left.pop(question.id)
        if len(text) > MAX_REPLY_CHARS:
            raise InvalidInput(
                f"the answer to {question.id} is {len(text)} characters long; an answer is at "
                f"most {MAX_REPLY_CHARS}"
            )
        try:
            answers = answered(answers, question, parse_reply(question, text))
        except InvalidInput as problem:
            raise InvalidInput(f"the answer to {question.id}: {problem}") from None
    if left:
        names = ", ".join(repr(name[:MAX_REPLY_CHARS]) for name in sorted(left)[:5])
        raise InvalidInput(
            f"answers for {names} do not fit: not a question of this questionnaire, or not "
            "asked at that point; start again from the first question"
        )
    return answers
