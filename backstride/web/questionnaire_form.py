"""The wizard's form as sent: the draft's hidden answers, the reply, the move; tampering refused.

The draft travels in hidden fields named `draft.<question id>`, one per answer given, each holding
the reply as typed in the terminal (y, n, ?, an option's key, a number). They are only ever a
draft: the server reads them again from the first question (domain/questionnaire_walk.replayed)
and decides every result from the whole answers object; any other field is refused.
"""

from dataclasses import dataclass, field
from typing import Literal

from fastapi import Request
from starlette.datastructures import FormData

from backstride.domain.questionnaire import QUESTIONS, Question
from backstride.domain.questionnaire_walk import MAX_REPLY_CHARS
from backstride.domain.replies import reply_text
from backstride.errors import InvalidInput
from backstride.web.auth import FORM_FIELD

DRAFT = "draft."
Move = Literal["answer", "back", "keep"]
MOVES: tuple[Move, ...] = ("answer", "back", "keep")
FIELDS = frozenset({FORM_FIELD, "question", "reply", "move"})
MAX_FIELDS = 2 * len(QUESTIONS) + 20  # every answer, the doctor question, a multi reply
MAX_NAME_CHARS = 80
MAX_PART_BYTES = 64 * 1024  # a longer field is refused by name below, not cut short


async def sent_form(request: Request) -> FormData:
    """The form of this request, with no files and no more fields than a questionnaire has."""
    return await request.form(max_files=0, max_fields=MAX_FIELDS, max_part_size=MAX_PART_BYTES)


def sent_token(form: FormData) -> str | None:
    """The form token the form carries, if any."""
    token = form.get(FORM_FIELD)
    return token if isinstance(token, str) else None


@dataclass(frozen=True, slots=True)
class Sent:
    """One wizard form as read: the draft replies, which question, the reply, the move."""

    draft: dict[str, str]
    question: str
    reply: str
    move: Move
    parts: tuple[str, ...] = field(default=())
    """The reply's parts as sent (several for a where-is-it question), to show them again."""


def _text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"{name[:MAX_NAME_CHARS]!r} must be text, not a file")
    return value


def read_sent(form: FormData) -> Sent:
    """Read the wizard's fields; InvalidInput names any field that is not one of them."""
    draft: dict[str, str] = {}
    parts: list[str] = []
    for name, value in form.multi_items():
        if name.startswith(DRAFT):
            qid = name.removeprefix(DRAFT)
            if qid in draft:
                raise InvalidInput(f"the answer to {qid[:MAX_NAME_CHARS]!r} is sent twice")
            draft[qid] = _text(name, value)
        elif name == "reply":
            parts.append(_text(name, value).strip())
        elif name not in FIELDS:
            raise InvalidInput(
                f"{name[:MAX_NAME_CHARS]!r} is not a field of this form; it sends only the "
                "answers so far, the reply and the move"
            )
    move = _text("move", form.get("move", "answer"))
    if move not in MOVES:
        raise InvalidInput(f"move {move[:MAX_NAME_CHARS]!r} is not valid: answer, back or keep")
    reply = ",".join(part for part in parts if part)
    if len(reply) > MAX_REPLY_CHARS:
        raise InvalidInput(
            f"the reply is {len(reply)} characters long; an answer is at most {MAX_REPLY_CHARS}"
        )
    question = _text("question", form.get("question", ""))[:MAX_NAME_CHARS]
    return Sent(draft, question, reply, move, tuple(parts))


def draft_fields(
    answers: dict[str, object], questions: tuple[Question, ...]
) -> list[tuple[str, str]]:
    """The hidden fields that carry these answers to the next page."""
    by_id = {question.id: question for question in questions}
    return [(DRAFT + qid, reply_text(by_id[qid], value)) for qid, value in answers.items()]
