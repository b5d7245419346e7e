"""JSON someone hands us, read strictly: a key given twice, deep nesting or a giant number is
refused with a clear message instead of being quietly resolved or crashing."""

import json
from typing import Any

from backstride.errors import InvalidInput


def strict_json(text: str, origin: str, what: str) -> Any:
    """The parsed document; `origin` names where it came from, `what` what it should be.

    A key given twice is refused, so a later "false" cannot hide an earlier "true".
    """

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                raise InvalidInput(f"{origin}: the key {key!r} is given twice; give it once")
            seen[key] = value
        return seen

    try:
        return json.loads(text, object_pairs_hook=unique)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"{origin} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error
    except RecursionError as error:
        raise InvalidInput(f"{origin} is nested too deeply to be {what}") from error
    except ValueError as error:  # e.g. an integer with thousands of digits
        raise InvalidInput(f"{origin} is not valid: {error}") from error
