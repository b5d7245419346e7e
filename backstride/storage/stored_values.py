"""What any database here may store: one check before every write, so SQLite and PostgreSQL agree.

SQLite takes almost anything; PostgreSQL refuses, with a DataError, what does not fit its
column: NaN or Infinity inside JSON, a NUL character in text, a string longer than its
column, an integer past the column's size. Every value is checked here first, against the
column definitions in tables.py, so both databases accept and refuse exactly the same rows.
"""

import math
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Column, event, inspect
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.types import JSON, BigInteger, Float, Integer, LargeBinary, String, Text

from backstride.config import InputLimits
from backstride.errors import InvalidInput

INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _bad(where: str, name: str, value: Any, valid: str) -> InvalidInput:
    return InvalidInput(f"{where}: {name} {_shown(value)} cannot be stored; valid: {valid}")


def check_value(column: Column[Any], value: Any, where: str, limits: InputLimits) -> None:
    """Refuse a value the column cannot hold the same way in every database."""
    if value is None:
        return
    kind = column.type
    name = column.name
    if isinstance(kind, Integer) and not isinstance(value, bool) and isinstance(value, int):
        low, high = INT64 if isinstance(kind, BigInteger) else INT32
        if not low <= value <= high:
            raise _bad(where, name, value, f"a whole number from {low} to {high}")
    elif isinstance(kind, Float) and isinstance(value, float) and not math.isfinite(value):
        raise _bad(where, name, value, "a finite number")
    elif isinstance(kind, String | Text) and isinstance(value, str):
        limit = kind.length if kind.length is not None else limits.max_text_chars
        if len(value) > limit:
            raise _bad(where, name, value, f"text of at most {limit} characters")
        _check_text(value, where, name)
    elif isinstance(kind, LargeBinary) and isinstance(value, bytes | bytearray):
        if len(value) > limits.max_json_bytes:
            raise _bad(where, name, f"{len(value)} bytes", f"at most {limits.max_json_bytes}")
    elif isinstance(kind, JSON):
        _check_json(value, f"{where}: {name}", limits, 0)


def _check_json(value: Any, where: str, limits: InputLimits, depth: int) -> None:
    if depth > limits.max_json_depth:
        raise InvalidInput(f"{where} is nested deeper than {limits.max_json_depth} levels")
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int):
        if not INT64[0] <= value <= INT64[1]:
            raise _bad(where, "number", value, "a whole number that fits 64 bits")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _bad(where, "number", value, "a finite number (no NaN or Infinity)")
    elif isinstance(value, str):
        _check_text(value, where, "text")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise _bad(where, "key", key, "text")
            _check_text(key, where, "key")
            _check_json(item, where, limits, depth + 1)
    elif isinstance(value, list | tuple):
        for item in value:
            _check_json(item, where, limits, depth + 1)
    else:
        raise _bad(where, "value", value, "JSON values: objects, lists, text, numbers, true/false")


def _check_text(value: str, where: str, name: str) -> None:
    if "\x00" in value:
        raise _bad(where, name, value, "text without NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        # A lone surrogate: what Python makes of bytes that were not UTF-8 (in argv, say).
        raise _bad(where, name, value, "text that is valid UTF-8") from error


def check_row(
    columns: Iterable[Column[Any]], values: Mapping[str, Any], where: str, limits: InputLimits
) -> None:
    """Check every column's value of one row (by column key)."""
    for column in columns:
        if column.key in values:
            check_value(column, values[column.key], where, limits)


LIMITS_KEY = "backstride_limits"
"""Where a transaction's session carries the Database's input policy."""


def session_limits(session: Session) -> InputLimits:
    """The input policy of the Database this session came from (the defaults otherwise)."""
    limits = session.info.get(LIMITS_KEY)
    return limits if isinstance(limits, InputLimits) else InputLimits()


def _check_pending(session: Session, _context: Any, _instances: Any) -> None:
    limits = session_limits(session)
    for row in (*session.new, *session.dirty):
        state = inspect(row)
        mapper = state.mapper
        # Only what is loaded: reading a deferred column here would load (or refuse) it.
        values = {key: state.dict[key] for key, _ in mapper.columns.items() if key in state.dict}
        check_row(mapper.columns, values, mapper.local_table.name, limits)


def check_before_flush(sessions: sessionmaker[Session]) -> None:
    """Make every flush of these sessions check the rows it is about to write."""
    event.listen(sessions, "before_flush", _check_pending)
