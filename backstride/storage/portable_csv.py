"""The export's tables as CSV text and back: one cell per column, empty for nothing."""

import csv
import io
import json
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


def csv_to_rows(table_name: str, text: str) -> list[dict[str, Any]]:
    """CSV text back to JSON-ready rows; a malformed cell raises InvalidInput."""
    columns = {column.name: column for column in _columns(table_name)}
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or set(reader.fieldnames) != set(columns):
        raise InvalidInput(
            f"{table_name}.csv: the header must be {', '.join(columns)}, not {reader.fieldnames}"
        )
    return [
        {
            name: _value(columns[name], cell, f"{table_name}.csv line {number}")
            for name, cell in row.items()
        }
        for number, row in enumerate(reader, start=2)
    ]


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
