"""What one file holds, read without a database: items from plain, gzipped and zipped files.

`read_any` is the one place where a reader's failure becomes an item: whatever a reader or
the archive code raises, the item for that file says "error" and names it, and the items
after it are still read.
"""

import gzip
import hashlib
import io
import tempfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import BinaryIO, Literal

from backstride.config import InputLimits
from backstride.domain.activity import Activity
from backstride.errors import BackstrideError, InputRefused
from backstride.importers.archive import (
    MAX_RATIO,
    RATIO_FLOOR_BYTES,
    SKIP_FOLDER,
    Archive,
    Member,
    StravaActivity,
    read_strava_activities,
)
from backstride.importers.failure import ImportFailure, NotAnActivity
from backstride.importers.fit import read_fit_noted
from backstride.importers.gpx import read_gpx
from backstride.importers.tcx import read_tcx

ItemOutcome = Literal["read", "skipped", "error"]
Read = tuple[list[Activity], str | None]  # the activities, and a note on what was left out
Reader = Callable[[bytes, str, InputLimits], Read]
MAX_NESTING = 1  # zips inside a zip are read (Garmin nests them); zips inside those are not
NOT_ACTIVITY = "not an activity file"
CHUNK_BYTES = 1024**2


def _whole(reader: Callable[[bytes, str], list[Activity]]) -> Reader:
    return lambda data, source, _limits: (reader(data, source), None)


READERS: dict[str, Reader] = {
    ".fit": read_fit_noted,
    ".gpx": _whole(read_gpx),
    ".tcx": _whole(read_tcx),
}


@dataclass(frozen=True, slots=True)
class FileItem:
    """One file, or one entry of an archive, as read: its activities or why there are none.

    `sha256` is the digest of the bytes as they came (packed, for a .gz), which is how the
    same file imported twice is recognised; `reason` is a note on what was left out for a
    file that was read, and why for one that was skipped or failed.
    """

    label: str
    sha256: str
    size_bytes: int
    outcome: ItemOutcome
    reason: str
    activities: tuple[Activity, ...] = ()
    adds_items: int = 0
    """On the first entry of a zip inside the upload: how many more files it holds than the
    one its zip counted for in the upload's list (a progress count learns the true total)."""


def kind_of(name: str) -> str:
    """The file's kind by extension, looking through a trailing .gz."""
    suffixes = [s.lower() for s in PurePosixPath(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def is_archive(name: str) -> bool:
    """Whether a name is a zip archive's (a .zip.gz is not: nothing reads it)."""
    return name.lower().endswith(".zip")


def read_any(
    name: str, data: bytes | BinaryIO, limits: InputLimits | None = None
) -> Iterator[FileItem]:
    """Every item a file holds: one for a plain or gzipped file, one per entry of a zip.

    `data` is the file's bytes, or a seekable binary file (a zip is then read entry by
    entry and never whole). Nothing raised while reading escapes: it becomes an item.
    """
    policy = limits or InputLimits()
    if is_archive(name):
        yield from _archive_items(name, data, policy, depth=0)
        return
    try:
        raw = _whole_file(data, policy)
    except Exception as error:  # the file could not even be read: one item says why
        yield _failed(name, "", _size_of(data), error)
        return
    yield _guarded(name, raw, lambda: _plain(name, raw, policy, None))


def _guarded(label: str, raw: bytes, read: Callable[[], FileItem]) -> FileItem:
    """The item `read` gives, or an item naming the file and what went wrong in it."""
    try:
        return read()
    except Exception as error:  # the one per-file boundary: no reader's error escapes it
        return _failed(label, hashlib.sha256(raw).hexdigest(), len(raw), error)


def _failed(label: str, digest: str, size: int, error: Exception) -> FileItem:
    if isinstance(error, NotAnActivity):
        return FileItem(label, digest, size, "skipped", str(error))
    return FileItem(label, digest, size, "error", failure_reason(error))


def failure_reason(error: BaseException) -> str:
    """A sentence for any error met while reading a file, ours or not."""
    if isinstance(error, BackstrideError):
        return str(error)
    if isinstance(error, MemoryError):
        return "too large to read in the memory available; refused"
    if isinstance(error, RecursionError):
        return "nested too deeply to read; refused"
    if isinstance(error, OSError) and error.strerror:
        return f"cannot read: {error.strerror}"
    detail = str(error) or "no detail"
    return f"could not be read ({type(error).__name__}: {detail})"


def _plain(name: str, raw: bytes, limits: InputLimits, listed: StravaActivity | None) -> FileItem:
    digest = hashlib.sha256(raw).hexdigest()
    size = len(raw)
    reader = READERS.get(kind_of(name))
    if reader is None:
        return FileItem(name, digest, size, "skipped", NOT_ACTIVITY)
    data = _unpacked(raw, name, limits)
    activities, note = reader(data, PurePosixPath(name.replace("\\", "/")).name, limits)
    if not activities:
        return FileItem(name, digest, size, "skipped", "no timed activity in this file")
    _check_samples(activities, limits)
    if listed is not None:
        activities = [_as_listed(activity, listed) for activity in activities]
    return FileItem(name, digest, size, "read", note or "", tuple(activities))


def _check_samples(activities: list[Activity], limits: InputLimits) -> None:
    total = sum(len(activity.samples) for activity in activities)
    if total > limits.max_samples_per_file:
        raise InputRefused(
            "track points in this file", f"{total:,}", f"{limits.max_samples_per_file:,}"
        )


def _as_listed(activity: Activity, listed: StravaActivity) -> Activity:
    """Strava's activities.csv names the activity; its type fills in a sport the file lacks."""
    sport, sub_sport = activity.sport, activity.sub_sport
    if sport in ("unknown", "generic") and listed.sport is not None:
        sport, sub_sport = listed.sport, listed.sub_sport or sub_sport
    return replace(activity, name=listed.name or activity.name, sport=sport, sub_sport=sub_sport)


def _whole_file(data: bytes | BinaryIO, limits: InputLimits) -> bytes:
    """A plain file's bytes, refused past the size limit without reading further."""
    cap = limits.max_file_bytes
    raw = data if isinstance(data, bytes) else data.read(cap + 1)
    if len(raw) > cap:
        raise InputRefused("this file", f"more than {_mb(cap)}", f"{_mb(cap)} per file")
    return raw


def _unpacked(raw: bytes, name: str, limits: InputLimits) -> bytes:
    """A .gz file unpacked, refused past the size limit or past what real files unpack to."""
    if not name.lower().endswith(".gz"):
        return raw
    cap = limits.max_file_bytes
    ratio_cap = max(RATIO_FLOOR_BYTES, MAX_RATIO * len(raw))
    buffer = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
            while buffer.tell() <= min(cap, ratio_cap) and (chunk := stream.read(CHUNK_BYTES)):
                buffer.write(chunk)
    except (OSError, EOFError, zlib.error) as error:
        raise ImportFailure(f"not a valid .gz file: {error}") from error
    if buffer.tell() > cap:
        raise ImportFailure(f"refused: unpacks to more than {_mb(cap)} (a gzip bomb?)")
    if buffer.tell() > ratio_cap:
        raise ImportFailure(
            f"refused: its {len(raw):,} bytes unpack to more than {MAX_RATIO} times as many, "
            "far past what activity files reach (a gzip bomb?)"
        )
    return buffer.getvalue()


EMPTY_ZIP = "a zip with no file in it: nothing to read"


def _mb(count: int) -> str:
    return f"{count / 1024**2:,.0f} MB" if count >= 1024**2 else f"{count:,} bytes"


# --- zip archives ------------------------------------------------------------------------------


def _archive_items(
    label: str, data: bytes | BinaryIO, limits: InputLimits, depth: int
) -> Iterator[FileItem]:
    stream: BinaryIO = io.BytesIO(data) if isinstance(data, bytes) else data
    shown_as = label if depth else PurePosixPath(label.replace("\\", "/")).name
    try:
        archive = Archive(
            io.BufferedReader(_Unclosed(stream)), shown_as, limits.max_archive_entries
        )
        members = archive.members()
        listed = _strava_listing(archive, members)
    except Exception as error:
        yield _failed(label, _digest_of(stream), _size_of(stream), error)
        return
    files = [member for member in members if member.skipped != SKIP_FOLDER]
    if depth and not files:
        yield FileItem(label, _digest_of(stream), _size_of(stream), "skipped", EMPTY_ZIP)
        return
    adds = len(files) - 1 if depth else 0  # the upload's list counted this zip as one file
    with archive:
        for member in files:
            for item in _member_items(
                archive, member, f"{label}!{member.name}", listed, limits, depth
            ):
                yield replace(item, adds_items=adds) if adds else item
                adds = 0


def _member_items(
    archive: Archive,
    member: Member,
    where: str,
    listed: "_Listing",
    limits: InputLimits,
    depth: int,
) -> Iterator[FileItem]:
    if member.skipped is not None:
        yield FileItem(where, "", member.size, "skipped", member.skipped)
        return
    row = listed.rows.get(member.name[len(listed.prefix) :])
    if not is_archive(member.name) and kind_of(member.name) not in READERS:
        # Photos and other files in an export are never unpacked, however large.
        yield FileItem(where, "", member.size, "skipped", NOT_ACTIVITY)
        return
    if is_archive(member.name) and depth < MAX_NESTING:
        # A Garmin export's UploadedFiles zips can be larger than memory should hold: each is
        # unpacked to a temporary file and read entry by entry from there.
        with tempfile.TemporaryFile() as spool:
            try:
                archive.unpack_to(member, spool)
            except Exception as error:
                yield _failed(where, "", member.size, error)
                return
            yield from _archive_items(where, spool, limits, depth + 1)
        return
    try:
        raw = archive.read(member)
    except Exception as error:
        yield _failed(where, "", member.size, error)
        return
    if is_archive(member.name):
        digest = hashlib.sha256(raw).hexdigest()
        reason = "a zip inside a zip inside a zip: not read"
        yield FileItem(where, digest, len(raw), "skipped", reason)
        return
    item = _guarded(where, raw, lambda: _plain(member.name, raw, limits, row))
    yield replace(item, label=where)


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


class _Unclosed(io.RawIOBase):
    """The caller's file, seekable and readable, that the archive may close without closing it."""

    def __init__(self, inner: BinaryIO) -> None:
        super().__init__()
        self._inner = inner

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: "memoryview | bytearray") -> int:  # type: ignore[override]
        chunk = self._inner.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._inner.seek(offset, whence)

    def tell(self) -> int:
        return self._inner.tell()


def _digest_of(stream: BinaryIO) -> str:
    try:
        stream.seek(0)
        digest = hashlib.sha256()
        while chunk := stream.read(CHUNK_BYTES):
            digest.update(chunk)
        return digest.hexdigest()
    except (OSError, ValueError):
        return ""


def _size_of(data: bytes | BinaryIO) -> int:
    if isinstance(data, bytes):
        return len(data)
    try:
        return data.seek(0, io.SEEK_END)
    except (OSError, ValueError):
        return 0
