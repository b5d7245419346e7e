"""The questionnaire a runner walks: which questions, how it ends, and how its result is kept.

The terminal prompt and the web wizard both ask for one here, walk it with
domain/questionnaire_walk.py, and store what it ends with through record_questionnaire.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from backstride.domain.questionnaire import Question
from backstride.domain.safety_status import SafetyStatus
from backstride.domain.screening import RULES_BY_ID, Screening
from backstride.errors import NotFound
from backstride.services.context import Action
from backstride.services.routine import safety_now
from backstride.services.screening import (
    StoredScreening,
    check_in_questions,
    finish_check_in,
    finish_questionnaire,
    previous_answers,
    screening_history,
    screening_questions,
    store_screening,
)

QuestionnaireKind = Literal["screen", "check_in"]


@dataclass(frozen=True, slots=True)
class Questionnaire:
    """One questionnaire as asked now: its questions in order and how its replies are screened."""

    kind: QuestionnaireKind
    questions: tuple[Question, ...]
    finish: Callable[[dict[str, Any]], Screening]


def screening_questionnaire(action: Action) -> Questionnaire:
    """The full screening; while an alarm stands, it asks first whether a doctor has seen it."""
    return Questionnaire("screen", screening_questions(safety_now(action)), finish_questionnaire)


def check_in_questionnaire(action: Action) -> Questionnaire | None:
    """The warning-sign questions merged onto the last full answers; None without a full
    screening to add to (DOMAIN.md 2.1.4: a check-in cannot fill the other answers)."""
    previous = previous_answers(action)
    if previous is None:
        return None
    return Questionnaire("check_in", check_in_questions(), finish_check_in(previous))


def record_questionnaire(
    action: Action, questionnaire: Questionnaire, result: Screening
) -> tuple[str, SafetyStatus]:
    """Store what a questionnaire ended with; returns the record's id and the level now."""
    kind = questionnaire.kind
    stored = "screen_stopped" if kind == "screen" and result.stopped_early else kind
    record_id = store_screening(action, result, stored)
    return record_id, safety_now(action)


def stored_screening(action: Action, record_id: str) -> StoredScreening:
    """One of this runner's stored screenings or check-ins; NotFound for any other id."""
    for record in screening_history(action):
        if record.id == record_id:
            return record
    raise NotFound("no such screening among yours")


def stored_reasons(record: StoredScreening) -> list[str]:
    """Why a stored result came out as it did: the reason of each rule it fired."""
    return [RULES_BY_ID[rule].reason for rule in record.rules if rule in RULES_BY_ID]
