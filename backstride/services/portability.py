"""Your data, portable: export everything, restore it elsewhere, or delete it for good.

The export format (version 1) is documented in the README: a JSON object
{"format": "backstride-export", "version": 1, "exported_at": ..., "tables": {name: [rows]}},
or, as CSV, a folder holding manifest.json (the same object without "tables") and one
<table>.csv per table.
"""

import json
from typing import Any, Literal

from backstride.config import InputLimits
from backstride.errors import InvalidInput
from backstride.services.context import Action
from backstride.services.export_result import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    ExportResult,
    export_result,
)
from backstride.services.restore_rows import check_restored_row
from backstride.services.strict_json import strict_json
from backstride.storage.portable import TABLES, Restored, dump_user, load_user

__all__ = ["Restored"]
from backstride.storage.portable_csv import csv_to_rows, rows_to_csv
from backstride.storage.users import delete_user

ExportFormat = Literal["json", "csv"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("json", "csv")


def export_data(action: Action) -> ExportResult:
    """Everything the user owns, as one versioned document."""
    return export_result(action.now, dump_user(action.session, action.runner_id))


def export_json(document: ExportResult) -> str:
    """The document as one JSON file's text (its rows are JSON values already)."""
    return json.dumps(document.model_dump(), indent=1, sort_keys=True) + "\n"


def export_csv_files(document: ExportResult) -> dict[str, str]:
    """The document as a folder's files: manifest.json and one CSV per table, by file name."""
    manifest: dict[str, Any] = document.model_dump(exclude={"tables"})
    manifest["tables"] = sorted(document.tables)
    files = {"manifest.json": json.dumps(manifest, indent=1) + "\n"}
    for name, rows in document.tables.items():
        files[f"{name}.csv"] = rows_to_csv(name, rows)
    return files


def parse_export(text: str, origin: str) -> dict[str, Any]:
    """An export handed over as one JSON document, its format and version checked."""
    whole: dict[str, Any] = _parse(text, origin)
    _check_header(whole, origin)
    if not isinstance(whole.get("tables"), dict):
        raise InvalidInput(f"{origin}: 'tables' must be an object of table name -> rows")
    return whole


def parse_export_manifest(text: str, origin: str) -> tuple[dict[str, Any], list[str]]:
    """A CSV export's manifest, checked, and the tables it says come beside it."""
    document: dict[str, Any] = _parse(text, origin)
    _check_header(document, origin)
    names = document.get("tables", [])
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise InvalidInput(f"{origin}: 'tables' must be a list of table names")
    return document, [name for name in names if _known_table(name)]


def with_csv_tables(
    manifest: dict[str, Any], tables: dict[str, str], limits: InputLimits
) -> dict[str, Any]:
    """The manifest with each table's CSV text read into rows."""
    limit = limits.max_json_bytes
    return manifest | {
        "tables": {name: csv_to_rows(name, text, limit) for name, text in tables.items()}
    }


def _parse(text: str, origin: str) -> Any:
    """A backup's JSON, read strictly (services/strict_json.py)."""
    return strict_json(text, origin, "a backup")


def _known_table(name: str) -> bool:
    if name not in TABLES:
        raise InvalidInput(f"unknown table {name!r}: valid tables are {sorted(TABLES)}")
    return True


def _check_header(document: Any, origin: str) -> None:
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise InvalidInput(
            f"{origin} is not an export made by backstride (no format {EXPORT_FORMAT!r})"
        )
    if document.get("version") != EXPORT_VERSION:
        raise InvalidInput(
            f"{origin} is export version {document.get('version')!r}; this backstride reads "
            f"version {EXPORT_VERSION}"
        )


def import_data(action: Action, document: dict[str, Any]) -> Restored:
    """Restore an export into this user's data; re-importing the same file changes nothing.

    Every row is checked first (services.restore_rows): one bad row refuses the whole file.
    """
    return load_user(
        action.session,
        action.runner_id,
        document["tables"],
        lambda name, index, values: check_restored_row(name, index, values, action.now),
    )


def delete_my_data(action: Action) -> None:
    """Remove the user and every row they own (one transaction)."""
    delete_user(action.session, action.runner_id)
