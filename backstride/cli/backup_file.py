"""Reading a backup from disk for `import-data`: one JSON file, or a folder of CSV files."""

from pathlib import Path
from typing import Any

from backstride.cli.input_file import read_text_file
from backstride.config import InputLimits
from backstride.services.portability import parse_export, parse_export_manifest, with_csv_tables


def read_backup(path: Path, limits: InputLimits) -> dict[str, Any]:
    """The export at `path`, each file read as a regular file within the backup limit."""
    limit = limits.max_json_bytes
    if not path.is_dir():
        return parse_export(read_text_file(path, "backup", limit), str(path))
    manifest = path / "manifest.json"
    document, names = parse_export_manifest(
        read_text_file(manifest, "backup manifest", limit), str(manifest)
    )
    tables = {name: read_text_file(path / f"{name}.csv", "backup table", limit) for name in names}
    return with_csv_tables(document, tables, limits)
