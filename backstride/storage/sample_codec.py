"""Samples packed compactly for the database: seven float64 columns, NaN for none, zlib."""

import math
import struct
import zlib
from array import array

from backstride.domain.activity import Sample, SampleColumns, Samples

MAGIC = b"BSS1"
# Level 1 packs a long run several times faster than level 6 for about 8 % more bytes
# (bench/import_bench.py); zlib reads every level alike, so blobs stored before still read.
LEVEL = 1
FIELDS = (
    "t_s",
    "distance_m",
    "heart_rate_bpm",
    "cadence_spm",
    "altitude_m",
    "latitude",
    "longitude",
)


def pack_samples(samples: Samples) -> bytes:
    """Column by column, so similar values sit together and compress well."""
    columns = array("d")
    for column in SampleColumns.of(samples).columns():
        if None in column:
            columns.extend([math.nan if value is None else value for value in column])
        else:
            columns.extend(column)  # type: ignore[arg-type]  # no None in it
    compressed = zlib.compress(columns.tobytes(), LEVEL)
    return MAGIC + struct.pack("<I", len(samples)) + compressed


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
