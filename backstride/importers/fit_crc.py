"""The FIT checksum (CRC-16/ARC), two bytes per step through a 65,536-entry table."""

from __future__ import annotations

from array import array
from functools import cache

_NIBBLE = (
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
    0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
)  # fmt: skip


def crc_byte(crc: int, byte: int) -> int:
    """One byte of the FIT protocol's reference algorithm (two nibbles, low first)."""
    tmp = _NIBBLE[crc & 0xF]
    crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ _NIBBLE[byte & 0xF]
    tmp = _NIBBLE[crc & 0xF]
    return ((crc >> 4) & 0x0FFF) ^ tmp ^ _NIBBLE[(byte >> 4) & 0xF]


@cache
def _word_table() -> array[int]:
    # The CRC is linear and 16 bits wide, so feeding a little-endian word w into a register c
    # gives the same result as feeding two zero bytes into c ^ w: one lookup per two bytes.
    return array("H", (crc_byte(crc_byte(value, 0), 0) for value in range(65536)))


def fit_crc(data: bytes | memoryview, crc: int = 0) -> int:
    """The CRC of the bytes, continuing from a previous value (0 to start)."""
    view = memoryview(data)
    even = len(view) & ~1
    table = _word_table()
    for word in view[:even].cast("H") if even else ():
        crc = table[crc ^ word]
    if even != len(view):
        crc = crc_byte(crc, view[even])
    return crc
