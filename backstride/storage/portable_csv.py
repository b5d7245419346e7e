"""The export's tables as CSV text and back: one cell per column, empty for nothing."""

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Column, inspect
from sqlalchemy.types import JSON, Boolean, Float, Integer, String, Text

from backstride.errors import InvalidInput
from backstride.storage.portable import TABLES


def _columns(table_name: str) -> list[Column[Any]]:
    return [c for c in inspect(TABLES[table_name]).columns if c.name != "user_id"]


def rows_to_csv(table_name: str, rows: list[dict[str, Any]]) -> str:
    """A table's exported rows (JSON-ready values) as CSV text with a header."""
    columns = _columns(table_name)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([column.name for column in columns])
    for row in rows:
        writer.writerow([_cell(column, row[column.name]) for column in columns])
    return out.getvalue()


def _cell(column: Column[Any], value: Any) -> str:
    if value is None:
        return ""
    if isinstance(column.type, JSON):
        return json.dumps(value, sort_keys=True, separators=(",", ":"))
    if isinstance(column.type, Boolean):
        return "true" if value else "false"
    return str(value)


def csv_to_rows(table_name: str, text: str, limit_chars: int) -> list[dict[str, Any]]:
    """CSV text back to JSON-ready rows; a malformed line or cell raises InvalidInput.

    One cell may be as long as the whole file may be (`limit_chars`): a run's packed samples
    are one long cell, far over the csv module's default of 131,072 characters.
    """
    columns = {column.name: column for column in _columns(table_name)}
    where = f"{table_name}.csv"
    previous = csv.field_size_limit(max(limit_chars, 1))
    try:
        return _rows(csv.reader(io.StringIO(text, newline="")), columns, where)
    except csv.Error as error:
        raise InvalidInput(f"{where} is not valid CSV: {error}") from error
    finally:
        csv.field_size_limit(previous)


def _rows(
    reader: Iterator[list[str]], columns: dict[str, Column[Any]], where: str
) -> list[dict[str, Any]]:
    header = next(reader, None)
    if header is None or sorted(header) != sorted(columns):
        raise InvalidInput(f"{where}: the header must be {', '.join(columns)}, not {header}")
    rows = []
    for cells in reader:
        number = _line(reader)
        if len(cells) != len(header):
            raise InvalidInput(
                f"{where} line {number}: {len(cells)} cells, but the header names {len(header)}"
            )
        rows.append(
            {
                name: _value(columns[name], cell, f"{where} line {number}")
                for name, cell in zip(header, cells, strict=True)
            }
        )
    return rows


def _line(reader: Iterator[list[str]]) -> int:
    return int(getattr(reader, "line_num", 0))


def _value(column: Column[Any], cell: str, where: str) -> Any:
    kind = column.type
    if cell == "":
        return "" if isinstance(kind, String | Text) and not column.nullable else None
    try:
        if isinstance(kind, JSON):
            return json.loads(cell)
        if isinstance(kind, Boolean):
            return {"true": True, "false": False}[cell]
        if isinstance(kind, Integer):
            return int(cell)
        if isinstance(kind, Float):
            return float(cell)
    except (ValueError, KeyError) as error:
        raise InvalidInput(f"{where}: {column.name} {cell!r} is not valid") from error
    return cell
