"""Screening a runner: answers in (a JSON document or a model), a triage result out."""

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from pydantic import ValidationError

from backstride.domain.check_in import CHECK_IN_FIELDS, check_in, check_in_answers
from backstride.domain.questionnaire import (
    DOCTOR_ASSESSED,
    QUESTIONS,
    RED_FLAG_QUESTIONS,
    Question,
    skip_inapplicable,
    to_contract,
    unsure_of,
)
from backstride.domain.safety_status import SafetyStatus
from backstride.domain.screening import Screening, screen
from backstride.domain.screening_answers import CONTRACT_VERSION, VERSION_2_FIELDS, ScreeningAnswers
from backstride.domain.validation_words import wanted
from backstride.errors import InvalidInput, NotFound
from backstride.services.care_alerts import alert_on_screening, watch_screenings
from backstride.services.context import Action
from backstride.services.routine import safety_now
from backstride.services.strict_json import strict_json
from backstride.storage.screenings import (
    ScreeningKind,
    list_screenings,
    save_screening,
)
from backstride.storage.screenings import (
    StoredScreening as StoredScreening,
)


def _json_object(text: str, origin: str) -> dict[str, Any]:
    """One JSON object of answers, read strictly (services/strict_json.py)."""
    raw = strict_json(text, origin, "an answers object")
    if not isinstance(raw, dict):
        raise InvalidInput(f"{origin} must be one JSON object of answers, not {type(raw).__name__}")
    return raw


def answers_from_json(text: str, origin: str = "answers") -> ScreeningAnswers:
    """Parse and validate an answers document; every bad field is named in one error."""
    raw = _json_object(text, origin)
    try:
        return ScreeningAnswers.model_validate(raw)
    except ValidationError as error:
        raise InvalidInput(describe_invalid_answers(error, origin)) from error


def describe_invalid_answers(error: ValidationError, origin: str) -> str:
    """One line per bad field: where it is, what is wrong, and the value given."""
    lines = []
    for problem in error.errors(include_url=False):
        field = ".".join(str(part) for part in problem["loc"]) or "(the whole object)"
        if problem["type"] == "missing":
            lines.append(f"  {field}: missing (it is required)")
        elif problem["type"] == "extra_forbidden":
            lines.append(f"  {field}: not a known answer (see screening-answers.md)")
        else:
            lines.append(f"  {field}: {problem['input']!r} is not valid: {wanted(problem)}")
    count = len(lines)
    missing = {str(p["loc"][0]) for p in error.errors() if p["type"] == "missing" and p["loc"]}
    if missing and missing <= set(VERSION_2_FIELDS):
        lines.append(
            f"  (a version-1 answers file: contract version {CONTRACT_VERSION} adds "
            f"{', '.join(VERSION_2_FIELDS)})"
        )
    return f"{origin}: {count} answer{'s' if count != 1 else ''} not valid:\n" + "\n".join(lines)


def screen_answers(answers: ScreeningAnswers) -> Screening:
    """Evaluate the triage table and the pattern rule on validated answers."""
    return screen(answers)


def finish_questionnaire(replies: dict[str, Any]) -> Screening:
    """Screen the replies of a finished questionnaire (questions not asked take their default)."""
    complete = dict(replies)
    skip_inapplicable(complete)
    return screen(to_contract(complete), unsure=unsure_of(complete))


def screening_questions(status: SafetyStatus) -> tuple[Question, ...]:
    """The full questionnaire; while an alarm stands, first whether a doctor has assessed it."""
    if status.held is None:
        return QUESTIONS
    when = status.held.taken_at.date().isoformat()
    level = status.held.level.replace("_", " ")
    doctor = replace(
        DOCTOR_ASSESSED,
        text=f"Your result of {when} ({level}) still stands. {DOCTOR_ASSESSED.text}",
    )
    return (doctor, *QUESTIONS)


def check_in_questions() -> tuple[Question, ...]:
    """The warning-sign questions a check-in asks again."""
    return RED_FLAG_QUESTIONS


def finish_check_in(
    previous: ScreeningAnswers | None,
) -> Callable[[dict[str, Any]], Screening]:
    """A finisher that screens check-in replies merged onto the previous answers."""
    return lambda replies: check_in(replies, previous)


def previous_answers(action: Action) -> ScreeningAnswers | None:
    """The answers a check-in merges onto: the latest full ones with the check-ins since."""
    status = safety_now(action)
    return status.current.answers if status.current is not None else None


def check_in_from_json(action: Action, text: str, origin: str = "check-in") -> Screening:
    """A check-in from a partial answers object (the warning-sign fields); refused without a
    full screening before it (SafetyRefusal)."""
    raw = _json_object(text, origin)
    unknown = sorted(set(raw) - set(CHECK_IN_FIELDS))
    if unknown:
        raise InvalidInput(
            f"{origin}: {', '.join(unknown)} cannot be given in a check-in; valid fields: "
            f"{', '.join(CHECK_IN_FIELDS)}"
        )
    previous = previous_answers(action)
    try:
        return check_in_answers(raw, previous)
    except ValidationError as error:
        raise InvalidInput(describe_invalid_answers(error, origin)) from error


def record_screening(action: Action, result: Screening, kind: ScreeningKind) -> SafetyStatus:
    """Store a result with its answers and rule-table version; returns the level now.

    The level now can be more urgent than this result: an earlier alarm stands until a doctor
    has assessed it (DOMAIN.md 2.1.4).
    """
    store_screening(action, result, kind)
    return safety_now(action)


def store_screening(action: Action, result: Screening, kind: ScreeningKind) -> str:
    """Store a result with its answers and rule-table version, and raise the alerts it calls
    for in the same transaction; returns the record's id."""
    watch = watch_screenings(action)
    record_id = save_screening(
        action.session, action.runner_id, kind, result.answers, result, action.now
    )
    alert_on_screening(action, watch, record_id, result)
    return record_id


def screening_history(action: Action) -> list[StoredScreening]:
    """Every stored screening and check-in, newest first."""
    return list_screenings(action.session, action.runner_id)


def screening_of(action: Action, screening_id: str) -> StoredScreening:
    """One stored screening or check-in of the runner; NotFound for an id that is not theirs."""
    for item in screening_history(action):
        if item.id == screening_id:
            return item
    raise NotFound(f"no screening {screening_id[:40]!r} among yours")
