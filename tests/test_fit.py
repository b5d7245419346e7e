"""The FIT importer, checked field by field against Garmin's own decoder and fitdecode."""

import math
import os
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fitdecode
import pytest
from garmin_fit_sdk import Decoder, Stream
from hypothesis import given, settings
from hypothesis import strategies as st

from backstride.domain.activity import Activity
from backstride.importers.failure import ImportFailure, NotAnActivity
from backstride.importers.fit import SEMICIRCLE_DEG, SPORTS, read_fit, read_fit_noted
from backstride.importers.fit_crc import crc_byte, fit_crc

DATA = Path(__file__).resolve().parent / "data" / "activities"
SAMPLES = Path(__file__).resolve().parent.parent.parent / "shared" / "samples"
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is absent")
FIT_EPOCH_S = 631065600


def _sample_fits() -> list[Path]:
    local = sorted(DATA.glob("*.fit"))
    copied = {path.name for path in local}
    shared = sorted(SAMPLES.glob("fit/*/*.fit")) if SAMPLES.is_dir() else []
    return local + [path for path in shared if path.name not in copied]


def _sdk(path: Path) -> tuple[dict[str, list[dict[Any, Any]]], list[Exception]]:
    decoder = Decoder(Stream.from_byte_array(bytearray(path.read_bytes())))
    messages: Any
    errors: list[Exception]
    messages, errors = decoder.read(
        apply_scale_and_offset=True,
        convert_datetimes_to_dates=False,
        convert_types_to_strings=True,
        enable_crc_check=True,
        expand_sub_fields=False,
        expand_components=False,
        merge_heart_rates=False,
    )
    return messages, errors


def _close(ours: float | None, theirs: float | None, tolerance: float = 1e-6) -> bool:
    if ours is None or theirs is None:
        return ours is None and theirs is None
    return math.isclose(ours, theirs, rel_tol=tolerance, abs_tol=tolerance)


def _sdk_readable() -> Iterator[Path]:
    for path in _sample_fits():
        messages, errors = _sdk(path)
        if not errors and messages.get("session_mesgs"):
            yield path


@pytest.mark.parametrize("path", list(_sdk_readable()), ids=lambda p: p.name)
def test_every_session_and_record_matches_garmins_decoder(path: Path) -> None:
    messages, _ = _sdk(path)
    ours = read_fit(path.read_bytes(), path.name)
    sessions = sorted(messages["session_mesgs"], key=lambda s: s["start_time"])
    assert len(ours) == len(sessions)
    records = messages.get("record_mesgs", [])
    for activity, session in zip(ours, sessions, strict=True):
        start = session["start_time"]
        assert activity.start.timestamp() == FIT_EPOCH_S + start
        assert activity.sport == session["sport"]
        assert activity.sub_sport == (
            None if session.get("sub_sport") in (None, "generic") else session["sub_sport"]
        )
        assert _close(activity.elapsed_s, session["total_elapsed_time"])
        assert _close(activity.distance_m, session.get("total_distance"))
        end = max(session["timestamp"], start + int(session["total_elapsed_time"]))
        theirs = [r for r in records if start <= r["timestamp"] <= end + 1]
        assert len(activity.samples) == len(theirs)
        for sample, record in zip(activity.samples, theirs, strict=True):
            _check_record(activity, sample, record, start)


def _check_record(activity: Activity, sample: Any, record: dict[Any, Any], start: int) -> None:
    where = f"{activity.source} at t={sample.t_s}"
    assert sample.t_s == record["timestamp"] - start, where
    assert _close(sample.distance_m, record.get("distance")), where
    heart_rate = record.get("heart_rate")
    assert sample.heart_rate_bpm == (heart_rate if heart_rate else None), where
    altitude = record.get("enhanced_altitude", record.get("altitude"))
    assert _close(sample.altitude_m, altitude, 1e-9), where
    cadence = record.get("cadence")
    if cadence is None:
        assert sample.cadence_spm is None, where
    else:
        value = cadence + (record.get("fractional_cadence") or 0.0)
        on_foot = activity.sport in ("running", "walking", "hiking")
        assert _close(sample.cadence_spm, value * 2 if on_foot else value), where
    latitude, longitude = record.get("position_lat"), record.get("position_long")
    if latitude is None or longitude is None:
        assert sample.latitude is None and sample.longitude is None, where
    else:
        assert _close(sample.latitude, latitude * SEMICIRCLE_DEG), where
        assert _close(sample.longitude, longitude * SEMICIRCLE_DEG), where


def test_compressed_timestamps_and_packed_distance_match_fitdecode() -> None:
    # Garmin's decoder cannot read compressed-timestamp headers, so this file is checked
    # against fitdecode, which expands compressed_speed_distance into a running distance.
    path = DATA / "fitparse_compressed-speed-distance.fit"
    (activity,) = read_fit(path.read_bytes(), path.name)
    theirs = []
    with fitdecode.FitReader(str(path)) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record":
                theirs.append(frame)
    assert len(activity.samples) == len(theirs) == 755
    for sample, frame in zip(activity.samples, theirs, strict=True):
        stamp = frame.get_value("timestamp", raw_value=True)  # FIT seconds (this clock: 1990)
        assert activity.start.timestamp() - FIT_EPOCH_S + sample.t_s == stamp
        assert sample.heart_rate_bpm == frame.get_value("heart_rate", fallback=None)
        cadence = frame.get_value("cadence", fallback=None)
        assert sample.cadence_spm == (None if cadence is None else cadence * 2)
        distance = frame.get_value("distance", fallback=None)
        assert _close(sample.distance_m, distance)
    assert activity.sport == "running" and activity.elapsed_s == pytest.approx(3883.273)
    assert activity.samples[-1].distance_m == pytest.approx(activity.distance_m or 0, rel=0.001)


def test_developer_fields_are_skipped_and_the_run_is_whole() -> None:
    path = DATA / "fitparse_developer-types-sample.fit"
    (activity,) = read_fit(path.read_bytes(), path.name)
    assert activity.sport == "running"
    assert len(activity.samples) == 3424
    assert activity.local_offset_min is None


def test_a_chained_multisport_file_is_split_into_its_sessions() -> None:
    path = DATA / "fitparse_sample_mulitple_header.fit"
    activities, note = read_fit_noted(path.read_bytes(), path.name)
    assert note is None
    assert [a.sport for a in activities] == [
        "swimming",
        "transition",
        "cycling",
        "transition",
        "running",
    ]
    assert activities[0].sub_sport == "open_water"
    assert all(a.local_offset_min == 120 for a in activities)
    starts = [a.start for a in activities]
    assert starts == sorted(starts)


def test_an_undefined_local_message_is_a_clean_error() -> None:
    path = DATA / "fitparse_strava-android-app-201.10.fit"
    with pytest.raises(ImportFailure, match="never defined"):
        read_fit(path.read_bytes(), path.name)


@needs_samples
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("corrupt/fitparse_activity-filecrc.fit", "checksum does not match"),
        ("corrupt/fitparse_nick_truncated.fit", "checksum does not match"),
        ("other/fitsdk_MonitoringFile.fit", "monitoring file, not an activity"),
        ("other/fitsdk_WorkoutRepeatSteps.fit", "workout file, not an activity"),
    ],
)
def test_damaged_and_other_files_say_what_they_are(name: str, expected: str) -> None:
    data = (SAMPLES / "fit" / name).read_bytes()
    with pytest.raises(ImportFailure, match=expected):
        read_fit(data, name)


@needs_samples
def test_a_damaged_chained_part_is_left_out_with_a_note() -> None:
    for name in ("activity-settings-corruptheader", "activity-settings-nodata"):
        data = (SAMPLES / "fit" / "corrupt" / f"fitparse_{name}.fit").read_bytes()
        activities, note = read_fit_noted(data, name)
        assert [a.sport for a in activities] == ["running"]
        assert note is not None and "later part of this chained file was left out" in note


@needs_samples
def test_a_file_cut_short_keeps_the_records_before_the_cut_and_says_so() -> None:
    data = (SAMPLES / "fit" / "corrupt" / "fitparse_activity-unexpected-eof.fit").read_bytes()
    activities, note = read_fit_noted(data, "eof")
    assert len(activities) == 1 and len(activities[0].samples) == 14
    assert note is not None and "cut short" in note and "no checksum" in note


def test_a_cut_at_every_byte_never_breaks_the_reader() -> None:
    data = (DATA / "fitparse_garmin-fenix-5-run.fit").read_bytes()
    for cut in range(len(data)):
        try:
            activities, note = read_fit_noted(data[:cut], "cut")
        except ImportFailure:
            continue
        assert note is not None  # nothing shorter than the whole file passes unremarked


def test_the_crc_matches_the_reference_algorithm_byte_by_byte() -> None:
    data = (DATA / "fitparse_garmin-fenix-5-run.fit").read_bytes()
    for length in (0, 1, 2, 3, 14, 101, len(data) - 2):
        reference = 0
        for byte in data[:length]:
            reference = crc_byte(reference, byte)
        assert fit_crc(data[:length]) == reference
    assert fit_crc(data) == 0  # a whole file, its own CRC included, leaves zero


def test_sport_names_follow_the_fit_profile() -> None:
    from garmin_fit_sdk import Profile

    for number, name in SPORTS.items():
        assert Profile["types"]["sport"][number] == name


def _with_good_crc(data: bytearray) -> bytes:
    """Re-seal a mutated file so the mutation reaches the message parser, not just the CRC."""
    if len(data) < 14 or data[8:12] != b".FIT":
        return bytes(data)
    size = len(data) - 14 - 2
    data[4:8] = struct.pack("<I", max(size, 0))
    data[12:14] = struct.pack("<H", fit_crc(bytes(data[:12])))
    data[-2:] = struct.pack("<H", fit_crc(bytes(data[:-2])))
    return bytes(data)


_SEED = (DATA / "fitparse_garmin-fenix-5-run.fit").read_bytes()


@settings(max_examples=int(os.environ.get("BACKSTRIDE_PROPERTY_EXAMPLES", "400")), deadline=None)
@given(
    edits=st.lists(
        st.tuples(st.integers(0, len(_SEED) - 1), st.integers(0, 255)), min_size=1, max_size=8
    ),
    reseal=st.booleans(),
    cut=st.integers(0, 64),
)
def test_mutated_fit_bytes_raise_only_the_import_error(
    edits: list[tuple[int, int]], reseal: bool, cut: int
) -> None:
    data = bytearray(_SEED)
    for at, value in edits:
        data[at] = value
    if cut:
        del data[len(data) // 2 : len(data) // 2 + cut]
    mutated = _with_good_crc(data) if reseal else bytes(data)
    try:
        activities, _ = read_fit_noted(mutated, "mutated")
    except NotAnActivity:
        return
    except ImportFailure:
        return
    for activity in activities:
        assert activity.start.tzinfo is not None
        assert all(s.t_s >= 0 for s in activity.samples)


@needs_samples
def test_the_c_crc_matches_the_reference_algorithm_on_every_real_file() -> None:
    for path in sorted(SAMPLES.glob("fit/*/*.fit")):
        data = path.read_bytes()[:150_000]  # the reference walks byte by byte in Python
        reference = 0
        for byte in data:
            reference = crc_byte(reference, byte)
        assert fit_crc(data) == reference, path.name
        half = len(data) // 2
        assert fit_crc(memoryview(data)[half:], fit_crc(data[:half])) == reference, path.name
