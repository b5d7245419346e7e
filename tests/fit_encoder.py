"""A tiny FIT encoder for tests: definitions, data messages and the file's two checksums."""

import struct

from backstride.importers.fit_crc import fit_crc

FileField = tuple[int, int, int]  # field number, size in bytes, base type
START_S = 1_100_000_000  # FIT seconds: November 2024
UINT32, UINT8, ENUM = 0x86, 0x02, 0x00


def fit_file(body: bytes) -> bytes:
    """A whole FIT file around these messages: a 14-byte header and both CRCs."""
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(body), b".FIT")
    header += struct.pack("<H", fit_crc(header))
    data = header + body
    return data + struct.pack("<H", fit_crc(data))


def definition(local: int, number: int, fields: list[FileField]) -> bytes:
    """A little-endian definition message for one local type."""
    packed = b"".join(bytes(field) for field in fields)
    return bytes([0x40 | local, 0, 0]) + struct.pack("<HB", number, len(fields)) + packed


def activity_file_id() -> bytes:
    """file_id saying 'activity'."""
    return definition(0, 0, [(0, 1, ENUM)]) + bytes([0x00, 4])


def timed_records(seconds: list[int], heart_rate: int = 120) -> bytes:
    """One record per entry, each with its own full timestamp and a heart rate."""
    out = definition(1, 20, [(253, 4, UINT32), (3, 1, UINT8)])
    for second in seconds:
        out += b"\x01" + struct.pack("<IB", START_S + second, heart_rate)
    return out


def session(start_s: int, elapsed_s: int, local: int = 2) -> bytes:
    """A running session from start_s (seconds after START_S) lasting elapsed_s."""
    out = definition(local, 18, [(253, 4, UINT32), (2, 4, UINT32), (7, 4, UINT32), (5, 1, ENUM)])
    begin = START_S + start_s
    return (
        out + bytes([local]) + struct.pack("<IIIB", begin + elapsed_s, begin, elapsed_s * 1000, 1)
    )


def fieldless_records(count: int) -> bytes:
    """A record definition with no fields, then `count` one-byte compressed-timestamp headers."""
    return definition(3, 20, []) + bytes([0x80 | (3 << 5)]) * count
