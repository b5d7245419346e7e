"""A kept archive looked into again: how many activity files it holds, and one entry's bytes."""

from pathlib import Path

from backstride.config import InputLimits
from backstride.importers.any_file import is_archive
from backstride.importers.archive import SKIP_FOLDER, Archive, open_archive, open_archive_bytes
from backstride.importers.failure import ImportFailure


def planned_items(name: str, path: Path, limits: InputLimits) -> int:
    """The files an import of this upload will report on: 1, or the entries of a zip that are
    not folders. A zip inside it counts once here, as listing it means unpacking it; its first
    file's FileItem.adds_items brings the count to the true total when the import reaches it."""
    if not is_archive(name):
        return 1
    try:
        with open_archive(path, limits.max_archive_entries) as archive:
            return sum(1 for member in archive.members() if member.skipped != SKIP_FOLDER)
    except Exception:  # an archive that cannot be listed is one item: the import says why
        return 1


def entry_bytes(path: Path, entry: str, limits: InputLimits) -> bytes:
    """The bytes of one entry ("inner.zip!run.fit" when nested) of a zip kept on disk."""
    archive = open_archive(path, limits.max_archive_entries)
    names = entry.split("!")
    while True:
        with archive:
            wanted = next((m for m in archive.members() if m.name == names[0]), None)
            if wanted is None:
                raise ImportFailure(f"{names[0]!r} is not in {archive.label}")
            data = archive.read(wanted)
        names = names[1:]
        if not names:
            return data
        archive = _nested(data, wanted.name, limits)


def _nested(data: bytes, label: str, limits: InputLimits) -> Archive:
    return open_archive_bytes(data, label, limits.max_archive_entries)
