"""`backstride import` and `backstride runs` on the real sample files, and what they store."""

import csv
import gzip
import json
import math
import shutil
import struct
import zipfile
import zlib
from array import array
from datetime import UTC, datetime
from pathlib import Path

import pytest

from backstride.cli.app import run
from backstride.domain.activity import Activity, Sample, SampleColumns
from backstride.domain.activity_metrics import metrics
from backstride.storage.sample_codec import pack_samples, unpack_samples

SAMPLES = Path(__file__).resolve().parent.parent.parent / "shared" / "samples"
DATA = Path(__file__).resolve().parent / "data" / "activities"
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is absent")


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = run(list(args))
    return code, capsys.readouterr().out


@needs_samples
def test_import_reports_every_file_and_a_second_run_adds_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = call(capsys, "import", str(SAMPLES / "gpx"), str(SAMPLES / "tcx"), "--json")
    first = json.loads(out)
    assert code == 1  # the malformed TCX is an error, and the batch went on
    assert len(first) == len(list((SAMPLES / "gpx").iterdir())) + len(
        list((SAMPLES / "tcx").iterdir())
    )
    by_name = {Path(o["path"]).name: o for o in first}
    assert by_name["runpandas_malformed.tcx"]["outcome"] == "error"
    assert by_name["gpxpy_route.gpx"]["outcome"] == "skipped"
    assert by_name["runpandas_run_tomtom.tcx"]["outcome"] == "duplicate"  # same run as the GPX
    imported = sum(o["activities"] for o in first)
    assert imported > 10
    code, out = call(capsys, "import", str(SAMPLES / "gpx"), str(SAMPLES / "tcx"), "--json")
    second = json.loads(out)
    assert sum(o["activities"] for o in second) == 0
    assert {o["outcome"] for o in second} <= {"duplicate", "skipped", "error"}
    code, out = call(capsys, "runs", "--all", "--json")
    assert len(json.loads(out)) == imported


@needs_samples
def test_runs_json_has_the_promised_fields(capsys: pytest.CaptureFixture[str]) -> None:
    call(capsys, "import", str(SAMPLES / "tcx" / "runpandas_11km.tcx"))
    code, out = call(capsys, "runs", "--json")
    (listed,) = json.loads(out)
    assert code == 0
    expected = {
        "id",
        "start",
        "sport",
        "duration_s",
        "moving_s",
        "distance_m",
        "avg_cadence_spm",
        "avg_hr_bpm",
        "source",
    }
    assert expected <= set(listed)
    assert listed["sport"] == "running"
    assert datetime.fromisoformat(listed["start"]).tzinfo is not None
    assert listed["distance_m"] > 10_000
    assert 100 < listed["avg_cadence_spm"] < 220  # steps per minute, not strides


@needs_samples
def test_dry_run_stores_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = call(
        capsys, "import", str(SAMPLES / "tcx" / "runpandas_11km.tcx"), "--dry-run", "--json"
    )
    assert json.loads(out)[0]["reason"].startswith("would import")
    assert json.loads(call(capsys, "runs", "--json")[1]) == []


@needs_samples
def test_gzipped_files_import_and_a_gzip_bomb_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    packed = tmp_path / "run.tcx.gz"
    packed.write_bytes(gzip.compress((SAMPLES / "tcx" / "runpandas_11km.tcx").read_bytes()))
    code, out = call(capsys, "import", str(packed), "--json")
    assert (code, json.loads(out)[0]["outcome"]) == (0, "imported")
    monkeypatch.setenv("BACKSTRIDE_MAX_FILE_MB", "1")
    bomb = tmp_path / "bomb.gpx.gz"
    bomb.write_bytes(gzip.compress(b"\0" * 3_000_000))
    code, out = call(capsys, "import", str(bomb), "--json")
    assert code == 1
    assert "gzip bomb" in json.loads(out)[0]["reason"]


def test_unknown_files_and_folders_are_reported_not_fatal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    (tmp_path / "__MACOSX").mkdir()
    (tmp_path / "__MACOSX" / "junk.gpx").write_text("x", encoding="utf-8")
    code, out = call(capsys, "import", str(tmp_path), "--json")
    outcomes = json.loads(out)
    assert code == 0
    assert [Path(o["path"]).name for o in outcomes] == ["notes.txt"]
    assert outcomes[0]["outcome"] == "skipped"


def test_samples_pack_and_unpack_exactly() -> None:
    samples = (
        Sample(0.0, 0.0, 120, 168.0, 10.5, 46.1, 14.5),
        Sample(1.5, 3.2, None, None, None, None, None),
        Sample(3.0, 6.4, 130, 170.0, 11.0, 46.10001, 14.50002),
    )
    assert unpack_samples(pack_samples(samples)) == samples
    with pytest.raises(ValueError):
        unpack_samples(b"nope")


def test_blobs_stored_at_zlib_level_6_still_read() -> None:
    # Before the import got faster, blobs were packed at level 6: zlib reads every level.
    samples = (Sample(0.0, 0.0, 120, 168.0, 10.5, 46.1, 14.5), Sample(1.0, 2.5, 121))
    columns = array("d", [0.0, 1.0, 0.0, 2.5, 120, 121, 168.0, math.nan, 10.5, math.nan])
    columns.extend([46.1, math.nan, 14.5, math.nan])
    old_blob = b"BSS1" + struct.pack("<I", 2) + zlib.compress(columns.tobytes(), 6)
    assert unpack_samples(old_blob) == samples
    new_blob = pack_samples(samples)
    assert new_blob != old_blob and new_blob[:8] == old_blob[:8]
    assert zlib.decompress(new_blob[8:]) == zlib.decompress(old_blob[8:])


def test_sample_columns_read_and_pack_as_the_samples_they_hold() -> None:
    samples = (
        Sample(0.0, 0.0, 120, 168.0, 10.5, 46.1, 14.5),
        Sample(1.5, 3.2, None, None, None, None, None),
    )
    columns = SampleColumns.of(samples)
    assert columns == samples and samples == columns and len(columns) == 2
    assert columns[1] == samples[1] and columns[-1] == samples[-1] and columns[:1] == samples[:1]
    assert list(columns) == list(samples)
    assert pack_samples(columns) == pack_samples(samples)
    assert SampleColumns.of(()) == ()
    with pytest.raises(ValueError, match="as long as the times"):
        SampleColumns([0.0], [], [], [], [], [], [])


def test_metrics_on_a_known_run() -> None:
    # 2.5 km at a steady 4 m/s with one 60 s stop, a 10 m climb, cadence 170
    samples = []
    t, d = 0.0, 0.0
    for i in range(626):
        samples.append(Sample(t, d, 150, 170.0, 100.0 + min(i, 10), None, None))
        t += 1.0
        d += 4.0
        if i == 300:
            t += 60.0  # standing still, no samples
    run = Activity(
        "test", "running", None, datetime(2026, 1, 1, tzinfo=UTC), 0, t - 1, None, tuple(samples)
    )
    numbers = metrics(run)
    assert numbers.distance_m == pytest.approx(2500.0)
    assert numbers.moving_s == pytest.approx(624.0)  # 625 gaps, the 61 s stop is not moving
    assert numbers.elevation_gain_m == 10.0
    assert [split.km for split in numbers.splits] == [1, 2]
    assert numbers.splits[0].duration_s == pytest.approx(250.0)
    assert numbers.splits[1].duration_s == pytest.approx(310.0)  # includes the stop
    assert numbers.avg_cadence_spm == 170.0
    assert numbers.cadence_histogram == {170: 626}


def test_a_copied_folder_of_the_same_files_is_all_duplicates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is absent")
    shutil.copy(SAMPLES / "gpx" / "runpandas_nike_run.gpx", tmp_path / "a.gpx")
    shutil.copy(SAMPLES / "gpx" / "runpandas_nike_run.gpx", tmp_path / "b.gpx")
    outcomes = json.loads(call(capsys, "import", str(tmp_path), "--json")[1])
    assert [o["outcome"] for o in outcomes] == ["imported", "duplicate"]


@needs_samples
def test_the_whole_sample_folder_imports_every_run_and_again_adds_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = call(capsys, "import", str(SAMPLES), "--json")
    first = {o["path"]: o for o in json.loads(out)}
    assert code == 1  # some sample files are damaged on purpose; the batch went on
    for path in sorted((SAMPLES / "fit" / "run").glob("*.fit")):
        assert first[str(path)]["outcome"] in ("imported", "duplicate"), path.name
    errors = sorted(Path(p).name for p, o in first.items() if o["outcome"] == "error")
    assert errors == [
        "fitparse_activity-filecrc.fit",  # its CRC does not match
        "fitparse_nick_truncated.fit",  # cut short, and its header size is wrong
        "fitparse_strava-android-app-201.10.fit",  # an undefined local message
        "gpxpy_Mojstrovka.gpx",  # its points are timed 1901-12-13, a 32-bit clock run under
        "runpandas_malformed.tcx",  # an undeclared namespace prefix: not XML
    ]
    code, out = call(capsys, "import", str(SAMPLES), "--json")
    assert sum(o["activities"] for o in json.loads(out)) == 0


@needs_samples
def test_a_strava_export_zip_is_imported_with_its_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    export = SAMPLES / "strava_export" / "export_sample.zip"
    code, out = call(capsys, "import", str(export), "--json")
    outcomes = {o["path"].split("!", 1)[1]: o for o in json.loads(out)}
    assert code == 0
    assert outcomes["activities/12866632127.fit.gz"]["outcome"] == "imported"
    assert outcomes["activities.csv"]["outcome"] == "skipped"
    assert outcomes["profile.csv"]["reason"] == "not an activity file"
    code, out = call(capsys, "runs", "--json")
    (listed,) = json.loads(out)
    with (SAMPLES / "strava_export" / "export_sample" / "activities.csv").open() as listing:
        header, row = list(csv.reader(listing))[:2]
    assert listed["name"] == row[header.index("Activity Name")]
    assert listed["sport"] == "running"
    code, out = call(capsys, "import", str(export), "--json")
    assert {o["outcome"] for o in json.loads(out)} <= {"duplicate", "skipped"}


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_zip_skips_junk_and_escapes_reads_inner_zips_and_goes_on_after_a_bad_entry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gpx = (DATA / "runpandas_garmin_connect_3pts.gpx").read_bytes()
    tcx = (DATA / "runpandas_run_garmin_fr620.tcx").read_bytes()
    inner = _zip(tmp_path / "inner.zip", {"UploadedFiles_0/run.tcx": tcx}).read_bytes()
    export = _zip(
        tmp_path / "export.zip",
        {
            "__MACOSX/._run.gpx": b"\x00\x05\x16\x07junk",
            "../escape.gpx": gpx,
            "run.gpx": gpx,
            "broken.fit": b"not a fit file at all",
            "DI_CONNECT/UploadedFiles_0-_Part1.zip": inner,
            "notes.pdf": b"%PDF-1.4",
        },
    )
    code, out = call(capsys, "import", str(export), "--json")
    outcomes = {o["path"].rsplit("!", 1)[-1]: o for o in json.loads(out)}
    assert code == 1
    assert outcomes["__MACOSX/._run.gpx"]["reason"] == "macOS resource-fork junk"
    assert outcomes["../escape.gpx"]["reason"] == "path escapes the archive"
    assert outcomes["run.gpx"]["outcome"] == "imported"
    assert outcomes["broken.fit"]["outcome"] == "error"
    assert outcomes["UploadedFiles_0/run.tcx"]["outcome"] == "imported"
    assert outcomes["notes.pdf"]["outcome"] == "skipped"
    code, out = call(capsys, "runs", "--json")
    assert len(json.loads(out)) == 2


def test_a_zip_that_is_not_a_zip_is_one_clean_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "export.zip"
    fake.write_bytes(b"PK\x03\x04 this is not really a zip")
    code, out = call(capsys, "import", str(fake), "--json")
    (outcome,) = json.loads(out)
    assert code == 1 and outcome["outcome"] == "error"
    assert "zip" in outcome["reason"]


def test_the_table_names_an_archive_entry_by_archive_and_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "150")
    gpx = (DATA / "runpandas_garmin_connect_3pts.gpx").read_bytes()
    export = _zip(tmp_path / "export.zip", {"activities/run.gpx": gpx})
    code, out = call(capsys, "import", str(export))
    assert code == 0
    assert "export.zip!activities/run.gpx" in out
