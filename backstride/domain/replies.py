"""Reading what a runner typed in reply to a questionnaire question."""

from typing import Any

from backstride.domain.questionnaire import NOT_SURE, Question
from backstride.errors import InvalidInput

NOT_SURE_REPLIES = ("?", "ns", "not sure", "unsure", "don't know", "dont know")


def parse_reply(question: Question, reply: str) -> Any:
    """Read what the runner typed; anything unreadable raises InvalidInput with a hint."""
    text = reply.strip().lower()
    if question.kind == "yes_no":
        if text in ("y", "yes"):
            return True
        if text in ("n", "no"):
            return False
        if question.takes_not_sure and text in NOT_SURE_REPLIES:
            return NOT_SURE
        valid = "y, n or ? (not sure)" if question.takes_not_sure else "y or n"
        raise InvalidInput(f"{reply.strip()!r} is not an answer here: type {valid}")
    if question.kind == "choice":
        for option in question.options:
            if text in (option.key, option.label.lower()):
                return option.value
        keys = ", ".join(f"{o.key} ({o.label})" for o in question.options)
        raise InvalidInput(f"{reply.strip()!r} is not one of the choices: {keys}")
    if question.kind == "multi":
        return _parse_multi(question, text, reply)
    return _parse_number(question, text, reply)


def _parse_multi(question: Question, text: str, reply: str) -> list[Any]:
    picked: list[Any] = []
    for part in (p.strip() for p in text.replace(" ", ",").split(",") if p.strip()):
        option = next((o for o in question.options if part in (o.key, o.label)), None)
        if option is None:
            keys = ", ".join(f"{o.key} {o.label}" for o in question.options)
            raise InvalidInput(f"{part!r} is not one of the choices: {keys}")
        if option.value not in picked:
            picked.append(option.value)
    if not picked:
        raise InvalidInput("give at least one number, for example 1 or 1,2")
    return picked


def _parse_number(question: Question, text: str, reply: str) -> int | float:
    try:
        value: int | float = int(text) if question.kind == "integer" else float(text)
    except ValueError:
        kind = "a whole number" if question.kind == "integer" else "a number"
        raise InvalidInput(f"{reply.strip()!r} is not {kind}") from None
    if not question.minimum <= value <= question.maximum or value != value:
        low, high = _plain(question.minimum), _plain(question.maximum)
        raise InvalidInput(f"{reply.strip()} is out of range: give {low} to {high}")
    return value


def _plain(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number)


def reply_text(question: Question, value: Any) -> str:
    """The reply that reads back as this value: what a draft keeps for an answer given."""
    if question.kind == "yes_no":
        return "?" if value == NOT_SURE else "y" if value is True else "n"
    if question.kind == "choice":
        return next(o.key for o in question.options if o.value == value)
    if question.kind == "multi":
        return ",".join(o.key for o in question.options if o.value in value)
    return _plain(float(value)) if question.kind == "number" else str(int(value))
