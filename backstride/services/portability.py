"""Your data, portable: export everything, restore it elsewhere, or delete it for good.

The export format (version 1) is documented in the README: a JSON object
{"format": "backstride-export", "version": 1, "exported_at": ..., "tables": {name: [rows]}},
or, as CSV, a folder holding manifest.json (the same object without "tables") and one
<table>.csv per table.
"""

import json
from pathlib import Path
from typing import Any, Literal

from backstride.config import InputLimits
from backstride.errors import InvalidInput
from backstride.services.context import Action
from backstride.services.input_files import read_text_file
from backstride.services.restore_rows import check_restored_row
from backstride.services.strict_json import strict_json
from backstride.storage.portable import TABLES, Restored, dump_user, load_user

__all__ = ["Restored"]
from backstride.storage.portable_csv import csv_to_rows, rows_to_csv
from backstride.storage.users import delete_user

EXPORT_FORMAT = "backstride-export"
EXPORT_VERSION = 1
ExportFormat = Literal["json", "csv"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("json", "csv")


def export_data(action: Action) -> dict[str, Any]:
    """Everything the user owns, as one versioned document."""
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": action.now.isoformat(),
        "tables": dump_user(action.session, action.runner_id),
    }


def export_json(document: dict[str, Any]) -> str:
    """The document as one JSON file's text."""
    return json.dumps(document, indent=1, sort_keys=True) + "\n"


def export_csv_files(document: dict[str, Any]) -> dict[str, str]:
    """The document as a folder's files: manifest.json and one CSV per table, by file name."""
    manifest = {key: value for key, value in document.items() if key != "tables"}
    manifest["tables"] = sorted(document["tables"])
    files = {"manifest.json": json.dumps(manifest, indent=1) + "\n"}
    for name, rows in document["tables"].items():
        files[f"{name}.csv"] = rows_to_csv(name, rows)
    return files


def read_export(path: Path, limits: InputLimits) -> dict[str, Any]:
    """Read an export file or CSV folder, checking its format and version.

    Each file is read as a regular file of at most the backup limit (InputLimits), UTF-8.
    """
    limit = limits.max_json_bytes
    if path.is_dir():
        manifest = path / "manifest.json"
        document: dict[str, Any] = _parse(
            read_text_file(manifest, "backup manifest", limit), manifest
        )
        _check_header(document, path)
        names = document.get("tables", [])
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            raise InvalidInput(f"{manifest}: 'tables' must be a list of table names")
        document["tables"] = {
            name: csv_to_rows(
                name, read_text_file(path / f"{name}.csv", "backup table", limit), limit
            )
            for name in names
            if _known_table(name)
        }
        return document
    whole: dict[str, Any] = _parse(read_text_file(path, "backup", limit), path)
    _check_header(whole, path)
    if not isinstance(whole.get("tables"), dict):
        raise InvalidInput(f"{path}: 'tables' must be an object of table name -> rows")
    return whole


def _parse(text: str, path: Path) -> Any:
    """A backup's JSON, read strictly (services/strict_json.py)."""
    return strict_json(text, str(path), "a backup")


def _known_table(name: str) -> bool:
    if name not in TABLES:
        raise InvalidInput(f"unknown table {name!r}: valid tables are {sorted(TABLES)}")
    return True


def _check_header(document: Any, path: Path) -> None:
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise InvalidInput(
            f"{path} is not an export made by backstride (no format {EXPORT_FORMAT!r})"
        )
    if document.get("version") != EXPORT_VERSION:
        raise InvalidInput(
            f"{path} is export version {document.get('version')!r}; this backstride reads "
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
