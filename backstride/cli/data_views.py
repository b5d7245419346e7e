"""Messages for export and import."""

from pathlib import Path

from rich.text import Text

from backstride.cli.console import out_console
from backstride.cli.inert import inert
from backstride.services.export_result import ExportResult
from backstride.services.portability import Restored


def render_exported(document: ExportResult, output: Path) -> None:
    """Say what was written where."""
    counts = ", ".join(
        f"{len(rows)} {name.replace('_', ' ')}" for name, rows in document.tables.items()
    )
    out_console().print(Text.assemble("Exported to ", inert(str(output)), f": {counts}."))


def render_imported(restored: Restored) -> None:
    """Say what the import added, and what it found already here under another id."""
    merged = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in restored.merged.items() if n)
    if merged:
        out_console().print(f"Merged {merged} already here (same file or same answers).")
    if sum(restored.added.values()) == 0:
        out_console().print("Nothing new to import: everything in that file is already here.")
        return
    counts = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in restored.added.items() if n)
    out_console().print(f"Imported {counts}.")
