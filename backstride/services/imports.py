"""Importing activity files and folders: one outcome per file, one transaction per file.

A bad file never stops the batch; the same bytes twice, or the same run from two sources
(same start within a minute, same duration within 5 %), is reported as a duplicate.
"""

import gzip
import hashlib
import io
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from backstride.domain.activity import Activity
from backstride.domain.activity_metrics import metrics
from backstride.importers.archive import (
    SKIP_FOLDER,
    Archive,
    Member,
    StravaActivity,
    open_archive,
    open_archive_bytes,
    read_strava_activities,
)
from backstride.importers.failure import ImportFailure, NotAnActivity
from backstride.importers.fit import read_fit_noted
from backstride.importers.gpx import read_gpx
from backstride.importers.tcx import read_tcx
from backstride.services.context import Action
from backstride.storage.activities import activity_key, has_file, same_activity, save_activity

Outcome = Literal["imported", "duplicate", "skipped", "error"]
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # a .gz that unpacks past this is refused (gzip bomb)
Read = tuple[list[Activity], str | None]  # the activities, and a note on what was left out
OpenAction = Callable[[], AbstractContextManager[Action]]  # the adapter's: one per file


def _whole(reader: Callable[[bytes, str], list[Activity]]) -> Callable[[bytes, str], Read]:
    return lambda data, source: (reader(data, source), None)


READERS: dict[str, Callable[[bytes, str], Read]] = {
    ".fit": read_fit_noted,
    ".gpx": _whole(read_gpx),
    ".tcx": _whole(read_tcx),
}


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


def import_path(path: Path, dry_run: bool, open_action: OpenAction) -> Iterator[FileOutcome]:
    """One outcome for a file; one per entry for a .zip (Garmin or Strava bulk export)."""
    if kind_of(path) == ".zip" and path.suffix.lower() == ".zip":
        yield from _import_archive(path, dry_run, open_action)
    else:
        yield import_file(path, dry_run, open_action)


def import_file(path: Path, dry_run: bool, open_action: OpenAction) -> FileOutcome:
    """Read, check for duplicates and store one file, in its own transaction."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return FileOutcome(str(path), "error", f"cannot read: {error.strerror}", 0, 0)
    return _import_bytes(str(path), path.name, raw, dry_run, None, open_action)


def _import_bytes(
    label: str,
    name: str,
    raw: bytes,
    dry_run: bool,
    listed: StravaActivity | None,
    open_action: OpenAction,
) -> FileOutcome:
    size = len(raw)
    reader = READERS.get(kind_of(Path(name)))
    if reader is None:
        return FileOutcome(label, "skipped", "not an activity file", 0, size)
    try:
        data = _unpacked(raw, Path(name))
        activities, note = reader(data, Path(name).name)
    except NotAnActivity as other:
        return FileOutcome(label, "skipped", str(other), 0, size)
    except ImportFailure as error:
        return FileOutcome(label, "error", str(error), 0, size)
    if not activities:
        return FileOutcome(label, "skipped", "no timed activity in this file", 0, size)
    if listed is not None:
        activities = [_as_listed(activity, listed) for activity in activities]
    outcome = _store(label, raw, activities, dry_run, open_action)
    if note is None:
        return outcome
    return replace(outcome, reason=f"{outcome.reason}; {note}")


def _as_listed(activity: Activity, listed: StravaActivity) -> Activity:
    """Strava's activities.csv names the activity; its type fills in a sport the file lacks."""
    sport, sub_sport = activity.sport, activity.sub_sport
    if sport in ("unknown", "generic") and listed.sport is not None:
        sport, sub_sport = listed.sport, listed.sub_sport or sub_sport
    return replace(activity, name=listed.name or activity.name, sport=sport, sub_sport=sub_sport)


def _import_archive(
    path: Path, dry_run: bool, open_action: OpenAction, data: bytes | None = None
) -> Iterator[FileOutcome]:
    label = str(path)
    try:
        archive = open_archive(path) if data is None else open_archive_bytes(data, label)
    except ImportFailure as error:
        yield FileOutcome(label, "error", str(error), 0, _size(path, data))
        return
    with archive:
        members = archive.members()
        listed = _strava_listing(archive, members)
        for member in members:
            where = f"{label}!{member.name}"
            if member.skipped == SKIP_FOLDER:
                continue
            if member.skipped is not None:
                yield FileOutcome(where, "skipped", member.skipped, 0, member.size)
                continue
            try:
                raw = archive.read(member)
            except ImportFailure as error:
                yield FileOutcome(where, "error", str(error), 0, member.size)
                continue
            if member.name.lower().endswith(".zip") and data is None:
                # Garmin exports nest their activity files in inner zips; one level only.
                yield from _import_archive(Path(where), dry_run, open_action, raw)
                continue
            row = listed.rows.get(member.name[len(listed.prefix) :])
            if row is None and member.name.lower().endswith(".csv"):
                yield FileOutcome(where, "skipped", "not an activity file", 0, len(raw))
                continue
            yield _import_bytes(where, member.name, raw, dry_run, row, open_action)


@dataclass(frozen=True, slots=True)
class _Listing:
    prefix: str  # the folder that holds activities.csv: its Filename column is relative to it
    rows: dict[str, StravaActivity]


def _strava_listing(archive: Archive, members: list[Member]) -> _Listing:
    for member in members:
        if member.skipped is None and member.name.rsplit("/", 1)[-1] == "activities.csv":
            prefix = member.name[: -len("activities.csv")]
            try:
                return _Listing(prefix, read_strava_activities(archive.read(member)))
            except ImportFailure:
                break  # not Strava's listing after all: import the files without names
    return _Listing("", {})


def _size(path: Path, data: bytes | None) -> int:
    if data is not None:
        return len(data)
    try:
        return path.stat().st_size
    except OSError:
        return 0


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


def _store(
    path: str, raw: bytes, activities: list[Activity], dry_run: bool, open_action: OpenAction
) -> FileOutcome:
    digest = hashlib.sha256(raw).hexdigest()
    with open_action() as action:
        if has_file(action.session, action.runner_id, digest):
            return FileOutcome(path, "duplicate", "these bytes were imported before", 0, len(raw))
        stored = 0
        twins = []
        for index, activity in enumerate(activities):
            twin = same_activity(action.session, action.runner_id, activity)
            if twin is not None:
                twins.append(twin)
                continue
            if not dry_run:
                save_activity(
                    action.session,
                    action.runner_id,
                    activity,
                    metrics(activity),
                    activity_key(digest, index),
                )
            stored += 1
        if stored == 0:
            reason = f"the same activity was imported before from {twins[0]}"
            return FileOutcome(path, "duplicate", reason, 0, len(raw))
        verb = "would import" if dry_run else "imported"
        return FileOutcome(path, "imported", f"{verb} {stored} activity(ies)", stored, len(raw))
