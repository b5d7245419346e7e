"""The Rich consoles the CLI writes to: results on stdout, errors on stderr."""

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

if TYPE_CHECKING:
    from backstride.services.result_model import ResultModel

ERROR_CHARS = 2000
"""An error may quote a value given or read; it is cut to this many characters."""


def out_console() -> Console:
    """A console on the current stdout (so tests that capture stdout see the output)."""
    return Console(file=sys.stdout, highlight=False, soft_wrap=False)


def print_error(message: str) -> None:
    """The error on stderr, shown literally: never as markup, no terminal control obeyed.

    Our own messages may run over several lines (one per bad answer); each line is made inert
    on its own, so the line breaks stay line breaks.
    """
    console = Console(file=sys.stderr, highlight=False, soft_wrap=True)
    from backstride.cli.inert import inert_str

    shown = "\n".join(inert_str(line, None) for line in message[:ERROR_CHARS].split("\n"))
    if len(message) > ERROR_CHARS:
        shown += "…"
    console.print(Text.assemble(("error: ", "bold red"), shown))


def print_json(result: "ResultModel | Sequence[ResultModel]") -> None:
    """A service's result model (or a list of them) as plain JSON on stdout, never wrapped or
    coloured, for scripts and tests: the very shape the API will return.

    JSON escapes C0 controls itself; C1 controls, DEL and bidi overrides (which only occur
    inside strings) are written as \\u escapes too, so the same text reaches the terminal inert.
    """
    import json
    import re

    from backstride.cli.inert import steers_terminal

    def escaped(match: re.Match[str]) -> str:
        character = match.group()
        if not steers_terminal(character):
            return character
        units = character.encode("utf-16-be")  # one unit, or a surrogate pair beyond the BMP
        return "".join(f"\\u{units[i]:02x}{units[i + 1]:02x}" for i in range(0, len(units), 2))

    from backstride.services.result_model import ResultModel

    if isinstance(result, ResultModel):
        payload: object = result.model_dump(mode="json")
    elif isinstance(result, Sequence) and all(isinstance(item, ResultModel) for item in result):
        payload = [item.model_dump(mode="json") for item in result]
    else:
        raise TypeError(f"print_json prints result models only, not {type(result).__name__}")
    text = json.dumps(payload, indent=2, ensure_ascii=False)
    sys.stdout.write(re.sub(r"[^\x00-\x7e]", escaped, text) + "\n")
