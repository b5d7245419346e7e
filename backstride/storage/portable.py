"""Every row a user owns, as plain JSON-ready values, and back: the core of export and import.

Values are encoded by column type: times as ISO 8601 in UTC, dates as ISO dates, bytes as
base64, JSON columns as they are. Decoding checks every column of every row and names the
first problem precisely; nothing is written until a whole table decodes.
"""

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Column, Date, LargeBinary, insert, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.types import JSON, Boolean, Float, Integer, String, Text

from backstride.errors import InvalidInput
from backstride.storage.stored_values import check_row, session_limits
from backstride.storage.tables import (
    OWNED_TABLES,
    ActivityRow,
    Base,
    ExerciseSessionRow,
    ProgrammeChangeRow,
    ScreeningRow,
    UTCDateTime,
)

TABLES: dict[str, type[Base]] = {table.__tablename__: table for table in OWNED_TABLES}


def _columns(table: type[Base]) -> list[Column[Any]]:
    return [column for column in inspect(table).columns if column.name != "user_id"]


def column_names(table_name: str) -> list[str]:
    """The exported columns of a table (every column but the owner's id)."""
    return [column.name for column in _columns(TABLES[table_name])]


def encode(column: Column[Any], value: Any) -> Any:
    """One stored value as a JSON-ready value."""
    if value is None:
        return None
    if isinstance(column.type, UTCDateTime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(column.type, Date):
        return value.isoformat()
    if isinstance(column.type, LargeBinary):
        return base64.b64encode(value).decode("ascii")
    return value


def decode(column: Column[Any], value: Any, where: str) -> Any:
    """One JSON value back to what the column stores; a wrong one raises InvalidInput."""
    if value is None:
        if column.nullable:
            return None
        raise InvalidInput(f"{where}: {column.name} is required")
    kind = column.type
    try:
        if isinstance(kind, UTCDateTime):
            parsed = datetime.fromisoformat(_text(value))
            if parsed.tzinfo is None:
                raise ValueError("a time zone is required")
            return parsed
        if isinstance(kind, Date):
            return date.fromisoformat(_text(value))
        if isinstance(kind, LargeBinary):
            return base64.b64decode(_text(value), validate=True)
        if isinstance(kind, Boolean):
            return _typed(value, bool)
        if isinstance(kind, Integer):
            return _typed(value, int)
        if isinstance(kind, Float):
            return (
                float(value)
                if isinstance(value, int) and not isinstance(value, bool)
                else _typed(value, float)
            )
        if isinstance(kind, String | Text):
            return _typed(value, str)
        if isinstance(kind, JSON):
            return value
    except (ValueError, TypeError, binascii.Error) as error:
        raise InvalidInput(f"{where}: {column.name} {value!r} is not valid ({error})") from error
    raise InvalidInput(f"{where}: {column.name} has a type this format cannot carry")


def _text(value: Any) -> str:
    return str(_typed(value, str))


def _typed(value: Any, kind: type) -> Any:
    if type(value) is not kind:
        raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def dump_user(session: Session, user_id: str) -> dict[str, list[dict[str, Any]]]:
    """Every row the user owns, table by table, in a stable order."""
    document: dict[str, list[dict[str, Any]]] = {}
    for name, table in TABLES.items():
        mapper = inspect(table)
        rows = session.scalars(
            select(table).where(mapper.columns["user_id"] == user_id).order_by(*mapper.primary_key)
        )
        columns = _columns(table)
        document[name] = [
            {column.name: encode(column, getattr(row, column.key)) for column in columns}
            for row in rows
        ]
    return document


RowCheck = Callable[[str, int, dict[str, Any]], None]
"""A caller's rules for one decoded row: (table, index, values); raises InvalidInput."""


@dataclass(frozen=True, slots=True)
class Restored:
    """What a restore did, table by table: rows added, and rows already here under another id."""

    added: dict[str, int]
    merged: dict[str, int]


def load_user(
    session: Session, user_id: str, document: dict[str, Any], check: RowCheck
) -> Restored:
    """Add the document's rows to the user; rows already present must be identical.

    Every row is decoded, checked by `check` and by storage.stored_values, and its references
    resolved before anything is written. A row already stored under another id (the same
    activity file, the same screening) is merged, not added twice. Unknown tables or columns,
    a wrong value, a reference outside this user's data, or a row that clashes with a different
    stored one raise InvalidInput; the caller's transaction then rolls everything back.
    """
    unknown = sorted(set(document) - set(TABLES))
    if unknown:
        raise InvalidInput(f"unknown tables {unknown}: valid tables are {sorted(TABLES)}")
    limits = session_limits(session)
    decoded: dict[str, list[dict[str, Any]]] = {}
    for name, table in TABLES.items():
        rows = document.get(name, [])
        if not isinstance(rows, list):
            raise InvalidInput(f"{name} must be a list of rows")
        decoded[name] = []
        for index, raw in enumerate(rows):
            values = _decode_row(user_id, name, table, raw, index)
            check(name, index, values)
            check_row(_columns(table), values, f"{name} row {index + 1}", limits)
            decoded[name].append(values)
    _check_sessions(session, user_id, decoded["exercise_sessions"], decoded["exercise_logs"])
    _check_programme_changes(session, user_id, decoded["programme_changes"])
    added: dict[str, int] = {}
    merged: dict[str, int] = {}
    for name, table in TABLES.items():
        fresh = _new_rows(session, user_id, name, table, decoded[name])
        unique = _unmerged(session, user_id, name, fresh)
        if unique:
            session.execute(insert(table), unique)
        added[name] = len(unique)
        merged[name] = len(fresh) - len(unique)
    session.flush()
    return Restored(added, merged)


def _content_key(name: str, row: dict[str, Any]) -> Any:
    """What makes two rows of a table the same record whatever their ids (None: only the id)."""
    if name == "activities":
        return row["raw_sha256"]
    if name == "screenings":
        answers = json.dumps(row["answers"], sort_keys=True)
        return (row["taken_at"].astimezone(UTC).isoformat(), row["kind"], answers)
    return None


def _unmerged(
    session: Session, user_id: str, name: str, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The rows whose content is not stored yet (nor earlier in the same file)."""
    if not rows or _content_key(name, rows[0]) is None:
        return rows
    table = TABLES[name]
    mapper = inspect(table)
    owner = mapper.columns["user_id"]
    known: set[Any] = set()
    if name == "activities":
        known = set(session.scalars(select(ActivityRow.raw_sha256).where(owner == user_id)))
    else:
        first = min(row["taken_at"] for row in rows)
        last = max(row["taken_at"] for row in rows)
        for stored in session.scalars(
            select(ScreeningRow).where(
                owner == user_id, ScreeningRow.taken_at >= first, ScreeningRow.taken_at <= last
            )
        ):
            known.add(_content_key(name, {c.key: getattr(stored, c.key) for c in mapper.columns}))
    unique = []
    for row in rows:
        key = _content_key(name, row)
        if key not in known:
            known.add(key)
            unique.append(row)
    return unique


def _check_sessions(
    session: Session,
    user_id: str,
    sessions: list[dict[str, Any]],
    logs: list[dict[str, Any]],
) -> None:
    """Every log belongs to a session of this backup or of this user: never another user's."""
    ours = {row["id"] for row in sessions}
    wanted = {row["session_id"] for row in logs} - ours
    stored: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = sorted(wanted)[start : start + 500]
        query = select(ExerciseSessionRow.id, ExerciseSessionRow.user_id).where(
            ExerciseSessionRow.id.in_(chunk)
        )
        stored.update({str(key): str(owner) for key, owner in session.execute(query)})
    for index, row in enumerate(logs):
        target = row["session_id"]
        if target in ours or stored.get(target) == user_id:
            continue
        whose = "another user's session" if target in stored else "no session in this backup"
        raise InvalidInput(
            f"exercise_logs row {index + 1}: session_id {target!r} is {whose}; a log must "
            "belong to one of the backup's exercise_sessions"
        )


def _check_programme_changes(session: Session, user_id: str, rows: list[dict[str, Any]]) -> None:
    """Each version number is one change's for this user, and an undo names a change of the
    backup or of this user (a version history cannot be merged with a different one)."""
    query = select(ProgrammeChangeRow.id, ProgrammeChangeRow.version).where(
        ProgrammeChangeRow.user_id == user_id
    )
    holders = {int(version): str(key) for key, version in session.execute(query)}
    known = set(holders.values()) | {row["id"] for row in rows}
    for index, row in enumerate(rows):
        where = f"programme_changes row {index + 1}"
        holder = holders.setdefault(row["version"], row["id"])
        if holder != row["id"]:
            raise InvalidInput(
                f"{where}: version {row['version']} is another change's here; a runner's "
                "programme versions are numbered once (restore them into an account without "
                "programme changes, or re-import the same file)"
            )
        if row["undoes"] is not None and row["undoes"] not in known:
            raise InvalidInput(
                f"{where}: undoes {str(row['undoes'])[:40]!r}, which is no programme change of "
                "this backup or of this account"
            )


def _decode_row(user_id: str, name: str, table: type[Base], raw: Any, index: int) -> dict[str, Any]:
    where = f"{name} row {index + 1}"
    columns = _columns(table)
    if not isinstance(raw, dict):
        raise InvalidInput(f"{where} must be an object")
    expected = {column.name for column in columns}
    if set(raw) != expected:
        missing, extra = sorted(expected - set(raw)), sorted(set(raw) - expected)
        raise InvalidInput(f"{where}: missing columns {missing}, unknown columns {extra}")
    values = {column.key: decode(column, raw[column.name], where) for column in columns}
    values["user_id"] = user_id
    return values


def _new_rows(
    session: Session, user_id: str, name: str, table: type[Base], rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The rows not stored yet; a stored row with the same key must be identical and ours."""
    key = inspect(table).primary_key[0]
    name_of_key = str(key.key)
    columns = _columns(table)
    stored: dict[Any, Any] = {}
    keys = [row[name_of_key] for row in rows]
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        for found in session.scalars(select(table).where(key.in_(chunk))):
            stored[getattr(found, name_of_key)] = found
    fresh = []
    seen: set[Any] = set()
    for index, row in enumerate(rows):
        where = f"{name} row {index + 1}"
        if row[name_of_key] in seen:
            raise InvalidInput(f"{where}: the id {row[name_of_key]} appears twice in the file")
        seen.add(row[name_of_key])
        existing = stored.get(row[name_of_key])
        if existing is None:
            fresh.append(row)
            continue
        if existing.user_id != user_id:
            raise InvalidInput(f"{where}: id {row[name_of_key]} belongs to another user here")
        if any(encode(c, getattr(existing, c.key)) != encode(c, row[c.key]) for c in columns):
            raise InvalidInput(
                f"{where}: this database already holds a different row with the same id; "
                "import-data restores into an empty database (or re-imports the same file)"
            )
    return fresh
