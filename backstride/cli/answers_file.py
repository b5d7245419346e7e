"""Reading an answers document from a file path or from standard input ('-')."""

import sys
from pathlib import Path

from backstride.errors import InvalidInput


def read_answers_text(location: str) -> tuple[str, str]:
    """The document's text and a name for it in messages; unreadable files raise InvalidInput."""
    if location == "-":
        return sys.stdin.read(), "answers from standard input"
    path = Path(location)
    try:
        return path.read_text(encoding="utf-8"), f"answers file {location!r}"
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise InvalidInput(f"cannot read answers file {location!r}: {reason}") from error
