"""How a file's outcome is named to people: the file's label, and the totals line."""

from collections.abc import Sequence

from backstride.services.imports import FileOutcome


def file_label(path: str) -> str:
    """The file's name; for an archive entry, the archive's name and the entry's path in it."""
    archive, bang, entry = path.rpartition("!")
    if not bang:
        return _name(path)
    return f"{_name(archive.split('!', 1)[0])}!{entry}"


def _name(path: str) -> str:
    """The last part of a path, as pathlib gives it on POSIX."""
    return path.rstrip("/").rsplit("/", 1)[-1] or path


PLURALS = {"duplicate": "duplicates", "error": "errors"}
"""Outcome names that take an s when counted (imported and skipped do not)."""


def outcome_totals(outcomes: Sequence[FileOutcome]) -> str:
    """The one-line summary under the outcomes: "3 files: 2 imported, 1 duplicate."."""
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.outcome] = counts.get(outcome.outcome, 0) + 1
    summary = ", ".join(
        f"{n} {PLURALS.get(name, name) if n != 1 else name}" for name, n in counts.items()
    )
    return f"{len(outcomes)} files: {summary}."
