"""Matching a word the user typed against a closed set of valid words."""

import difflib
from collections.abc import Mapping, Sequence
from typing import TypeVar

from backstride.errors import Hint, UnknownName

S = TypeVar("S", bound=str)


def normalise_word(typed: str) -> str:
    """Lower-case a typed word and treat spaces and hyphens as underscores."""
    return typed.strip().lower().replace("-", "_").replace(" ", "_")


def spelled(word: str) -> str:
    """A valid word as people type it (hyphens, as in the CLI's help), e.g. during-run."""
    return word.replace("_", "-")


def pick(
    kind: str,
    typed: str,
    valid: Sequence[S],
    *,
    field: str | None = None,
    hint: Hint | None = None,
    aliases: Mapping[str, S] | None = None,
) -> S:
    """The valid word the user meant; anything else raises with close matches and the list.

    Typed words match whatever their case and whether they use hyphens, spaces or underscores;
    `aliases` are everyday words that stand for a valid one (sciatica for radicular).
    """
    word = normalise_word(typed)
    for value in valid:
        if value == word:
            return value
    words = aliases or {}
    if word in words:
        return words[word]
    known = [str(v) for v in valid] + list(words)
    close = difflib.get_close_matches(word, known, n=3, cutoff=0.5)
    raise UnknownName(
        kind,
        typed,
        [spelled(c) for c in close],
        "valid: " + ", ".join(spelled(v) for v in valid),
        field=field,
        hint=hint,
    )
