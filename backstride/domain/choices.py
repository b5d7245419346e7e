"""Matching a word the user typed against a closed set of valid words."""

import difflib
from collections.abc import Sequence
from typing import TypeVar

from backstride.errors import UnknownName

S = TypeVar("S", bound=str)


def normalise_word(typed: str) -> str:
    """Lower-case a typed word and treat spaces and hyphens as underscores."""
    return typed.strip().lower().replace("-", "_").replace(" ", "_")


def pick(kind: str, typed: str, valid: Sequence[S]) -> S:
    """The valid word the user meant; anything else raises with close matches and the list."""
    word = normalise_word(typed)
    for value in valid:
        if value == word:
            return value
    close = difflib.get_close_matches(word, [str(v) for v in valid], n=3, cutoff=0.5)
    raise UnknownName(kind, typed, close, "valid: " + ", ".join(valid))
