"""Samples packed compactly for the database: seven float64 columns, NaN for none, zlib."""

import math
import struct
import zlib
from array import array

from backstride.domain.activity import Sample

MAGIC = b"BSS1"
FIELDS = (
    "t_s",
    "distance_m",
    "heart_rate_bpm",
    "cadence_spm",
    "altitude_m",
    "latitude",
    "longitude",
)


def pack_samples(samples: tuple[Sample, ...]) -> bytes:
    """Column by column, so similar values sit together and compress well."""
    columns = array("d")
    for field in FIELDS:
        columns.extend(
            math.nan if getattr(s, field) is None else float(getattr(s, field)) for s in samples
        )
    return MAGIC + struct.pack("<I", len(samples)) + zlib.compress(columns.tobytes(), 6)


def unpack_samples(blob: bytes) -> tuple[Sample, ...]:
    """The samples back, in order."""
    if not blob.startswith(MAGIC):
        raise ValueError("not a backstride sample blob")
    (count,) = struct.unpack("<I", blob[4:8])
    expected = count * len(FIELDS) * array("d").itemsize
    # Never inflate more than the header promises: a crafted blob must not fill the memory.
    unpacked = zlib.decompressobj().decompress(blob[8:], expected + 1)
    if len(unpacked) != expected:
        raise ValueError("sample blob does not hold the samples its header counts")
    columns = array("d")
    columns.frombytes(unpacked)

    def value(field_index: int, row: int) -> float | None:
        number = columns[field_index * count + row]
        return None if math.isnan(number) else number

    samples = []
    for row in range(count):
        hr = value(2, row)
        samples.append(
            Sample(
                t_s=value(0, row) or 0.0,
                distance_m=value(1, row),
                heart_rate_bpm=None if hr is None else int(hr),
                cadence_spm=value(3, row),
                altitude_m=value(4, row),
                latitude=value(5, row),
                longitude=value(6, row),
            )
        )
    return tuple(samples)
