"""Screening a runner: answers in (a JSON document or a model), a triage result out."""

import json
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from backstride.domain.check_in import check_in
from backstride.domain.questionnaire import (
    QUESTIONS,
    RED_FLAG_QUESTIONS,
    Question,
    skip_inapplicable,
    to_contract,
)
from backstride.domain.screening import Screening, screen
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.errors import InvalidInput
from backstride.services.context import Action
from backstride.storage.screenings import (
    ScreeningKind,
    latest_answers,
    list_screenings,
    save_screening,
)
from backstride.storage.screenings import (
    StoredScreening as StoredScreening,
)


def answers_from_json(text: str, origin: str = "answers") -> ScreeningAnswers:
    """Parse and validate an answers document; every bad field is named in one error."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"{origin} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error
    if not isinstance(raw, dict):
        raise InvalidInput(f"{origin} must be one JSON object of answers, not {type(raw).__name__}")
    try:
        return ScreeningAnswers.model_validate(raw)
    except ValidationError as error:
        raise InvalidInput(describe_invalid_answers(error, origin)) from error


def describe_invalid_answers(error: ValidationError, origin: str) -> str:
    """One line per bad field: where it is, what is wrong, and the value given."""
    lines = []
    for problem in error.errors(include_url=False):
        field = ".".join(str(part) for part in problem["loc"]) or "(the whole object)"
        message = problem["msg"]
        if problem["type"] == "missing":
            lines.append(f"  {field}: missing (it is required)")
        elif problem["type"] == "extra_forbidden":
            lines.append(f"  {field}: not a known answer (see screening-answers.md)")
        else:
            lines.append(f"  {field}: {message} (got {problem['input']!r})")
    count = len(lines)
    return f"{origin}: {count} answer{'s' if count != 1 else ''} not valid:\n" + "\n".join(lines)


def screen_answers(answers: ScreeningAnswers) -> Screening:
    """Evaluate the triage table and the pattern rule on validated answers."""
    return screen(answers)


def finish_questionnaire(replies: dict[str, Any]) -> Screening:
    """Screen the replies of a finished questionnaire (questions not asked take their default)."""
    complete = dict(replies)
    skip_inapplicable(complete)
    return screen_answers(to_contract(complete))


def check_in_questions(previous: ScreeningAnswers | None) -> tuple[Question, ...]:
    """The warning-sign questions, and the age when no earlier screening is stored."""
    if previous is not None:
        return RED_FLAG_QUESTIONS
    age = next(question for question in QUESTIONS if question.id == "age")
    return (*RED_FLAG_QUESTIONS, age)


def finish_check_in(
    previous: ScreeningAnswers | None,
) -> Callable[[dict[str, Any]], Screening]:
    """A finisher that screens check-in replies merged onto the previous answers."""
    return lambda replies: check_in(replies, previous)


def previous_answers(action: Action) -> ScreeningAnswers | None:
    """The answers of the newest stored screening or check-in."""
    return latest_answers(action.session, action.user_id)


def record_screening(action: Action, result: Screening, kind: ScreeningKind) -> str:
    """Store a result with its answers and rule-table version; returns its id."""
    return save_screening(action.session, action.user_id, kind, result.answers, result, action.now)


def screening_history(action: Action) -> list[StoredScreening]:
    """Every stored screening and check-in, newest first."""
    return list_screenings(action.session, action.user_id)


def screening_payload(result: Screening) -> dict[str, Any]:
    """The result as the contract's JSON object, with the details behind it."""
    criteria = result.criteria
    return {
        "triage": result.triage,
        "pattern": result.pattern,
        "rules": [rule.id for rule in result.fired],
        "reasons": [rule.reason for rule in result.fired],
        "next_steps": result.next_steps,
        "safety_net": result.safety_net,
        "pattern_reason": result.pattern_reason,
        "fired": [
            {"id": r.id, "level": r.level, "reason": r.reason, "source": r.source}
            for r in result.fired
        ],
        "exercises_allowed": result.exercises_allowed,
        "inflammatory_criteria": {
            "asas": list(criteria.asas_items),
            "asas_positive": criteria.asas_positive,
            "berlin": list(criteria.berlin_items),
            "berlin_positive": criteria.berlin_positive,
            "ng65": list(criteria.ng65_items),
            "ng65_referral": criteria.ng65_referral,
        },
        "rule_table_version": result.rule_table_version,
    }
