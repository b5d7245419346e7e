"""The timeline a session was started with, kept in its stored record for the finish to read."""

from collections.abc import Mapping, Sequence
from dataclasses import asdict, fields
from typing import Any

from backstride.domain.session import Step

TIMELINE_KEY = "timeline"
_STEP_FIELDS = frozenset(field.name for field in fields(Step))


def timeline_document(steps: Sequence[Step]) -> list[dict[str, Any]]:
    """The steps as JSON-ready documents, in order."""
    return [asdict(step) for step in steps]


def stored_steps(routine: Mapping[str, Any]) -> list[Step] | None:
    """The steps a stored session was started with; None when it kept none (an older record)."""
    documents = routine.get(TIMELINE_KEY)
    if not isinstance(documents, list):
        return None
    steps = []
    for document in documents:
        if not isinstance(document, dict) or set(document) != _STEP_FIELDS:
            return None
        steps.append(Step(**document))
    return steps
