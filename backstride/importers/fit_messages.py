"""FIT bytes to raw messages: headers, CRCs, definitions and compressed timestamps.

Only the messages an activity needs are decoded; every other message (developer fields
included) is skipped by its size, which its definition gives. Values stay raw here
(integers as stored, invalid markers included); `fit.py` applies scales and units.
"""

import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from backstride.config import InputLimits
from backstride.errors import InputRefused
from backstride.importers.failure import ImportFailure
from backstride.importers.fit_crc import fit_crc

FIT_EPOCH_S = 631065600  # 1989-12-31T00:00:00Z, where FIT's seconds count from (FIT protocol)
TIMESTAMP = 253
CHECK_EVERY = 1 << 14  # records between two checks of the sample bounds while decoding

# The messages and fields we read, by FIT profile number.
FILE_ID, SPORT, SESSION, LAP, RECORD, ACTIVITY = 0, 12, 18, 19, 20, 34
WANTED: dict[int, dict[int, str]] = {
    FILE_ID: {0: "type"},
    SPORT: {0: "sport", 1: "sub_sport"},
    SESSION: {
        2: "start_time",
        5: "sport",
        6: "sub_sport",
        7: "total_elapsed_time",
        8: "total_timer_time",
        9: "total_distance",
    },
    ACTIVITY: {5: "local_timestamp"},
    RECORD: {
        0: "position_lat",
        1: "position_long",
        2: "altitude",
        3: "heart_rate",
        4: "cadence",
        5: "distance",
        8: "compressed_speed_distance",
        53: "fractional_cadence",
        78: "enhanced_altitude",
    },
}

# Base types: struct code, size and the value that means "no value" (FIT protocol, table 4-6).
_BASE: dict[int, tuple[str, int, int | None]] = {
    0x00: ("B", 1, 0xFF),  # enum
    0x01: ("b", 1, 0x7F),
    0x02: ("B", 1, 0xFF),
    0x83: ("h", 2, 0x7FFF),
    0x84: ("H", 2, 0xFFFF),
    0x85: ("i", 4, 0x7FFFFFFF),
    0x86: ("I", 4, 0xFFFFFFFF),
    0x0A: ("B", 1, 0x00),  # uint8z
    0x8B: ("H", 2, 0x0000),
    0x8C: ("I", 4, 0x00000000),
    0x8E: ("q", 8, 0x7FFFFFFFFFFFFFFF),
    0x8F: ("Q", 8, 0xFFFFFFFFFFFFFFFF),
    0x90: ("Q", 8, 0),
}


@dataclass(frozen=True, slots=True, eq=False)  # compared and hashed by identity
class _Definition:
    number: int  # the global message number
    size: int  # bytes of one data message, after its header byte
    layout: struct.Struct | None  # the wanted fields, the others as pad bytes; None: skip
    names: tuple[str, ...]  # what layout's values are, in order
    invalid: tuple[int | None, ...]  # each value's "no value" marker (None: bytes, no marker)
    timestamp: struct.Struct | None  # where field 253 sits, read even when skipping
    # The same two, each message with its header byte in front: to read a run of records
    # of this definition in one call (see _record_run). None where not a kept record.
    run_layout: struct.Struct | None = None
    run_timestamp: struct.Struct | None = None


@dataclass(slots=True)
class FitMessages:
    """The wanted messages of one FIT file, in file order; records kept raw for speed."""

    file_type: int | None = None
    record_stamps: list[int] = field(default_factory=list)
    record_values: list[tuple[object, ...]] = field(default_factory=list)
    record_layouts: list[_Definition] = field(default_factory=list)
    sessions: list[dict[str, object]] = field(default_factory=list)
    sports: list[dict[str, object]] = field(default_factory=list)
    activities: list[dict[str, object]] = field(default_factory=list)
    note: str | None = None  # what was left out, when part of the file could not be read
    limits: InputLimits = field(default_factory=InputLimits)
    _groups: tuple[list[tuple[_Definition, Sequence[int]]], int] | None = None
    _span: tuple[int, int, int] | None = None  # records checked so far, their first and last time

    def check_bounds(self) -> None:
        """Refuse a file with more records or sessions than a real activity could hold.

        Records are counted against the file's cap and against the seconds their timestamps
        span (a definition without fields behind one-byte headers makes every byte a record).
        """
        stamps = self.record_stamps
        if len(self.sessions) > self.limits.max_sessions_per_file:
            raise InputRefused(
                "sessions in this FIT file",
                f"more than {self.limits.max_sessions_per_file:,}",
                f"{self.limits.max_sessions_per_file:,} per file",
            )
        if len(stamps) > self.limits.max_samples_per_file:
            raise InputRefused(
                "records in this FIT file",
                f"more than {self.limits.max_samples_per_file:,}",
                f"{self.limits.max_samples_per_file:,} per file",
            )
        checked, first, last = self._span or (0, 0, -1)
        if checked >= len(stamps):
            return
        new = stamps[checked:]
        low, high = min(new), max(new)
        first, last = (low, high) if checked == 0 else (min(first, low), max(last, high))
        self._span = (len(stamps), first, last)
        check_rate(len(stamps), last - first, self.limits)

    def _lists(self) -> tuple[list[Any], ...]:
        return (
            self.record_stamps,
            self.record_values,
            self.record_layouts,
            self.sessions,
            self.sports,
            self.activities,
        )

    def sizes(self) -> tuple[int, ...]:
        """How many messages of each kind are held, to cut back to after a damaged part."""
        return tuple(len(held) for held in self._lists())

    def cut_back(self, sizes: tuple[int, ...]) -> None:
        """Forget the messages read since `sizes` was taken."""
        for held, size in zip(self._lists(), sizes, strict=True):
            del held[size:]
        self._span = None  # the records checked may be among those forgotten

    def record_column(self, name: str) -> list[object]:
        """One record field across all records, None where a record lacks it or marks it."""
        rows = self.record_values
        column: list[object] = [None] * len(rows)
        if self._groups is None or self._groups[1] != len(rows):  # grouped once per size
            self._groups = (_by_definition(self.record_layouts), len(rows))
        for definition, indexes in self._groups[0]:
            if name not in definition.names:
                continue
            at = definition.names.index(name)
            invalid = definition.invalid[at]
            if len(indexes) == len(rows):  # the usual case: one record layout all through
                return [None if row[at] == invalid else row[at] for row in rows]
            for i in indexes:
                value = rows[i][at]
                column[i] = None if value == invalid else value
        return column


def check_rate(count: int, span_s: float, limits: InputLimits) -> None:
    """Refuse more samples than the seconds they span could hold at the configured rate."""
    allowed = limits.max_samples_per_second * (max(span_s, 0.0) + 1)
    if count > allowed:
        raise InputRefused(
            "records in this FIT file",
            f"{count:,} within {max(span_s, 0):,.0f} seconds",
            f"{limits.max_samples_per_second:g} a second",
        )


def _by_definition(layouts: list[_Definition]) -> list[tuple[_Definition, Sequence[int]]]:
    distinct = set(layouts)
    if len(distinct) == 1:
        return [(layouts[0], range(len(layouts)))]
    groups: dict[_Definition, list[int]] = {definition: [] for definition in distinct}
    for index, definition in enumerate(layouts):
        groups[definition].append(index)
    return list(groups.items())


def decode_messages(data: bytes, limits: InputLimits | None = None) -> FitMessages:
    """Every wanted message of every FIT file chained in these bytes, checked by CRC.

    A damaged later part of a chained file is left out with a note, and a file cut short
    before its checksum (a watch that ran out of battery) keeps the messages before the cut,
    with a note saying nothing confirmed them; anything else wrong raises ImportFailure.
    """
    if not data:
        raise ImportFailure("the file is empty")
    found = FitMessages(limits=limits or InputLimits())
    position = 0
    while position < len(data):
        kept = found.sizes()
        try:
            position = _decode_one_file(data, position, found)
        except ImportFailure as failure:
            if position == 0:
                raise
            found.cut_back(kept)  # nothing half-read from the damaged part stays
            found.note = f"a later part of this chained file was left out: {failure}"
            break
    found.check_bounds()
    return found


def _decode_one_file(data: bytes, start: int, found: FitMessages) -> int:
    header_size, data_size = _header(data, start)
    end = start + header_size + data_size
    if end + 2 > len(data):
        before = len(found.record_stamps)
        _messages(data, start + header_size, len(data), found, salvage=True)
        if len(found.record_stamps) == before:
            raise ImportFailure(
                f"the file is cut short: its header promises {end + 2 - start} bytes, "
                f"only {len(data) - start} are there, and none of them hold a record"
            )
        found.note = (
            f"the file is cut short ({len(data) - start} of {end + 2 - start} bytes): "
            "the records before the cut were kept, with no checksum to confirm them"
        )
        return len(data)
    # The messages are decoded before the checksum is computed, so a file that holds more
    # records than an activity could is refused after a few of them, not after a pass over
    # every byte; a damaged file still says it is damaged, whatever decoding made of it.
    try:
        _messages(data, start + header_size, end, found, salvage=False)
    except ImportFailure as failure:
        if fit_crc(memoryview(data)[start : end + 2]) != 0:
            raise _damaged() from failure
        raise
    if fit_crc(memoryview(data)[start : end + 2]) != 0:
        raise _damaged()
    return end + 2


def _damaged() -> ImportFailure:
    return ImportFailure("the file's checksum does not match its contents: it is damaged")


def _header(data: bytes, start: int) -> tuple[int, int]:
    if len(data) - start < 12:
        raise ImportFailure("not a FIT file: it is shorter than a FIT header")
    header_size = data[start]
    if header_size < 12 or data[start + 8 : start + 12] != b".FIT":
        raise ImportFailure("not a FIT file: its header has no '.FIT' signature")
    if header_size >= 14 and len(data) - start >= 14:
        header_crc = int.from_bytes(data[start + 12 : start + 14], "little")
        if header_crc and fit_crc(data[start : start + 12]) != header_crc:
            raise ImportFailure("the FIT header's checksum does not match: the file is damaged")
    return header_size, int.from_bytes(data[start + 4 : start + 8], "little")


def _messages(data: bytes, position: int, end: int, found: FitMessages, salvage: bool) -> None:
    definitions: list[_Definition | None] = [None] * 16
    last_timestamp = 0
    stamps, values, layouts = found.record_stamps, found.record_values, found.record_layouts
    while position < end:
        header = data[position]
        position += 1
        if header & 0x80:  # compressed timestamp header: a data message with a 5-bit offset
            definition = definitions[(header >> 5) & 0x03]
            last_timestamp += ((header & 0x1F) - (last_timestamp & 0x1F)) & 0x1F
        elif header & 0x40:  # a definition message
            if salvage and position + 5 > end:
                return
            definitions[header & 0x0F], position = _definition(
                data, position, end, bool(header & 0x20)
            )
            continue
        else:
            definition = definitions[header & 0x0F]
            if (
                definition is not None
                and definition.timestamp is not None
                and position + definition.size <= end
            ):
                (stamp,) = definition.timestamp.unpack_from(data, position)
                if stamp != 0xFFFFFFFF:
                    last_timestamp = stamp
        if definition is None:
            raise ImportFailure(
                f"the file is damaged: a message at byte {position - 1} uses a local type "
                "that was never defined"
            )
        if position + definition.size > end:
            if salvage:
                return  # the cut fell inside this message: keep what came before it
            raise ImportFailure("the file is cut short in the middle of a message")
        if definition.number == RECORD and definition.run_layout is not None and header < 0x40:
            position, last_timestamp = _record_run(
                data, position - 1, end, definition, found, last_timestamp
            )
            continue
        if definition.number == RECORD:
            if definition.layout is not None:
                stamps.append(last_timestamp)
                values.append(definition.layout.unpack_from(data, position))
                layouts.append(definition)
                if not len(stamps) % CHECK_EVERY:
                    found.check_bounds()
        elif definition.layout is not None:
            _keep(found, definition, definition.layout.unpack_from(data, position), last_timestamp)
            if definition.number == SESSION:
                found.check_bounds()
        position += definition.size


RUN_MOST = 4096  # records looked ahead at once for the same header byte


def _record_run(
    data: bytes, start: int, end: int, definition: _Definition, found: FitMessages, stamp: int
) -> tuple[int, int]:
    """The record at `start` (its header byte) and the records right after it with the same
    header byte, read in one call each for values and times; where reading goes on, and the
    last timestamp. The same as reading them one by one: a normal header byte names its local
    type alone, so the same byte means the same definition, and each message is as long as
    it says. Runs stop at every CHECK_EVERY records, where the bounds are checked as before.
    """
    stamps = found.record_stamps
    step = definition.size + 1
    most = min((end - start) // step, RUN_MOST, CHECK_EVERY - len(stamps) % CHECK_EVERY)
    headers = data[start : start + most * step : step]
    count = len(headers) - len(headers.lstrip(headers[:1]))
    view = memoryview(data)[start : start + count * step]
    assert definition.run_layout is not None
    found.record_values.extend(definition.run_layout.iter_unpack(view))
    found.record_layouts.extend([definition] * count)
    if definition.run_timestamp is None:
        stamps.extend([stamp] * count)
    else:
        times = [time for (time,) in definition.run_timestamp.iter_unpack(view)]
        if 0xFFFFFFFF not in times:
            stamps.extend(times)
            stamp = times[-1]
        else:
            for time in times:
                if time != 0xFFFFFFFF:
                    stamp = time
                stamps.append(stamp)
    if not len(stamps) % CHECK_EVERY:
        found.check_bounds()
    return start + count * step, stamp


def _keep(
    found: FitMessages, definition: _Definition, values: tuple[object, ...], timestamp: int
) -> None:
    message: dict[str, object] = {
        name: value
        for name, value, invalid in zip(definition.names, values, definition.invalid, strict=True)
        if value != invalid
    }
    message["timestamp"] = timestamp
    number = definition.number
    if number == SESSION:
        found.sessions.append(message)
    elif number == FILE_ID:
        file_type = message.get("type")
        if found.file_type is None and isinstance(file_type, int):
            found.file_type = file_type
    elif number == SPORT:
        found.sports.append(message)
    else:
        found.activities.append(message)


def _definition(data: bytes, position: int, end: int, developer: bool) -> tuple[_Definition, int]:
    if position + 5 > end:
        raise ImportFailure("the file is cut short in the middle of a definition")
    architecture = data[position + 1]
    if architecture > 1:
        raise ImportFailure(f"the file is damaged: unknown byte order {architecture}")
    order = ">" if architecture else "<"
    number = int.from_bytes(data[position + 2 : position + 4], "big" if architecture else "little")
    count = data[position + 4]
    position += 5
    fields_end = position + 3 * count
    if fields_end + (1 if developer else 0) > end:
        raise ImportFailure("the file is cut short in the middle of a definition")
    fields = [tuple(data[i : i + 3]) for i in range(position, fields_end, 3)]
    position = fields_end
    developer_size = 0
    if developer:
        developer_count = data[position]
        position += 1
        if position + 3 * developer_count > end:
            raise ImportFailure("the file is cut short in the middle of a definition")
        developer_size = sum(data[position + 3 * i + 1] for i in range(developer_count))
        position += 3 * developer_count
    return _layout(number, order, fields, developer_size), position


def _layout(
    number: int, order: str, fields: list[tuple[int, ...]], developer_size: int
) -> _Definition:
    wanted = WANTED.get(number, {})
    codes: list[str] = []
    names: list[str] = []
    invalid: list[int | None] = []
    timestamp_at: int | None = None
    offset = 0
    for field_number, size, base_type in fields:
        base = _BASE.get(base_type)
        if field_number == TIMESTAMP and size == 4 and base is not None and base[1] == 4:
            timestamp_at = offset
        name = wanted.get(field_number)
        if name is not None and base is not None and base[1] == size:
            codes.append(base[0])
            names.append(name)
            invalid.append(base[2])
        elif name is not None and base is None and base_type == 0x0D:  # byte arrays
            codes.append(f"{size}s")
            names.append(name)
            invalid.append(None)
        else:  # not wanted, or a size that does not fit its type (misaligned): skip it
            codes.append(f"{size}x")
        offset += size
    size = offset + developer_size
    keep = names or number == RECORD  # a record of other fields still marks a moment
    layout = struct.Struct(order + "".join(codes) + f"{developer_size}x") if keep else None
    timestamp = run_layout = run_timestamp = None
    if timestamp_at is not None:
        timestamp = struct.Struct(f"{order}{timestamp_at}xI")
    if layout is not None and number == RECORD:
        run_layout = struct.Struct(order + "x" + layout.format[1:])
        if timestamp_at is not None:
            after = size - timestamp_at - 4
            run_timestamp = struct.Struct(f"{order}{timestamp_at + 1}xI{after}x")
    return _Definition(
        number, size, layout, tuple(names), tuple(invalid), timestamp, run_layout, run_timestamp
    )
