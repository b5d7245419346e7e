"""Importing activity files and folders: one outcome per file, one transaction per file.

A bad file never stops the batch; the same bytes twice, or the same run from two sources
(same start within a minute, same duration within 5 %), is reported as a duplicate.
"""

import gzip
import hashlib
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from backstride.domain.activity import Activity
from backstride.domain.activity_metrics import metrics
from backstride.importers.failure import ImportFailure, NotAnActivity
from backstride.importers.fit import read_fit_noted
from backstride.importers.gpx import read_gpx
from backstride.importers.tcx import read_tcx
from backstride.services.context import local_action
from backstride.storage.activities import activity_key, has_file, same_activity, save_activity

Outcome = Literal["imported", "duplicate", "skipped", "error"]
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # a .gz that unpacks past this is refused (gzip bomb)
Read = tuple[list[Activity], str | None]  # the activities, and a note on what was left out


def _whole(reader: Callable[[bytes, str], list[Activity]]) -> Callable[[bytes, str], Read]:
    return lambda data, source: (reader(data, source), None)


READERS: dict[str, Callable[[bytes, str], Read]] = {
    ".fit": read_fit_noted,
    ".gpx": _whole(read_gpx),
    ".tcx": _whole(read_tcx),
}
NOT_YET = {".zip": "zip archives"}


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What happened to one file."""

    path: str
    outcome: Outcome
    reason: str
    activities: int
    size_bytes: int


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Every file under the given paths, folders recursively, in a stable order."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not _junk(child):
                    yield child
        else:
            yield path


def _junk(path: Path) -> bool:
    return "__MACOSX" in path.parts or path.name.startswith(".")


def kind_of(path: Path) -> str:
    """The file's kind by extension, looking through a trailing .gz."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def import_file(path: Path, dry_run: bool) -> FileOutcome:
    """Read, check for duplicates and store one file, in its own transaction."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return FileOutcome(str(path), "error", f"cannot read: {error.strerror}", 0, 0)
    size = len(raw)
    kind = kind_of(path)
    if kind in NOT_YET:
        reason = f"{NOT_YET[kind]} are not imported yet (coming with the FIT importer)"
        return FileOutcome(str(path), "skipped", reason, 0, size)
    reader = READERS.get(kind)
    if reader is None:
        return FileOutcome(str(path), "skipped", "not an activity file", 0, size)
    try:
        data = _unpacked(raw, path)
        activities, note = reader(data, path.name)
    except NotAnActivity as other:
        return FileOutcome(str(path), "skipped", str(other), 0, size)
    except ImportFailure as error:
        return FileOutcome(str(path), "error", str(error), 0, size)
    if not activities:
        return FileOutcome(str(path), "skipped", "no timed activity in this file", 0, size)
    outcome = _store(path, raw, activities, dry_run)
    if note is None:
        return outcome
    return replace(outcome, reason=f"{outcome.reason}; {note}")


def _unpacked(raw: bytes, path: Path) -> bytes:
    if path.suffix.lower() != ".gz":
        return raw
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
            data = stream.read(MAX_UNPACKED_BYTES + 1)
    except (OSError, EOFError) as error:
        raise ImportFailure(f"not a valid .gz file: {error}") from error
    if len(data) > MAX_UNPACKED_BYTES:
        raise ImportFailure(
            f"refused: unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB (a gzip bomb?)"
        )
    return data


def _store(path: Path, raw: bytes, activities: list[Activity], dry_run: bool) -> FileOutcome:
    digest = hashlib.sha256(raw).hexdigest()
    with local_action() as action:
        if has_file(action.session, action.user_id, digest):
            return FileOutcome(
                str(path), "duplicate", "these bytes were imported before", 0, len(raw)
            )
        stored = 0
        twins = []
        for index, activity in enumerate(activities):
            twin = same_activity(action.session, action.user_id, activity)
            if twin is not None:
                twins.append(twin)
                continue
            if not dry_run:
                save_activity(
                    action.session,
                    action.user_id,
                    activity,
                    metrics(activity),
                    activity_key(digest, index),
                )
            stored += 1
        if stored == 0:
            reason = f"the same activity was imported before from {twins[0]}"
            return FileOutcome(str(path), "duplicate", reason, 0, len(raw))
        verb = "would import" if dry_run else "imported"
        return FileOutcome(
            str(path), "imported", f"{verb} {stored} activity(ies)", stored, len(raw)
        )
