"""A failed check of a model, said in plain words: the field, the value, what would do."""

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

MAX_SHOWN = 40  # characters of a bad value repeated back


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 3] + "...'"


def _wanted(problem: Mapping[str, Any]) -> str:
    """What a valid value looks like, from the check that failed."""
    kind, context = problem["type"], problem.get("ctx") or {}
    if kind in ("literal_error", "enum"):
        expected = str(context.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"choose {expected}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(context.values()), "")
        words = {
            "greater_than_equal": "or more",
            "less_than_equal": "or less",
            "greater_than": "exclusive, more than that",
            "less_than": "exclusive, less than that",
        }
        return f"give {bound} {words[kind]}"
    if kind == "string_too_long":
        return f"give at most {context.get('max_length')} characters"
    if kind == "string_too_short":
        return f"give at least {context.get('min_length')} characters"
    if kind == "string_pattern_mismatch":
        return "it is not in the expected form"
    if kind in ("value_error", "assertion_error"):  # our own checks: their sentence says it
        return (
            str(problem.get("msg", ""))
            .removeprefix("Value error, ")
            .removeprefix("Assertion failed, ")
        )
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return "give " + KINDS.get(kind.split("_")[0], f"a {kind.split('_')[0]}")
    return "it is not valid here"


KINDS = {
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "string": "text",
    "list": "a list",
    "dict": "an object",
    "model": "an object",
    "datetime": "a date and time",
    "date": "a date",
}
"""Pydantic's names for kinds of value, as people say them."""


def wanted(problem: Mapping[str, Any]) -> str:
    """What a valid value looks like, for one failed check of a model."""
    return _wanted(problem)


def plain_problems(error: ValidationError) -> list[tuple[str, str]]:
    """Each failed check as (field, sentence): "units 'miles' is not valid: choose km, mi"."""
    said = []
    for problem in error.errors(include_url=False):
        field = ".".join(str(part) for part in problem["loc"]) or "value"
        words = field.replace("_", " ")
        value = problem.get("input")
        said.append((field, f"{words} {_shown(value)} is not valid: {_wanted(problem)}"))
    return said
