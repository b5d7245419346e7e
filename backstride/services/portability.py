"""Your data, portable: export everything, restore it elsewhere, or delete it for good.

The export format (version 1) is documented in the README: a JSON object
{"format": "backstride-export", "version": 1, "exported_at": ..., "tables": {name: [rows]}},
or, as CSV, a folder holding manifest.json (the same object without "tables") and one
<table>.csv per table.
"""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from backstride.domain.pain import PainEntry
from backstride.domain.profile import Profile
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.errors import InvalidInput
from backstride.services.context import Action
from backstride.storage.portable import TABLES, decode, dump_user, load_user
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


def read_export(path: Path) -> dict[str, Any]:
    """Read an export file or CSV folder, checking its format and version."""
    try:
        if path.is_dir():
            document: dict[str, Any] = json.loads(
                (path / "manifest.json").read_text(encoding="utf-8")
            )
            _check_header(document, path)
            names = document.get("tables", [])
            document["tables"] = {
                name: csv_to_rows(name, (path / f"{name}.csv").read_text(encoding="utf-8"))
                for name in names
                if _known_table(name)
            }
            return document
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror or error}") from error
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"{path} is not valid JSON (line {error.lineno}: {error.msg})"
        ) from error
    _check_header(document, path)
    if not isinstance(document.get("tables"), dict):
        raise InvalidInput(f"{path}: 'tables' must be an object of table name -> rows")
    return document


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


def import_data(action: Action, document: dict[str, Any]) -> dict[str, int]:
    """Restore an export into this user's data; re-importing the same file changes nothing."""
    _check_domain_values(document["tables"])
    return load_user(action.session, action.runner_id, document["tables"])


def _check_domain_values(tables: dict[str, Any]) -> None:
    """Values the database cannot check itself are checked by the domain models."""
    checks: dict[str, Callable[[dict[str, Any]], object]] = {
        "pain_entries": _check_pain_row,
        "screenings": lambda row: ScreeningAnswers.model_validate(row["answers"]),
        "profiles": lambda row: Profile.model_validate(row["document"]),
    }
    for name, check in checks.items():
        for index, row in enumerate(tables.get(name, [])):
            try:
                check(row)
            except (ValidationError, ValueError, KeyError, TypeError) as error:
                raise InvalidInput(f"{name} row {index + 1} is not valid: {error}") from error


def _check_pain_row(row: dict[str, Any]) -> None:
    column = TABLES["pain_entries"].__table__.columns["recorded_at"]
    PainEntry(
        recorded_at=decode(column, row["recorded_at"], "pain_entries"),  # type: ignore[arg-type]
        score=row["score"],
        when=row["when"],
        reaches=row["reaches"],
        side=row["side"],
        note=row["note"],
    )


def delete_my_data(action: Action) -> None:
    """Remove the user and every row they own (one transaction)."""
    delete_user(action.session, action.runner_id)
