"""Text from a user or a file, made harmless to show: no markup, no terminal control, bounded.

Rich would read `[/x]` as markup (and fail on it), and a terminal obeys escape sequences: a
note holding `ESC [2J` would clear the screen, an OSC 8 sequence would plant a hidden link,
a bidi override would reorder what is shown. Every stored or file-supplied string passes
through `inert` before it reaches the terminal; control characters are shown as visible
escapes (`\\x1b`, `\\u202e`) so the reader sees that they are there.
"""

import unicodedata

from rich.text import Text

SHOWN_CHARS = 200
"""Longer values are cut for display (the stored value is untouched)."""

_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def steers_terminal(character: str) -> bool:
    """True for a control, format or bidi character: one a terminal may obey, not show."""
    if character in "\u200c\u200d":  # joiners shape scripts and emoji; they steer nothing
        return False
    return character in _BIDI_CONTROLS or unicodedata.category(character) in (
        "Cc",
        "Cf",
        "Zl",
        "Zp",
    )


def _visible(character: str) -> str:
    """A character as shown: itself, or its escape when it would steer the terminal."""
    if not steers_terminal(character):
        return character
    code = ord(character)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def inert_str(value: str, limit: int | None = SHOWN_CHARS) -> str:
    """The value with control characters escaped visibly and cut to `limit` characters."""
    long = limit is not None and len(value) > limit
    shown = "".join(_visible(c) for c in (value[:limit] if long else value))
    return shown + "…" if long else shown


def inert(value: str, style: str = "", limit: int | None = SHOWN_CHARS) -> Text:
    """The value as Rich Text that is never read as markup and carries no control characters."""
    return Text(inert_str(value, limit), style=style)
