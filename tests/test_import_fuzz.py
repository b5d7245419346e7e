"""Fuzzing the whole import of one file: mutated real samples and crafted archives, end to end.

Each case is written to a file and imported as `backstride import` does (read, measure, check
for duplicates, store); the only thing allowed out is an outcome: imported, duplicate, skipped
or error. CI runs a few dozen cases; a larger run by hand:

    BACKSTRIDE_FUZZ_EXAMPLES=2000 BACKSTRIDE_FUZZ_REPORT=fuzz.json \
        python -m pytest -q -p no:cacheprovider tests/test_import_fuzz.py
"""

import gzip
import io
import json
import os
import resource
import struct
import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backstride.cli.import_loop import Found, import_found
from backstride.config import InputLimits
from backstride.importers.fit_crc import fit_crc

DATA = Path(__file__).resolve().parent / "data" / "activities"
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
EXAMPLES = int(os.environ.get("BACKSTRIDE_FUZZ_EXAMPLES", "60"))
SEED_MAX_BYTES = 160 * 1024  # bigger samples slow each case without finding more
OUTCOMES = {"imported", "duplicate", "skipped", "error"}
WRAPPINGS = ["plain", "gz", "damaged-gz", "zip", "zip-of-gz", "nested-zip", "damaged-zip"]


def _seeds() -> list[tuple[str, bytes]]:
    paths = sorted(DATA.glob("*.fit")) + sorted(DATA.glob("*.gpx")) + sorted(DATA.glob("*.tcx"))
    if SAMPLES.is_dir():
        for pattern in ("fit/*/*.fit", "gpx/*.gpx", "tcx/*.tcx"):
            paths += sorted(SAMPLES.glob(pattern))
    seen: dict[str, bytes] = {}
    for path in paths:
        if path.stat().st_size <= SEED_MAX_BYTES and path.name not in seen:
            seen[path.name] = path.read_bytes()
    return sorted(seen.items())


SEEDS = _seeds()
STATS: dict[str, object] = {"cases": 0, "outcomes": Counter(), "slowest_s": 0.0}


def _resealed(data: bytearray) -> bytes:
    """A FIT file's size and checksums made to fit again, so the damage reaches the parser."""
    if len(data) < 16 or data[8:12] != b".FIT":
        return bytes(data)
    data[0] = 14
    data[4:8] = struct.pack("<I", len(data) - 16)
    data[12:14] = struct.pack("<H", fit_crc(bytes(data[:12])))
    data[-2:] = struct.pack("<H", fit_crc(bytes(data[:-2])))
    return bytes(data)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A real sample file, truncated, bit-flipped, spliced with another's header, or resealed."""
    name, original = draw(st.sampled_from(SEEDS))
    data = bytearray(original)
    kind = draw(st.sampled_from(["truncate", "flip", "splice", "flip-and-reseal", "none"]))
    if kind == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif kind in ("flip", "flip-and-reseal"):
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, max(len(data) - 1, 0)))
            if data:
                data[at] ^= 1 << draw(st.integers(0, 7))
    elif kind == "splice":
        _, other = draw(st.sampled_from(SEEDS))
        head = draw(st.integers(0, min(len(other), 4096)))
        tail_from = draw(st.integers(0, len(data)))
        data = bytearray(other[:head]) + data[tail_from:]
    if kind == "flip-and-reseal" and name.endswith(".fit"):
        return name, _resealed(data)
    return name, bytes(data)


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file name and its bytes: a mutated sample, plain or inside crafted archives."""
    name, data = draw(mutated())
    wrapping = draw(st.sampled_from(WRAPPINGS))
    if wrapping == "gz":
        return f"{name}.gz", gzip.compress(data, mtime=0)
    if wrapping == "damaged-gz":
        packed = bytearray(gzip.compress(data, mtime=0))
        for _ in range(draw(st.integers(1, 4))):
            packed[draw(st.integers(0, len(packed) - 1))] = draw(st.integers(0, 255))
        return f"{name}.gz", bytes(packed)
    if wrapping == "zip":
        listing = f"Activity ID,Activity Type,Filename\n1,Run,activities/{name}\n".encode()
        return "export.zip", _zip({"activities.csv": listing, f"activities/{name}": data})
    if wrapping == "zip-of-gz":
        return "export.zip", _zip({f"activities/{name}.gz": gzip.compress(data, mtime=0)})
    if wrapping == "nested-zip":
        inner = _zip({f"UploadedFiles/{name}": data})
        return "export.zip", _zip({"DI_CONNECT/Part1.zip": inner, "notes.txt": b"hello"})
    if wrapping == "damaged-zip":
        archive = bytearray(_zip({f"activities/{name}": data, "activities.csv": b"Filename\n"}))
        for _ in range(draw(st.integers(1, 6))):
            archive[draw(st.integers(0, len(archive) - 1))] = draw(st.integers(0, 255))
        return "export.zip", bytes(archive[: draw(st.integers(1, len(archive)))])
    return name, data


@pytest.mark.skipif(not SEEDS, reason="no sample files to mutate")
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=cases())
def test_every_mutated_file_or_archive_gives_only_outcomes(
    tmp_path: Path, case: tuple[str, bytes]
) -> None:
    name, data = case
    cases_run = int(STATS["cases"])  # type: ignore[call-overload]
    path = tmp_path / f"{cases_run:05d}-{name}"
    path.write_bytes(data)
    started = time.perf_counter()
    outcomes = list(import_found(Found(path, len(data)), False, InputLimits()))
    took = time.perf_counter() - started
    path.unlink()
    assert outcomes, "every file gives at least one outcome"
    for outcome in outcomes:
        assert outcome.outcome in OUTCOMES
        assert outcome.reason
        assert outcome.path.startswith(str(path))
    counted: Counter[str] = STATS["outcomes"]  # type: ignore[assignment]
    counted.update(outcome.outcome for outcome in outcomes)
    STATS["cases"] = cases_run + 1
    if took > float(STATS["slowest_s"]):  # type: ignore[arg-type]
        STATS["slowest_s"], STATS["slowest_case"] = round(took, 3), f"{name} ({len(data):,} B)"
    _report()


def _report() -> None:
    """The counts so far, written where BACKSTRIDE_FUZZ_REPORT points (for a run by hand)."""
    target = os.environ.get("BACKSTRIDE_FUZZ_REPORT")
    if not target:
        return
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report = {**STATS, "outcomes": dict(STATS["outcomes"]), "peak_rss_mib": peak_kib // 1024}  # type: ignore[call-overload]
    Path(target).write_text(json.dumps(report, indent=2), encoding="utf-8")
