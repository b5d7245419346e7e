"""Matching a word the user typed against a closed set of valid words."""

import difflib
from collections.abc import Sequence

from backstride.errors import UnknownName


def normalise_word(typed: str) -> str:
    """Lower-case a typed word and treat spaces and hyphens as underscores."""
    return typed.strip().lower().replace("-", "_").replace(" ", "_")


def pick(kind: str, typed: str, valid: Sequence[str]) -> str:
    """The valid word the user meant; anything else raises with close matches and the list."""
    word = normalise_word(typed)
    if word in valid:
        return word
    close = difflib.get_close_matches(word, list(valid), n=3, cutoff=0.5)
    raise UnknownName(kind, typed, close, "valid: " + ", ".join(valid))
