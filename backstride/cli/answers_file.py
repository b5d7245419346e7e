"""Reading an answers document from a file path or from standard input ('-')."""

import sys
from pathlib import Path

from backstride.cli.input_file import read_text_file, read_text_stream
from backstride.config import load_settings


def read_answers_text(location: str) -> tuple[str, str]:
    """The document's text and a name for it in messages; unreadable files raise InvalidInput."""
    limit = load_settings().limits.max_json_bytes
    if location == "-":
        origin = "answers from standard input"
        return read_text_stream(sys.stdin, origin, limit), origin
    return read_text_file(Path(location), "answers file", limit), f"answers file {location!r}"
