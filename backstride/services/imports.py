"""Importing activity files: each file read and measured first, then stored in the caller's action.

The adapter walks folders and opens one brief transaction per file; this service reads a
file's items without the database (`read_file`), then checks them for duplicates and stores
them in the transaction it is given (`store_file`). A bad file never stops the batch; the same
bytes twice, or the same run from two sources (same start within a minute, same duration
within 5 %), is reported as a duplicate.
"""

import errno
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import BinaryIO, Literal

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from backstride.config import InputLimits
from backstride.domain.activity import Activity
from backstride.domain.activity_metrics import ActivityMetrics, metrics
from backstride.importers.any_file import FileItem, failure_reason, read_any
from backstride.services.context import Action
from backstride.storage.activities import activity_key, has_file, same_activity, save_activity

Outcome = Literal["imported", "duplicate", "skipped", "error"]
CLOCK_UNSET_BEFORE = datetime(1991, 1, 1, tzinfo=UTC)  # FIT's epoch plus a year of drift
EARLIEST_START = datetime(1980, 1, 1, tzinfo=UTC)  # before any GPS watch; FIT's clock-unset 1989
LATEST_AHEAD = timedelta(days=1)  # a start later than this after now is a clock gone wrong


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What happened to one file."""

    path: str
    outcome: Outcome
    reason: str
    activities: int
    size_bytes: int


@dataclass(frozen=True, slots=True)
class ReadFile:
    """One file read and measured: all that is left is to check it and store it."""

    item: FileItem
    numbers: tuple[ActivityMetrics, ...]


def read_file(
    name: str, data: bytes | BinaryIO, limits: InputLimits | None = None
) -> Iterator[ReadFile]:
    """Every file that `data` holds (one, or one per archive entry), read and measured.

    No database is touched: the adapter calls this before it opens the write transaction.
    """
    for item in read_any(name, data, limits):
        yield _measured(item)


def _measured(item: FileItem) -> ReadFile:
    try:
        return ReadFile(item, tuple(metrics(activity) for activity in item.activities))
    except Exception as error:  # a reading the metrics cannot handle is that file's error
        failed = replace(item, outcome="error", reason=failure_reason(error), activities=())
        return ReadFile(failed, ())


def import_file(
    action: Action,
    name: str,
    data: bytes | BinaryIO,
    dry_run: bool = False,
    limits: InputLimits | None = None,
) -> list[FileOutcome]:
    """Read, check and store everything one file holds, in the caller's action."""
    return [store_file(action, read, dry_run) for read in read_file(name, data, limits)]


def store_file(action: Action, read: ReadFile, dry_run: bool = False) -> FileOutcome:
    """Check one read file for duplicates and store its activities in the action's transaction."""
    item = read.item
    if item.outcome != "read":
        return FileOutcome(item.label, item.outcome, item.reason, 0, item.size_bytes)
    refusal = _refused_start(item.activities, action.now)
    if refusal is not None:
        return FileOutcome(item.label, "error", refusal, 0, item.size_bytes)
    outcome = _store(action, read, dry_run)
    notes = [note for note in (item.reason, _unset_clock(item.activities)) if note]
    if not notes or outcome.outcome != "imported":
        return outcome
    return replace(outcome, reason="; ".join([outcome.reason, *notes]))


def _unset_clock(activities: tuple[Activity, ...]) -> str | None:
    """A note for a device whose clock was never set: FIT time starts at 31 Dec 1989."""
    if any(activity.start < CLOCK_UNSET_BEFORE for activity in activities):
        return (
            "its clock seems never to have been set (it says 1989-1990): kept, but outside "
            "the charts of recent weeks"
        )
    return None


def failed_outcome(read: ReadFile, error: Exception) -> FileOutcome:
    """The outcome of a file whose storing failed (a full disk, a value the database refused)."""
    item = read.item
    return FileOutcome(item.label, "error", storing_failure(error), 0, item.size_bytes)


def storing_failure(error: BaseException) -> str:
    """A sentence for an error met while storing a file; nothing was kept from that file."""
    cause = error.orig if isinstance(error, DBAPIError) else error
    if isinstance(cause, OSError) and cause.errno == errno.ENOSPC or "disk is full" in str(cause):
        return "not stored: the disk is full; free some space and import it again"
    if isinstance(error, SQLAlchemyError):
        first_line = str(cause).strip().splitlines()[0] if str(cause).strip() else "no detail"
        return f"not stored: the database refused it ({type(cause).__name__}: {first_line})"
    if isinstance(error, OSError):
        return f"not stored: {error.strerror or error}"
    return f"not stored: {failure_reason(error)}"


def _refused_start(activities: tuple[Activity, ...], now: datetime) -> str | None:
    latest = now + LATEST_AHEAD
    for activity in activities:
        start = activity.start
        if start < EARLIEST_START:
            return (
                f"refused: an activity starts at {_shown(start)}, before "
                f"{EARLIEST_START.year}; the device's clock was wrong"
            )
        if start > latest:
            return (
                f"refused: an activity starts at {_shown(start)}, more than a day from now; "
                "the device's clock was wrong"
            )
    return None


def _shown(moment: datetime) -> str:
    """A UTC moment with a four-digit year (strftime drops the zeros of year 1)."""
    m = moment
    return f"{m.year:04d}-{m.month:02d}-{m.day:02d} {m.hour:02d}:{m.minute:02d} UTC"


def _store(action: Action, read: ReadFile, dry_run: bool) -> FileOutcome:
    item, size = read.item, read.item.size_bytes
    if has_file(action.session, action.runner_id, item.sha256):
        return FileOutcome(item.label, "duplicate", "these bytes were imported before", 0, size)
    stored = 0
    twins = []
    for index, (activity, numbers) in enumerate(zip(item.activities, read.numbers, strict=True)):
        twin = same_activity(action.session, action.runner_id, activity)
        if twin is not None:
            twins.append(twin)
            continue
        if not dry_run:
            key = activity_key(item.sha256, index)
            save_activity(action.session, action.runner_id, activity, numbers, key)
        stored += 1
    if stored == 0:
        reason = f"the same activity was imported before from {twins[0]}"
        return FileOutcome(item.label, "duplicate", reason, 0, size)
    verb = "would import" if dry_run else "imported"
    what = "activity" if stored == 1 else "activities"
    return FileOutcome(item.label, "imported", f"{verb} {stored} {what}", stored, size)
