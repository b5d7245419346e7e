"""Import speed and memory: backstride's readers against fitdecode, fitparse and gpxpy.

Usage: .venv/bin/python bench/import_bench.py [--samples DIR] [--repeat R] [--files N]
[--sizes 250,1000] [--web-sizes 250,N] [--max-seconds S]
Part 1 decodes the sample files with every decoder in the same run (best of R passes, the
file bytes already in memory) and prints files/s, MB/s and backstride's ratio to each (TCX:
read_tcx, patterns first, against its safe ElementTree path alone).
Part 2 replicates the run samples into N distinct activities (times shifted by whole days,
FIT checksums redone) and imports the first n of them for each size, each in a fresh child
process and database, printing files/s, MB/s and peak RSS; then the same files zipped and
uploaded to a real `backstride serve` over HTTP, imported by the queue (`backstride worker`
on Redis when one answers, else serve's own consumer), against that CLI import. Part 0 times
the whole `backstride import` process on the real FIT files against fitdecode merely decoding
them. The goals (end to end at least 15x fitdecode, the decoder 20x; 5x gpxpy on GPX; peak
memory flat as the history grows; the web path at least 0.8x the CLI's files/s, its peak
memory within 1.2x from 250 to N files) are reported, never asserted: the exit status is 0
unless the bench itself broke.
"""

import argparse
import gc
import hashlib
import io
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib.metadata import version
from pathlib import Path
from typing import Any, Literal

from backstride.domain.activity import Activity
from backstride.importers.fit import read_fit
from backstride.importers.fit_crc import fit_crc
from backstride.importers.gpx import activities_of, read_gpx
from backstride.importers.gpx_events import read_gpx_events
from backstride.importers.gpx_scan import scan_gpx
from backstride.importers.tcx import read_tcx, read_tcx_tree
from backstride.importers.tcx_scan import scan_tcx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_web import WebImport, web_import, zip_history  # noqa: E402  (beside this file)

DEFAULT_SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
MB = 2**20
DAY_S = 86_400  # a multiple of 32: compressed timestamp headers (5-bit offsets) stay right
FIT_GOAL, GPX_GOAL, FLAT_GOAL = 20.0, 5.0, 1.10
END_TO_END_GOAL, WEB_GOAL, WEB_FLAT_GOAL = 15.0, 0.8, 1.2
EXTENSION_TAGS = frozenset({"hr", "heartrate", "cad", "cadence"})
READERS: dict[str, Callable[[bytes, str], list[Activity]]] = {
    ".fit": read_fit,
    ".gpx": read_gpx,
    ".tcx": read_tcx,
}
RECORD_FIELDS = (
    "timestamp",
    "position_lat",
    "position_long",
    "distance",
    "heart_rate",
    "cadence",
    "altitude",
    "enhanced_altitude",
)
Decode = Callable[[bytes], int]  # decodes one file's bytes; returns how many points it read


# Part 1: decoders, each reading the same record fields.


def backstride_decoders() -> dict[str, Decode]:
    """Ours: every reader converts all its fields to Samples (scales, units, sessions)."""

    def fit(data: bytes) -> int:
        return sum(len(activity.samples) for activity in read_fit(data, "bench.fit"))

    def gpx(data: bytes) -> int:
        return sum(len(activity.samples) for activity in read_gpx(data, "bench.gpx"))

    def tcx(data: bytes) -> int:
        return sum(len(activity.samples) for activity in read_tcx(data, "bench.tcx"))

    def gpx_events(data: bytes) -> int:
        # The general reader alone, as read_gpx runs it for files the patterns do not take.
        return sum(len(a.samples) for a in activities_of(read_gpx_events(data), "bench.gpx"))

    def tcx_tree(data: bytes) -> int:
        # The safe path alone (expat pass, then ElementTree), as read_tcx runs it for files
        # its patterns do not take.
        return sum(len(activity.samples) for activity in read_tcx_tree(data, "bench.tcx"))

    return {"fit": fit, "gpx": gpx, "tcx": tcx, "gpx_events": gpx_events, "tcx_tree": tcx_tree}


def baseline_decoders() -> dict[str, Decode]:
    """The independent libraries, imported here so the import child never loads them."""
    import fitdecode
    import fitparse
    import gpxpy
    import gpxpy.parser
    from garmin_fit_sdk import Decoder, Stream

    def with_fitdecode(data: bytes) -> int:
        count = 0
        with fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.RAISE,
        ) as reader:
            for frame in reader:
                if frame.frame_type != fitdecode.FIT_FRAME_DATA or frame.name != "record":
                    continue
                count += 1
                for name in RECORD_FIELDS:
                    frame.get_value(name, fallback=None)
        return count

    def with_fitparse(data: bytes) -> int:
        count = 0
        for message in fitparse.FitFile(data).get_messages("record"):
            count += 1
            for name in RECORD_FIELDS:
                message.get_value(name)
        return count

    def with_garmin(data: bytes) -> int:
        messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
        if errors:
            raise errors[0]
        count = 0
        for record in messages.get("record_mesgs", []):
            count += 1
            _ = (
                record.get("timestamp"),
                record.get("position_lat"),
                record.get("position_long"),
                record.get("distance"),
                record.get("heart_rate"),
                record.get("cadence"),
                record.get("altitude"),
                record.get("enhanced_altitude"),
            )
        return count

    def with_gpxpy(data: bytes) -> int:
        count = 0
        for track in gpxpy.parse(data).tracks:
            for segment in track.segments:
                for point in segment.points:
                    count += 1
                    _ = (point.time, point.latitude, point.longitude, point.elevation)
                    for extension in point.extensions:
                        for node in extension.iter():
                            if str(node.tag).rsplit("}", 1)[-1].lower() in EXTENSION_TAGS:
                                _ = node.text
        return count

    return {
        f"fitdecode {version('fitdecode')}": with_fitdecode,
        f"fitparse {version('fitparse')}": with_fitparse,
        f"garmin-fit-sdk {version('garmin-fit-sdk')}": with_garmin,
        # gpxpy parses with lxml when it is installed, else ElementTree: the name says which.
        f"gpxpy {version('gpxpy')} ({vars(gpxpy.parser)['mod_etree'].__name__})": with_gpxpy,
    }


@dataclass(frozen=True, slots=True)
class Timing:
    """The best of R passes of one decoder over one set of files."""

    decoder: str
    files: int
    size_bytes: int
    records: int
    seconds: float

    @property
    def mb_per_s(self) -> float:
        return self.size_bytes / MB / self.seconds


def readable_by(decode: Decode, data: bytes) -> str | None:
    """None when the decoder reads the bytes; else why not, in a line."""
    try:
        decode(data)
    except Exception as error:  # any library's failure only leaves the file out
        first_line = (str(error).splitlines() or [""])[0]
        return f"{type(error).__name__}: {first_line[:90]}"
    return None


def best_of(decoders: dict[str, Decode], files: Sequence[bytes], repeat: int) -> dict[str, Timing]:
    """Each decoder over all the files, passes interleaved so machine drift hits all alike."""
    best: dict[str, Timing] = {}
    size = sum(len(data) for data in files)
    for _ in range(repeat):
        for name, decode in decoders.items():
            gc.collect()
            started = time.perf_counter()
            records = sum(decode(data) for data in files)
            seconds = time.perf_counter() - started
            if name not in best or seconds < best[name].seconds:
                best[name] = Timing(name, len(files), size, records, seconds)
    return best


def compare(
    title: str,
    ours: tuple[str, Decode],
    required: dict[str, Decode],
    optional: dict[str, Decode],
    paths: list[Path],
    repeat: int,
) -> dict[str, float]:
    """Time ours and the baselines on the files all required ones read; returns ratios."""
    all_decoders = {ours[0]: ours[1], **required, **optional}
    blobs = {path: path.read_bytes() for path in paths}
    failures: dict[Path, dict[str, str]] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fitdecode and fitparse warn on odd files
        for path, data in blobs.items():
            for name, decode in all_decoders.items():
                reason = readable_by(decode, data)  # also warms caches for the timings
                if reason is not None:
                    failures.setdefault(path, {})[name] = reason
        strict = {ours[0]: ours[1], **required}
        common = [p for p in paths if not set(failures.get(p, {})) & set(strict)]
        if not common:
            print(f"\n{title}: no file is read by all of {', '.join(strict)}; nothing timed")
            return {}
        timings = best_of(strict, [blobs[p] for p in common], repeat)
        rows: list[tuple[Timing, Timing]] = [(timings[ours[0]], timings[ours[0]])]
        rows += [(timings[name], timings[ours[0]]) for name in required]
        notes: list[str] = []
        for name, decode in optional.items():
            subset = [p for p in common if name not in failures.get(p, {})]
            if subset == common:
                pair = best_of({name: decode}, [blobs[p] for p in common], repeat)
                rows.append((pair[name], timings[ours[0]]))
                continue
            pair = best_of({name: decode, ours[0]: ours[1]}, [blobs[p] for p in subset], repeat)
            rows.append((pair[name], pair[ours[0]]))
            skipped = ", ".join(p.name for p in common if p not in subset)
            notes.append(f"  {name}: timed on {len(subset)} files (not {skipped}), against")
            notes.append(f"    {ours[0]} re-timed on those same {len(subset)} files")
    size = sum(len(blobs[p]) for p in common)
    print(f"\n{title}: {len(common)} files, {size / MB:.2f} MB, best of {repeat} passes")
    print(
        f"  {'decoder':36} {'files':>5} {'MB':>7} {'points':>8} {'seconds':>8} "
        f"{'files/s':>8} {'MB/s':>7} {'ours x':>7}"
    )
    ratios: dict[str, float] = {}
    for timing, ours_timing in rows:
        ratio = ours_timing.mb_per_s / timing.mb_per_s
        if timing is not ours_timing:
            ratios[timing.decoder] = ratio
        print(
            f"  {timing.decoder:36} {timing.files:5d} {timing.size_bytes / MB:7.2f} "
            f"{timing.records:8d} {timing.seconds:8.3f} {timing.files / timing.seconds:8.1f} "
            f"{timing.mb_per_s:7.2f} {'-' if timing is ours_timing else f'{ratio:.2f}':>7}"
        )
    for note in notes:
        print(note)
    for path, reasons in failures.items():
        why = "; ".join(f"{name}: {reason}" for name, reason in reasons.items())
        kept = "timed without " + ", ".join(reasons) if path in common else "left out"
        print(f"  {kept}: {path.parent.name}/{path.name} ({why})")
    return ratios


# Part 0: the whole `backstride import` process on the real FIT files, against fitdecode.

CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
CHILD_ENV.pop("BACKSTRIDE_DATABASE_URL", None)  # always a fresh SQLite file, never a real db


def cli_import_s(paths: list[Path]) -> tuple[float, float]:
    """Wall and CPU seconds of one `backstride import` of the files, in a fresh migrated
    database (CPU time counts little of what other processes on the machine take)."""
    with tempfile.TemporaryDirectory(prefix="backstride-e2e-") as data_dir:
        env = {**CHILD_ENV, "BACKSTRIDE_DATA_DIR": data_dir}
        migrate = "from backstride.cli.local_action import local_database; local_database()"
        subprocess.run([sys.executable, "-c", migrate], env=env, check=True)
        command = [sys.executable, "-m", "backstride", "import", *map(str, paths)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if "Traceback" in done.stderr:
        raise BenchError(f"backstride import broke:\n{done.stderr[-2000:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu


def end_to_end(samples: Path, decode: tuple[str, Decode], repeat: int) -> float | None:
    """fitdecode's seconds over the CLI's on the FIT files fitdecode reads; printed."""
    paths = sorted(samples.glob("fit/*/*.fit"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        blobs = {path: path.read_bytes() for path in paths}
        readable = [path for path in paths if readable_by(decode[1], blobs[path]) is None]
        if not readable:
            print("\nEnd to end: fitdecode reads none of the FIT files; nothing timed")
            return None
        decoded = best_of({decode[0]: decode[1]}, [blobs[p] for p in readable], repeat)
        baseline_cpu = min(_cpu_s(decode[1], [blobs[p] for p in readable]) for _ in range(repeat))
    baseline = decoded[decode[0]].seconds
    runs = [cli_import_s(readable) for _ in range(repeat)]
    cli, cli_cpu = min(wall for wall, _ in runs), min(cpu for _, cpu in runs)
    size = sum(len(blobs[p]) for p in readable)
    print(
        f"\nEnd to end: `backstride import` of {len(readable)} real FIT files ({size / MB:.2f} MB, "
        f"those {decode[0]} reads of {len(paths)}), whole process, best of {repeat}"
    )
    print(f"  {'what':44} {'seconds':>8} {'MB/s':>7} {'CPU s':>7}")
    for label, seconds, cpu in (
        (decode[0] + " decoding (bytes in memory)", baseline, baseline_cpu),
        ("backstride import (process start to exit)", cli, cli_cpu),
    ):
        print(f"  {label:44} {seconds:8.3f} {size / MB / seconds:7.2f} {cpu:7.3f}")
    print(
        f"  ratio (fitdecode seconds / backstride's): {baseline / cli:.2f}x wall, "
        f"{baseline_cpu / cli_cpu:.2f}x CPU"
    )
    return baseline / cli


def _cpu_s(decode: Decode, blobs: list[bytes]) -> float:
    started = time.process_time()
    for data in blobs:
        decode(data)
    return time.process_time() - started


# Part 2: a large history of distinct activities, imported in a child process.

XML_ELEMENT_TIME = re.compile(rb"(<(?:[\w.-]+:)?(?:time|Time|Id)\s*>)([^<]+)(<)")
XML_START_TIME = re.compile(rb"(\bStartTime\s*=\s*[\"'])([^\"']+)([\"'])")
FIT_TIME_FIELDS = {0: {4}, 18: {2}, 19: {2}, 34: {5}}  # time_created, start_time x2, local
FIT_TIMESTAMP = 253  # in any message


class BenchError(Exception):
    """The bench itself could not do what it set out to (a template it cannot shift)."""


def shift_xml(data: bytes, days: int) -> bytes:
    """Every ISO time in <time>, <Time>, <Id> and StartTime="" moved by whole days."""

    def moved(match: re.Match[bytes]) -> bytes:
        text = match.group(2).decode("ascii", "replace").strip()  # ISO times are ASCII
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return match.group(0)  # an <Id> that is no time, say
        later = parsed + timedelta(days=days)
        if text.upper().endswith("Z"):
            written = later.replace(tzinfo=None).isoformat() + "Z"
        else:
            written = later.isoformat()
        return match.group(1) + written.encode() + match.group(3)

    return XML_START_TIME.sub(moved, XML_ELEMENT_TIME.sub(moved, data))


def shift_fit(data: bytes, seconds: int) -> bytes:
    """Every timestamp and start time moved by `seconds`, each chained file's CRC redone."""
    out = bytearray(data)
    start = 0
    while start < len(out):
        header_size = out[start]
        if header_size < 12 or out[start + 8 : start + 12] != b".FIT":
            raise BenchError(f"no FIT header at byte {start}")
        end = start + header_size + int.from_bytes(out[start + 4 : start + 8], "little")
        _shift_messages(out, start + header_size, min(end, len(out)), seconds)
        if end + 2 > len(out):
            break  # cut short: there is no checksum to redo
        out[end : end + 2] = fit_crc(bytes(out[start:end])).to_bytes(2, "little")
        start = end + 2
    return bytes(out)


def _shift_messages(out: bytearray, position: int, end: int, seconds: int) -> None:
    # local type -> (message size, offsets of the uint32 times in it, byte order)
    definitions: dict[int, tuple[int, list[int], Literal["little", "big"]]] = {}
    while position < end:
        header = out[position]
        position += 1
        if header & 0x80:  # compressed timestamp: a 5-bit offset, unchanged by whole days
            local = (header >> 5) & 0x03
        elif header & 0x40:
            if position + 5 > end:
                return
            order: Literal["little", "big"] = "big" if out[position + 1] else "little"
            number = int.from_bytes(out[position + 2 : position + 4], order)
            count = out[position + 4]
            position += 5
            offsets, size = [], 0
            times = FIT_TIME_FIELDS.get(number, set())
            for at in range(position, position + 3 * count, 3):
                field, field_size = out[at], out[at + 1]  # then the base type: not needed
                if field_size == 4 and (field == FIT_TIMESTAMP or field in times):
                    offsets.append(size)
                size += field_size
            position += 3 * count
            if header & 0x20:  # developer fields: only their sizes matter here
                developer_count = out[position]
                position += 1
                size += sum(out[position + 1 : position + 3 * developer_count : 3])
                position += 3 * developer_count
            definitions[header & 0x0F] = (size, offsets, order)
            continue
        else:
            local = header & 0x0F
        if local not in definitions:
            raise BenchError(f"a message at byte {position - 1} uses an undefined local type")
        size, offsets, order = definitions[local]
        if position + size > end:
            return
        for offset in offsets:
            at = position + offset
            value = int.from_bytes(out[at : at + 4], order)
            if value not in (0, 0xFFFFFFFF):  # 0 and all-ones mean "no value"
                out[at : at + 4] = (value + seconds).to_bytes(4, order)
        position += size


@dataclass(frozen=True, slots=True)
class Template:
    """A run sample to copy, with what reading it gives, to check each shifted copy."""

    path: Path
    data: bytes
    starts: tuple[datetime, ...]
    points: tuple[int, ...]

    def copy(self, days: int) -> bytes:
        """The same run, every time moved `days` days later (distinct bytes and start)."""
        if self.path.suffix == ".fit":
            return shift_fit(self.data, days * DAY_S)
        return shift_xml(self.data, days)

    def check(self, days: int) -> str | None:
        """None when a copy reads as the same activities exactly `days` days later."""
        try:
            copied = READERS[self.path.suffix](self.copy(days), self.path.name)
        except Exception as error:
            return f"the copy does not read: {type(error).__name__}: {error}"
        starts = tuple(a.start - timedelta(days=days) for a in copied)
        if starts != self.starts or tuple(len(a.samples) for a in copied) != self.points:
            return f"the copy {days} days on reads differently: {starts} vs {self.starts}"
        return None


def templates(samples: Path, largest_shift: int) -> list[Template]:
    """The run samples: fit/run, and the GPX and TCX files that read as runs."""
    chosen = []
    candidates = sorted((samples / "fit" / "run").glob("*.fit"))
    candidates += sorted((samples / "gpx").glob("*.gpx")) + sorted((samples / "tcx").glob("*.tcx"))
    for path in candidates:
        data = path.read_bytes()
        try:
            activities = READERS[path.suffix](data, path.name)
        except Exception as error:
            print(f"  not copied: {path.name} (backstride refuses it: {error})")
            continue
        sports = {activity.sport for activity in activities}
        is_run = path.suffix == ".fit" or "running" in sports or "run" in path.stem.lower()
        if not activities or not is_run:
            print(f"  not copied: {path.name} (not a run: {sorted(sports) or 'no activity'})")
            continue
        template = Template(
            path,
            data,
            tuple(a.start for a in activities),
            tuple(len(a.samples) for a in activities),
        )
        problem = template.check(1) or template.check(largest_shift)
        if problem is not None:
            print(f"  not copied: {path.name} ({problem})")
            continue
        chosen.append(template)
    return chosen


def build_history(folder: Path, chosen: list[Template], count: int) -> None:
    """`count` files, templates in turn, the i-th moved i + 1 days; streamed to disk."""
    kinds: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    digests = set()
    for index in range(count):
        template = chosen[index % len(chosen)]
        data = template.copy(index + 1)
        (folder / f"{index:05d}-{template.path.name}").write_bytes(data)
        digests.add(hashlib.sha256(data).digest())
        kinds[template.path.suffix] += 1
        sizes[template.path.suffix] += len(data)
    mix = ", ".join(f"{kinds[k]} {k[1:].upper()} ({sizes[k] / MB:.0f} MB)" for k in sorted(kinds))
    print(f"  history: {count} files, {sum(sizes.values()) / MB:.0f} MB: {mix}")
    print(f"  distinct contents: {len(digests)}/{count}; starts: every copy i + 1 days later")


def max_rss_kib() -> int:
    """This process's peak resident memory so far, in KiB.

    VmHWM where /proc has it (Linux): ru_maxrss in a child also counts its parent's peak,
    which Linux carries across fork and exec (this bench's parent holds ~200 MB of decoders).
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def child_main(folder: Path, deadline_s: float) -> None:
    """In a fresh process: import every file in the folder as `backstride import` does."""
    from backstride.cli.import_loop import Found, import_found, walk
    from backstride.cli.local_action import local_database
    from backstride.config import InputLimits
    from backstride.services.imports import FileOutcome

    started = time.perf_counter()
    local_database()  # opens and migrates the fresh database, as the first import would
    setup_s = time.perf_counter() - started
    startup_kib = max_rss_kib()
    started = time.perf_counter()
    files = [entry for entry in walk([folder]) if isinstance(entry, Found)]
    outcomes: list[FileOutcome] = []  # kept, as the CLI keeps them for its report
    checkpoints: list[tuple[int, int]] = []
    step = max(1, len(files) // 4)
    for done, path in enumerate(files, start=1):
        outcomes.extend(import_found(path, dry_run=False, limits=InputLimits()))
        if done % step == 0 or done == len(files):
            checkpoints.append((done, max_rss_kib()))
        if time.perf_counter() - started > deadline_s and done < len(files):
            checkpoints.append((done, max_rss_kib()))
            break
    seconds = time.perf_counter() - started
    reasons = Counter(f"{o.outcome}: {o.reason}" for o in outcomes if o.outcome != "imported")
    report = {
        "files": len(files),
        "done": len(outcomes),
        "outcomes": Counter(o.outcome for o in outcomes),
        "reasons": reasons.most_common(3),
        "bytes": sum(o.size_bytes for o in outcomes),
        "seconds": seconds,
        "setup_s": setup_s,
        "startup_kib": startup_kib,
        "peak_kib": max_rss_kib(),
        "ru_maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "checkpoints": checkpoints,
    }
    print(json.dumps(report))


def run_child(folder: Path, data_dir: Path, deadline_s: float) -> dict[str, Any] | None:
    """The child's report, or None (with its error printed) when it broke."""
    env = {**os.environ, "BACKSTRIDE_DATA_DIR": str(data_dir)}
    env.pop("BACKSTRIDE_DATABASE_URL", None)  # always a fresh SQLite file, never a real db
    command = [sys.executable, __file__, "--child", str(folder), "--deadline", str(deadline_s)]
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=deadline_s + 120
        )
    except subprocess.TimeoutExpired:
        print(f"  the import child ran past {deadline_s + 120:.0f} s and was stopped")
        return None
    if done.returncode != 0:
        print(f"  the import child failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
        return None
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def import_history(
    chosen: list[Template], files: int, sizes: list[int], web_sizes: list[int], max_seconds: float
) -> tuple[list[tuple[int, dict[str, Any]]], list["WebImport"], bool]:
    """Import the first n files of the history for each size, by the CLI's loop and then
    (for web_sizes) through the web; the reports, and any breakage."""
    results: list[tuple[int, dict[str, Any]]] = []
    web: list[WebImport] = []
    broke = False
    with tempfile.TemporaryDirectory(prefix="backstride-bench-") as temp:
        root = Path(temp)
        history = root / "history"
        history.mkdir()
        build_history(history, chosen, files)
        names = sorted(path.name for path in history.iterdir())
        print(
            f"\n  {'files':>5} {'imported':>8} {'dup':>4} {'skip':>4} {'error':>5} "
            f"{'seconds':>8} {'files/s':>8} {'MB/s':>6} {'start MB':>8} {'peak MB':>8} "
            f"{'db MB':>6}"
        )
        started = time.perf_counter()
        for size in sizes:
            spent = time.perf_counter() - started
            if spent > max_seconds:
                print(f"  sizes from {size} on left out: {spent:.0f} s > --max-seconds")
                break
            folder, data_dir = root / f"size-{size}", root / f"db-{size}"
            folder.mkdir()
            data_dir.mkdir()
            for name in names[:size]:
                os.link(history / name, folder / name)  # the same bytes, no extra disk
            report = run_child(folder, data_dir, max_seconds - spent)
            if report is None:
                broke = True
                break
            results.append((size, report))
            outcomes = report["outcomes"]
            db_bytes = sum(path.stat().st_size for path in data_dir.iterdir())
            print(
                f"  {report['done']:5d} {outcomes.get('imported', 0):8d} "
                f"{outcomes.get('duplicate', 0):4d} {outcomes.get('skipped', 0):4d} "
                f"{outcomes.get('error', 0):5d} {report['seconds']:8.1f} "
                f"{report['done'] / report['seconds']:8.1f} "
                f"{report['bytes'] / MB / report['seconds']:6.2f} "
                f"{report['startup_kib'] / 1024:8.1f} {report['peak_kib'] / 1024:8.1f} "
                f"{db_bytes / MB:6.0f}"
            )
            if report["done"] < report["files"]:
                print(f"  stopped after {report['done']} of {report['files']}: --max-seconds")
            for reason, count in report["reasons"]:
                print(f"    {count} x {reason}")
            for path in folder.iterdir():
                path.unlink()  # the links and database go as soon as they are measured
            for path in data_dir.iterdir():
                path.unlink()
        if not broke:
            web = web_history(root, history, names, web_sizes, results)
    return results, web, broke


def web_history(
    root: Path,
    history: Path,
    names: list[str],
    sizes: list[int],
    cli: list[tuple[int, dict[str, Any]]],
) -> list["WebImport"]:
    """The first n files zipped and imported through the web for each size; printed."""
    cli_rate = {size: r["done"] / r["seconds"] for size, r in cli if r["done"] == size}
    print("\n  The same files as one zip, uploaded to `backstride serve` and imported by the queue")
    print(
        f"  {'files':>5} {'imported':>8} {'error':>5} {'zip MB':>7} {'upload s':>8} "
        f"{'seconds':>8} {'files/s':>8} {'CLI f/s':>8} {'web/CLI':>7} {'web MB':>7} "
        f"{'worker MB':>9}"
    )
    found: list[WebImport] = []
    for size in sizes:
        archive = root / f"export-{size}.zip"
        zip_history([history / name for name in names[:size]], archive)
        data_dir = root / f"web-{size}"
        data_dir.mkdir()
        try:
            result = web_import(archive, size, data_dir, 1800)
        except Exception as error:  # the web path broke: reported, the rest still runs
            print(f"  the web import of {size} files broke: {type(error).__name__}: {error}")
            break
        found.append(result)
        rate = result.done / result.seconds
        ratio = f"{rate / cli_rate[size]:.2f}" if size in cli_rate else "-"
        shown_cli = f"{cli_rate[size]:.1f}" if size in cli_rate else "-"
        print(
            f"  {result.done:5d} {result.outcomes.get('imported', 0):8d} "
            f"{result.outcomes.get('error', 0):5d} {result.zip_bytes / MB:7.0f} "
            f"{result.upload_s:8.1f} {result.seconds:8.1f} {rate:8.1f} {shown_cli:>8} "
            f"{ratio:>7} {result.web_peak_kib / 1024:7.1f} {result.worker_peak_kib / 1024:9.1f}"
        )
        for reason, count in result.reasons:
            print(f"    {count} x {reason}")
        archive.unlink()
    if found:
        print(f"  queue: {found[0].queue}; 'seconds' = first byte sent to the job's end")
    return found


def summary(
    fit: dict[str, float],
    gpx: dict[str, float],
    memory: list[tuple[int, int, int]],
    whole: float | None,
    web: tuple[list[tuple[int, dict[str, Any]]], list[WebImport]],
) -> None:
    """The goals against the ratios measured above: information, never an assertion."""
    print("\nSummary (information only: nothing here is asserted)")

    def line(what: str, ratio: float | None, goal: str, met: bool) -> None:
        shown = "n/a" if ratio is None else f"{ratio:.2f}"
        verdict = "n/a" if ratio is None else "met" if met else "MISSED"
        print(f"  {what:44} {shown:>7}   goal {goal:8} {verdict}")

    fitdecode = next((r for name, r in fit.items() if name.startswith("fitdecode")), None)
    gpxpy = next((r for name, r in gpx.items() if name.startswith("gpxpy")), None)
    fit_goal, gpx_goal = f">= {FIT_GOAL:.0f}x", f">= {GPX_GOAL:.0f}x"
    line(
        "FIT end to end: fitdecode s / backstride import s",
        whole,
        f">= {END_TO_END_GOAL:.0f}x",
        (whole or 0) >= END_TO_END_GOAL,
    )
    line("FIT: backstride / fitdecode (MB/s)", fitdecode, fit_goal, (fitdecode or 0) >= FIT_GOAL)
    line("GPX: backstride / gpxpy (MB/s)", gpxpy, gpx_goal, (gpxpy or 0) >= GPX_GOAL)
    if len(memory) >= 2:
        (small, small_kib, small_start), (large, large_kib, large_start) = memory[0], memory[-1]
        ratio = large_kib / small_kib
        what = f"memory: peak RSS at {large} files / at {small}"
        line(what, ratio, f"<= {FLAT_GOAL:.2f}", ratio <= FLAT_GOAL)
        print(
            f"    ({large_kib / 1024:.1f} MB vs {small_kib / 1024:.1f} MB peak resident; above "
            f"start-up: {(large_kib - large_start) / 1024:.1f} MB vs "
            f"{(small_kib - small_start) / 1024:.1f} MB)"
        )
    else:
        line("memory: peak RSS, largest / smallest history", None, "flat", False)
    web_summary(*web)


def web_summary(cli: list[tuple[int, dict[str, Any]]], web: list[WebImport]) -> None:
    """The web path's goals: its rate against the CLI's, and its memory as the upload grows."""
    cli_rate = {size: r["done"] / r["seconds"] for size, r in cli if r["done"] == size}
    for result in web:
        if result.files in cli_rate and result.done == result.files:
            ratio = result.done / result.seconds / cli_rate[result.files]
            met = "met" if ratio >= WEB_GOAL else "MISSED"
            what = f"web: files/s / the CLI's ({result.files} files)"
            print(f"  {what:44} {ratio:7.2f}   goal {'>= 0.8x':8} {met}")
    if len(web) >= 2:
        small, large = web[0], web[-1]
        for what, low, high in (
            ("web process", small.web_peak_kib, large.web_peak_kib),
            ("worker process", small.worker_peak_kib, large.worker_peak_kib),
        ):
            if low:
                ratio = high / low
                met = "met" if ratio <= WEB_FLAT_GOAL else "MISSED"
                label = f"{what}: peak RSS at {large.files} / at {small.files}"
                print(f"  {label:44} {ratio:7.2f}   goal {'<= 1.20':8} {met}")


def main() -> None:
    """Part 1 (decoders), part 2 (a large history), then the summary."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES)
    parser.add_argument("--repeat", type=int, default=3, help="passes per decoder (best kept)")
    parser.add_argument("--files", type=int, default=2000, help="files in the large history")
    parser.add_argument(
        "--sizes", default="250,1000", help="smaller histories also imported (up to --files)"
    )
    parser.add_argument(
        "--web-sizes", default="250", help="histories also uploaded to the web (and --files)"
    )
    parser.add_argument("--max-seconds", type=float, default=600.0, help="for all imports")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--deadline", type=float, default=600.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child_main(args.child, args.deadline)
        return
    if not 1 <= args.repeat <= 20 or not 1 <= args.files <= 20_000 or args.max_seconds <= 0:
        parser.error("--repeat 1..20, --files 1..20000 and --max-seconds > 0, please")
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()} | {args.files})
    sizes = [size for size in sizes if 1 <= size <= args.files]
    web_sizes = sorted({int(s) for s in args.web_sizes.split(",") if s.strip()} | {args.files})
    web_sizes = [size for size in web_sizes if 1 <= size <= args.files]
    samples: Path = args.samples
    if not samples.is_dir():
        parser.error(f"no samples at {samples} (see --samples)")
    print(f"Samples: {samples}; Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print("MB = 2^20 bytes; 'points' = records (FIT) or track points each decoder read")
    print("'ours x' = backstride's MB/s / that decoder's MB/s on the same files")

    ours = backstride_decoders()
    baselines = baseline_decoders()
    fitdecode_name, fitparse_name, garmin_name, gpxpy_name = list(baselines)
    whole = end_to_end(samples, (fitdecode_name, baselines[fitdecode_name]), args.repeat)
    fit_paths = sorted((samples / "fit" / "run").glob("*.fit"))
    fit_paths += sorted((samples / "fit" / "other").glob("*.fit"))
    fit = compare(
        "FIT decoding (fit/run and fit/other)",
        ("backstride read_fit", ours["fit"]),
        {fitdecode_name: baselines[fitdecode_name], fitparse_name: baselines[fitparse_name]},
        {garmin_name: baselines[garmin_name]},
        fit_paths,
        args.repeat,
    )
    gpx_paths = sorted((samples / "gpx").glob("*.gpx"))
    gpx = compare(
        "GPX decoding (time, lat, lon, elevation, hr/cad extensions)",
        ("backstride read_gpx", ours["gpx"]),
        {gpxpy_name: baselines[gpxpy_name]},
        {"backstride event reader": ours["gpx_events"]},
        gpx_paths,
        args.repeat,
    )
    fast = [path.name for path in gpx_paths if scan_gpx(path.read_bytes()) is not None]
    print(
        f"  read_gpx took {len(fast)} of {len(gpx_paths)} files by its byte patterns; the "
        "others (or none) by the event reader alone:"
    )
    print(f"    {', '.join(p.name for p in gpx_paths if p.name not in fast) or '-'}")
    tcx_paths = sorted((samples / "tcx").glob("*.tcx"))
    compare(
        "TCX decoding (no independent TCX library installed: read_tcx against its tree reader)",
        ("backstride read_tcx", ours["tcx"]),
        {"backstride tree reader (safe path)": ours["tcx_tree"]},
        {},
        tcx_paths,
        args.repeat,
    )
    fast = [path.name for path in tcx_paths if scan_tcx(path.read_bytes()) is not None]
    print(
        f"  read_tcx took {len(fast)} of {len(tcx_paths)} files by its patterns; the others "
        "(or none) by the tree reader alone:"
    )
    print(f"    {', '.join(p.name for p in tcx_paths if p.name not in fast) or '-'}")

    print(f"\nImport of a large history: sizes {sizes}, each in a fresh process and database")
    print("('start MB' = peak RSS after start-up and opening the database, before any file)")
    chosen = templates(samples, args.files)
    if not chosen:
        raise SystemExit("no run sample could be copied: nothing to import")
    print(f"  copied: {', '.join(t.path.name for t in chosen)}")
    results, web, broke = import_history(chosen, args.files, sizes, web_sizes, args.max_seconds)
    for size, report in results[-1:]:
        steps = ", ".join(f"{done}: {kib / 1024:.1f}" for done, kib in report["checkpoints"])
        print(f"  peak RSS (MB) after n files of the {size}-file import: {steps}")
        inherited = report["ru_maxrss_kib"] / 1024
        print(f"  (the child's ru_maxrss, {inherited:.0f} MB, includes this parent's peak)")
    memory = [(size, r["peak_kib"], r["startup_kib"]) for size, r in results if r["done"] == size]
    summary(fit, gpx, memory, whole, (results, web))
    if broke:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
