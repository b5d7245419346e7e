"""`backstride import` and `backstride runs` on the real sample files, and what they store."""

import gzip
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from backstride.cli.app import run
from backstride.domain.activity import Activity, Sample
from backstride.domain.activity_metrics import metrics
from backstride.services import imports
from backstride.storage.sample_codec import pack_samples, unpack_samples

SAMPLES = Path(__file__).resolve().parent.parent.parent / "shared" / "samples"
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
    monkeypatch.setattr(imports, "MAX_UNPACKED_BYTES", 1_000_000)
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
