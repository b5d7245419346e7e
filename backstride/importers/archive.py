"""Garmin and Strava bulk-export zip archives, read in memory behind caps that stop zip bombs."""

import copy
import csv
import io
import math
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from backstride.importers.failure import ImportFailure

try:
    import lzma

    _CODEC_ERRORS: tuple[type[Exception], ...] = (zlib.error, lzma.LZMAError)
except ImportError:  # a Python built without lzma; zipfile then refuses LZMA members itself
    _CODEC_ERRORS = (zlib.error,)

MAX_MEMBERS = 20_000  # entries in one archive, folders included
MAX_TOTAL_UNPACKED_BYTES = 4 * 1024**3  # the sum of every entry's declared size
MAX_MEMBER_BYTES = 256 * 1024**2  # one entry, unpacked
MAX_RATIO = 200  # declared unpacked / packed; real FIT, GPX and CSV files stay far below
RATIO_FLOOR_BYTES = 1024**2  # entries this small are never refused for their ratio
DIRECTORY_BYTES_PER_MEMBER = 1024  # the table of contents may average this much per entry
CHUNK_BYTES = 1024**2

SKIP_ESCAPES = "path escapes the archive"
SKIP_FOLDER = "a folder"
SKIP_LINK = "a symbolic link"
SKIP_MACOS = "macOS resource-fork junk"
SKIP_HIDDEN = "hidden file"
SKIP_ENCRYPTED = "encrypted"

_END_RECORD = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_END_RECORD_SEARCH = _END_RECORD_SIZE + 0xFFFF  # the record, then a comment of up to 64 KiB
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_LOCATOR_SIZE = 20
_ZIP64_RECORD = b"PK\x06\x06"
_ZIP64_RECORD_SIZE = 56
_LOCAL_HEADER = b"PK\x03\x04"
_DRIVE = re.compile(r"[A-Za-z]:")
_MSDOS_FOLDER = 0x10


@dataclass(frozen=True, slots=True)
class Member:
    """One entry of an archive: its path there, its declared size, and why it is skipped if so.

    `skipped` is None for an entry that may be read, else the reason it is not; `index` is its
    position in the archive, which tells apart two entries that share a name.
    """

    name: str
    size: int
    skipped: str | None
    index: int


@dataclass(frozen=True, slots=True)
class StravaActivity:
    """One row of a Strava export's activities.csv: what the file alone may not say."""

    activity_id: str
    name: str | None
    sport: str | None
    sub_sport: str | None
    distance_m: float | None


class Archive:
    """An open zip archive: its entries listed and checked up front, each read whole into memory.

    Every read stops one byte past the entry's declared size, and the declared sizes add up to
    at most MAX_TOTAL_UNPACKED_BYTES, so reading the whole archive unpacks little more than that.
    Nothing is ever written to disk.
    """

    def __init__(self, stream: BinaryIO, label: str, max_entries: int | None = None) -> None:
        self.label = shown(label)
        self._stream = stream
        cap = MAX_MEMBERS if max_entries is None else max_entries
        try:
            _check_table_of_contents(stream, self.label, cap)
            try:
                self._zip = zipfile.ZipFile(stream)
            except (zipfile.BadZipFile, EOFError, OSError, ValueError, struct.error) as error:
                raise ImportFailure(f"{self.label} is a damaged zip archive ({error})") from error
            except NotImplementedError as error:
                raise ImportFailure(
                    f"{self.label} uses zip features backstride cannot read ({error})"
                ) from error
            self._infos = self._zip.infolist()
            _check_totals(self._infos, self.label, cap)
        except BaseException:
            if hasattr(self, "_zip"):
                self._zip.close()
            stream.close()
            raise
        self._members = [_member(index, info) for index, info in enumerate(self._infos)]
        self._closed = False

    def __enter__(self) -> "Archive":
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the archive and the file under it."""
        self._closed = True
        self._zip.close()
        self._stream.close()

    def members(self) -> list[Member]:
        """Every entry, in archive order, with the reason it is skipped where it is."""
        return list(self._members)

    def read(self, member: Member) -> bytes:
        """One entry's unpacked bytes; refused if skipped, too big, or not what its header says."""
        buffer = io.BytesIO()
        self._checked_unpack(member, buffer, MAX_MEMBER_BYTES, "one file")
        return buffer.getvalue()

    def unpack_to(self, member: Member, target: BinaryIO) -> None:
        """One entry unpacked into `target` (a file: a zip inside an export can be larger than
        memory should hold), with read()'s checks; its cap is the archive's total, not one
        file's, as its own entries are each checked when it is opened."""
        self._checked_unpack(member, target, MAX_TOTAL_UNPACKED_BYTES, "a zip inside an archive")
        target.seek(0)

    def _checked_unpack(self, member: Member, target: BinaryIO, cap: int, what: str) -> None:
        if self._closed:
            raise ValueError(f"{self.label} is closed")
        info = self._info(member)
        where = f"{shown(member.name)} in {self.label}"
        if member.skipped is not None:
            raise ImportFailure(f"{where} is not read: {member.skipped}")
        _check_member_size(info, where, (cap, what))
        length, crc = self._unpack(info, where, target)
        declared = info.file_size
        if length > declared:
            raise ImportFailure(
                f"{where} holds more than the {declared:,} bytes its header declares; "
                "refused as damaged or forged"
            )
        if length < declared:
            raise ImportFailure(
                f"{where} holds {length:,} bytes, not the {declared:,} its header declares; "
                "refused as damaged or forged"
            )
        if crc != info.CRC:
            raise ImportFailure(
                f"{where} is damaged: its contents do not match the checksum the archive "
                "records for it"
            )

    def _unpack(self, info: zipfile.ZipInfo, where: str, target: BinaryIO) -> tuple[int, int]:
        """At most one byte more than declared, so data that runs past its header shows itself;
        the length written and its CRC-32.

        zipfile alone would stop at the declared size and, if the checksum were forged to
        match, hand back the data cut short without a word; read() checks the checksum itself.
        """
        probe = copy.copy(info)
        probe.file_size = info.file_size + 1
        del probe.CRC  # without it zipfile checks nothing at the (moved) end
        length, crc = 0, 0
        try:
            with self._zip.open(probe) as stream:
                while length <= info.file_size and (chunk := stream.read(CHUNK_BYTES)):
                    target.write(chunk)
                    length += len(chunk)
                    crc = zlib.crc32(chunk, crc)
        except zipfile.BadZipFile as error:
            raise ImportFailure(f"{where} is damaged ({error})") from error
        except _CODEC_ERRORS as error:
            raise ImportFailure(
                f"{where} is damaged: its packed data cannot be unpacked ({error})"
            ) from error
        except EOFError as error:
            raise ImportFailure(
                f"{where} is cut short: the archive ends before this file does"
            ) from error
        except NotImplementedError as error:
            how = str(error)  # e.g. "compression type 98 (ppmd)", "strong encryption (flag bit 6)"
            if "compression method" in how:
                how = f"compression method {info.compress_type}"
            raise ImportFailure(f"{where} uses {how}, which backstride cannot unpack") from error
        except RuntimeError as error:
            if info.flag_bits & 0x1:
                raise ImportFailure(
                    f"{where} is encrypted; export the archive again without a password"
                ) from error
            raise ImportFailure(f"{where} cannot be unpacked here ({error})") from error
        except (OSError, ValueError) as error:
            # The archive opened and was listed, so a failed seek or read here comes from
            # an offset in its headers that points outside it.
            raise ImportFailure(f"{where} is damaged: {error}") from error
        return length, crc

    def _info(self, member: Member) -> zipfile.ZipInfo:
        if 0 <= member.index < len(self._members) and self._members[member.index] == member:
            return self._infos[member.index]
        raise ValueError(f"{member.name!r} (entry {member.index}) is not in {self.label}")


def open_archive(path: Path, max_entries: int | None = None) -> Archive:
    """Open a zip archive on disk after checking its entry count and declared total size."""
    try:
        stream = path.open("rb")
    except OSError as error:
        raise ImportFailure(f"cannot read {shown(path.name)}: {error.strerror or error}") from error
    return Archive(stream, path.name, max_entries)


def open_archive_bytes(data: bytes, label: str, max_entries: int | None = None) -> Archive:
    """Open a zip archive held in memory (one inside another, as Garmin exports nest them)."""
    return Archive(io.BytesIO(data), label, max_entries)


def member_name(path: str) -> str:
    """A path inside an archive with forward slashes and no empty or '.' parts."""
    parts = path.replace("\\", "/").split("/")
    return "/".join(part for part in parts if part not in ("", "."))


def shown(name: str) -> str:
    """A name safe to print: control characters (a terminal's escape codes too) spelled out."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in name)


def escapes(path: str) -> bool:
    """True for a path that could land outside a folder it was unpacked into."""
    if "\x00" in path:
        return True
    slashed = path.replace("\\", "/")
    if slashed.startswith("/") or _DRIVE.match(slashed):
        return True
    return any(part.strip(" ") == ".." for part in slashed.split("/"))


def _member(index: int, info: zipfile.ZipInfo) -> Member:
    raw = info.orig_filename  # zipfile cuts `filename` at a NUL byte; the original keeps it
    reason = _skip_reason(info, raw)
    if reason == SKIP_ESCAPES:
        name = raw.replace("\\", "/").replace("\x00", "\\x00")
    else:
        name = member_name(raw)
    return Member(name=name, size=info.file_size, skipped=reason, index=index)


def _skip_reason(info: zipfile.ZipInfo, raw: str) -> str | None:
    mode = info.external_attr >> 16
    parts = member_name(raw).split("/")
    if escapes(raw):
        return SKIP_ESCAPES
    if (
        raw.replace("\\", "/").endswith("/")
        or info.external_attr & _MSDOS_FOLDER
        or stat.S_ISDIR(mode)
    ):
        return SKIP_FOLDER
    if stat.S_ISLNK(mode):
        return SKIP_LINK
    if "__MACOSX" in parts or parts[-1].startswith("._"):
        return SKIP_MACOS
    if any(part.startswith(".") for part in parts):
        return SKIP_HIDDEN
    if info.flag_bits & 0x1:
        return SKIP_ENCRYPTED
    return None


def _check_table_of_contents(stream: BinaryIO, label: str, cap: int) -> None:
    """Refuse, from the end records alone, an archive with too many entries to list."""
    try:
        size = stream.seek(0, io.SEEK_END)
        stream.seek(0)
        start = stream.read(len(_LOCAL_HEADER))
        tail_start = max(0, size - _END_RECORD_SEARCH)
        stream.seek(tail_start)
        tail = stream.read()
    except OSError as error:
        raise ImportFailure(f"cannot read {label}: {error}") from error
    at = tail.rfind(_END_RECORD)
    if at < 0 or len(tail) - at < _END_RECORD_SIZE:
        if start == _LOCAL_HEADER:
            raise ImportFailure(
                f"{label} is cut short: it begins like a zip archive but its table of contents "
                "is missing (a download that did not finish?)"
            )
        raise ImportFailure(f"{label} is not a zip archive")
    count, directory_bytes = struct.unpack("<10xHI4xH", tail[at : at + _END_RECORD_SIZE])[:2]
    if count == 0xFFFF or directory_bytes == 0xFFFFFFFF:
        # Saturated fields: the true numbers are in the ZIP64 end record.
        count, directory_bytes = _zip64_counts(stream, tail, at, count, directory_bytes)
    _check_count(count, label, cap)
    directory_cap = cap * DIRECTORY_BYTES_PER_MEMBER
    if directory_bytes > directory_cap:
        raise ImportFailure(
            f"{label} has a table of contents of {_amount(directory_bytes)}, more than the "
            f"{_amount(directory_cap)} that {cap:,} entries could need; refused"
        )


def _zip64_counts(
    stream: BinaryIO, tail: bytes, at: int, count: int, directory_bytes: int
) -> tuple[int, int]:
    """The entry count and directory size from the ZIP64 end record, found by its locator.

    Without a readable locator and record, the 32-bit values stand: zipfile then lists the
    entries itself and the count is checked again on what it found.
    """
    locator_at = at - _ZIP64_LOCATOR_SIZE
    if locator_at < 0 or tail[locator_at : locator_at + 4] != _ZIP64_LOCATOR:
        return count, directory_bytes
    (record_offset,) = struct.unpack_from("<8xQ", tail, locator_at)
    try:
        stream.seek(record_offset)
        record = stream.read(_ZIP64_RECORD_SIZE)
    except (OSError, ValueError, OverflowError):
        return count, directory_bytes
    if len(record) < _ZIP64_RECORD_SIZE or record[:4] != _ZIP64_RECORD:
        return count, directory_bytes
    total, directory = struct.unpack_from("<32xQQ", record)
    return total, directory


def _check_count(count: int, label: str, cap: int) -> None:
    if count > cap:
        raise ImportFailure(
            f"{label} holds {count:,} entries, more than the {cap:,} an export needs; refused"
        )


def _check_totals(infos: list[zipfile.ZipInfo], label: str, cap: int) -> None:
    _check_count(len(infos), label, cap)
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_UNPACKED_BYTES:
        raise ImportFailure(
            f"{label} would unpack to {_amount(total)}, more than the "
            f"{_amount(MAX_TOTAL_UNPACKED_BYTES)} limit; refused (a zip bomb?)"
        )


def _check_member_size(info: zipfile.ZipInfo, where: str, cap: tuple[int, str]) -> None:
    """Refuse an entry over its cap (bytes, and what the cap is for) or packed like a zip bomb."""
    declared, packed = info.file_size, info.compress_size
    if declared > cap[0]:
        raise ImportFailure(
            f"{where} would unpack to {_amount(declared)}, more than the "
            f"{_amount(cap[0])} {cap[1]} may; refused"
        )
    if declared > RATIO_FLOOR_BYTES and declared > MAX_RATIO * packed:
        ratio = f"{declared / packed:,.0f} times" if packed else "infinitely"
        raise ImportFailure(
            f"{where} unpacks {_amount(packed)} into {_amount(declared)}, {ratio} larger, "
            f"past the {MAX_RATIO} times that real files reach; refused as a likely zip bomb"
        )


def _amount(count: int) -> str:
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if count >= size:
            return f"{count / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{count} bytes"


# --- Strava's activities.csv -------------------------------------------------------------------

SPORT_CHARS = 32  # the longest sport name stored (the activities table's sport column)

# Keys are Strava's activity types lower-cased without spaces, hyphens or underscores, so the
# export's "Trail Run" and the API's "TrailRun" land on the same entry.
STRAVA_SPORTS: dict[str, tuple[str, str | None]] = {
    "run": ("running", None),
    "trailrun": ("running", "trail"),
    "virtualrun": ("running", "virtual"),
    "ride": ("cycling", None),
    "virtualride": ("cycling", "virtual"),
    "ebikeride": ("cycling", "e_bike"),
    "emountainbikeride": ("cycling", "e_bike"),
    "mountainbikeride": ("cycling", "mountain"),
    "gravelride": ("cycling", "gravel"),
    "walk": ("walking", None),
    "hike": ("hiking", None),
    "swim": ("swimming", None),
}


def strava_sport(activity_type: str) -> tuple[str | None, str | None]:
    """Our sport and sub-sport for Strava's "Activity Type".

    An unknown type is kept as a name of lower-case letters, digits and underscores, at most
    SPORT_CHARS long (what the sport column holds); one with nothing of those left is None.
    """
    text = activity_type.strip()
    if not text:
        return None, None
    known = STRAVA_SPORTS.get(re.sub(r"[\s_-]", "", text.lower()))
    if known is not None:
        return known
    name = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:SPORT_CHARS].rstrip("_")
    return name or None, None


def read_strava_activities(data: bytes) -> dict[str, StravaActivity]:
    """Rows of a Strava activities.csv that name a file, keyed by that file's path in the export.

    The header repeats some names; each is looked up at its first place, except "Distance":
    its second place holds metres, its first kilometres (used only when the second is absent).
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1]
        raise ImportFailure(
            f"activities.csv is not UTF-8 text (byte {bad!r} at position {error.start})"
        ) from error
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    found: dict[str, StravaActivity] = {}
    try:
        header = next(rows, None)
        if header is None:
            raise ImportFailure("activities.csv is empty")
        names = [name.strip() for name in header]
        first = {name: index for index, name in reversed(list(enumerate(names)))}
        if "Filename" not in first:
            opening = ", ".join(repr(name) for name in names[:6])
            raise ImportFailure(f"activities.csv has no Filename column (it begins {opening})")
        distances = [index for index, name in enumerate(names) if name == "Distance"]
        for row in rows:
            filename = member_name(_cell(row, first["Filename"]))
            if filename and filename not in found:
                found[filename] = _strava_activity(row, first, distances)
    except csv.Error as error:
        raise ImportFailure(
            f"activities.csv is not a readable table (line {rows.line_num}: {error})"
        ) from error
    return found


def _strava_activity(row: list[str], first: dict[str, int], distances: list[int]) -> StravaActivity:
    def column(name: str) -> str:
        return _cell(row, first[name]) if name in first else ""

    sport, sub_sport = strava_sport(column("Activity Type"))
    distance_m = _number(_cell(row, distances[1])) if len(distances) > 1 else None
    if distance_m is None and distances:
        km = _number(_cell(row, distances[0]))
        distance_m = None if km is None else round(km * 1000, 3)
    return StravaActivity(
        activity_id=column("Activity ID"),
        name=column("Activity Name") or None,
        sport=sport,
        sub_sport=sub_sport,
        distance_m=distance_m,
    )


def _cell(row: list[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


def _number(text: str) -> float | None:
    """A non-negative finite number, with a decimal comma accepted; None when there is none."""
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and value >= 0 else None
