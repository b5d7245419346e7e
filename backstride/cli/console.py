"""The Rich consoles the CLI writes to: results on stdout, errors on stderr."""

import sys

from rich.console import Console
from rich.text import Text

ERROR_CHARS = 2000
"""An error may quote a value given or read; it is cut to this many characters."""


def out_console() -> Console:
    """A console on the current stdout (so tests that capture stdout see the output)."""
    return Console(file=sys.stdout, highlight=False, soft_wrap=False)


def print_error(message: str) -> None:
    """One red line on stderr; the message is shown literally, never as markup."""
    console = Console(file=sys.stderr, highlight=False, soft_wrap=True)
    from backstride.cli.inert import inert_str

    console.print(Text.assemble(("error: ", "bold red"), inert_str(message, ERROR_CHARS)))


def print_json(payload: object) -> None:
    """Plain JSON on stdout, never wrapped or coloured, for scripts and tests."""
    import json

    sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
