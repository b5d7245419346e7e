"""Hostile and unlucky files: each gives its own outcome, and the batch always finishes."""

import gzip
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fit_encoder import activity_file_id, fieldless_records, fit_file, session, timed_records

from backstride.cli.app import run
from backstride.importers.any_file import read_any

DATA = Path(__file__).resolve().parent / "data" / "activities"
GOOD_TCX = DATA / "runpandas_run_garmin_fr620.tcx"


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, object]]]:
    code = run([*args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def corrupt_gz(data: bytes) -> bytes:
    """A gzip stream whose deflate data is damaged: zlib raises its own error, not OSError."""
    packed = bytearray(gzip.compress(data))
    packed[10:20] = b"\xff" * 10  # the first deflate block's header and codes
    return bytes(packed)


def test_a_corrupt_gz_is_an_error_for_that_file_and_the_next_file_still_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "a-bad.tcx.gz"
    bad.write_bytes(corrupt_gz(GOOD_TCX.read_bytes()))
    good = tmp_path / "b-good.tcx"
    good.write_bytes(GOOD_TCX.read_bytes())
    code, outcomes = call(capsys, "import", str(bad), str(good))
    assert code == 1
    assert [(Path(str(o["path"])).name, o["outcome"]) for o in outcomes] == [
        ("a-bad.tcx.gz", "error"),
        ("b-good.tcx", "imported"),
    ]
    assert "not a valid .gz file" in str(outcomes[0]["reason"])


def test_a_corrupt_gz_inside_a_zip_is_an_error_for_that_entry_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("activities/1.tcx.gz", corrupt_gz(GOOD_TCX.read_bytes()))
        archive.writestr("activities/2.tcx", GOOD_TCX.read_bytes())
    code, outcomes = call(capsys, "import", str(export))
    assert code == 1
    assert [(str(o["path"]).split("!")[1], o["outcome"]) for o in outcomes] == [
        ("activities/1.tcx.gz", "error"),
        ("activities/2.tcx", "imported"),
    ]


def test_any_exception_a_reader_raises_becomes_an_error_item_naming_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from backstride.importers import any_file

    def broken(data: bytes, source: str, limits: object) -> object:
        raise KeyError("a bug in a reader")

    monkeypatch.setitem(any_file.READERS, ".gpx", broken)
    items = list(read_any("run.gpx", b"<gpx/>"))
    assert [(item.label, item.outcome) for item in items] == [("run.gpx", "error")]
    assert items[0].reason == "could not be read (KeyError: 'a bug in a reader')"


def gpx(*times: str, sport: str | None = "running") -> bytes:
    points = "".join(
        f'<trkpt lat="46.0" lon="{14.0 + i / 1000}"><time>{when}</time></trkpt>'
        for i, when in enumerate(times)
    )
    return (
        '<?xml version="1.0"?><gpx version="1.1" creator="test" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk>'
        + (f"<type>{sport}</type>" if sport else "")
        + "<trkseg>"
        f"{points}</trkseg></trk></gpx>"
    ).encode()


@pytest.mark.parametrize(
    ("times", "why"),
    [
        (("0001-01-01T00:00:00Z", "0001-01-01T00:00:10Z"), "0001-01-01 00:00 UTC, before 1980"),
        (("9999-12-31T23:59:00Z", "9999-12-31T23:59:59Z"), "more than a day from now"),
        (("1979-12-31T23:00:00Z", "1979-12-31T23:30:00Z"), "before 1980"),
    ],
)
def test_a_start_outside_the_sane_range_is_refused_and_the_batch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], times: tuple[str, ...], why: str
) -> None:
    odd = tmp_path / "a-odd.gpx"
    odd.write_bytes(gpx(*times))
    good = tmp_path / "b-good.tcx"
    good.write_bytes(GOOD_TCX.read_bytes())
    code, outcomes = call(capsys, "import", str(odd), str(good))
    assert [o["outcome"] for o in outcomes] == ["error", "imported"]
    assert why in str(outcomes[0]["reason"]) and "clock was wrong" in str(outcomes[0]["reason"])


def test_a_fit_file_whose_clock_was_never_set_still_imports(
    capsys: pytest.CaptureFixture[str],
) -> None:
    unset_clock = DATA / "fitparse_compressed-speed-distance.fit"  # its times are in 1990
    code, outcomes = call(capsys, "import", str(unset_clock))
    assert (code, outcomes[0]["outcome"]) == (0, "imported")
    assert "clock seems never to have been set" in str(outcomes[0]["reason"])
    code, listed = call(capsys, "runs")
    assert str(listed[0]["start"]).startswith(("1989", "1990"))


def test_the_duplicate_check_cannot_overflow_at_the_ends_of_time() -> None:
    from datetime import UTC, datetime

    from backstride.cli.local_action import local_action
    from backstride.domain.activity import Activity
    from backstride.storage.activities import same_activity

    with local_action() as action:
        for start in (datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)):
            activity = Activity("edge", "running", None, start, None, 60.0, None, ())
            assert same_activity(action.session, action.runner_id, activity) is None


# --- FIT files that claim more samples or sessions than an activity holds ---


def test_fieldless_records_behind_one_byte_headers_are_refused_after_few_of_them() -> None:
    from backstride.errors import InputRefused
    from backstride.importers.fit_messages import CHECK_EVERY, decode_messages

    hostile = fit_file(activity_file_id() + timed_records([0]) + fieldless_records(2_000_000))
    with pytest.raises(InputRefused) as caught:
        decode_messages(hostile)
    # Refused at the first check: CHECK_EVERY records decoded out of two million.
    assert f"{CHECK_EVERY:,} within 0 seconds" in str(caught.value)
    assert "10 a second" in str(caught.value)


def test_a_gzipped_fieldless_fit_is_one_error_item(monkeypatch: pytest.MonkeyPatch) -> None:
    from backstride.importers import any_file

    hostile = fit_file(activity_file_id() + timed_records([0]) + fieldless_records(3_000_000))
    packed = gzip.compress(hostile, compresslevel=9)
    assert len(packed) < 64 * 1024
    (item,) = read_any("bomb.fit.gz", packed)
    assert item.outcome == "error"
    assert "unpack to more than 200 times as many" in item.reason and "gzip bomb" in item.reason
    monkeypatch.setattr(any_file, "MAX_RATIO", 10**6)  # let it unpack: the FIT bound refuses it
    (item,) = read_any("bomb.fit.gz", packed)
    assert item.outcome == "error" and "16,384 within 0 seconds" in item.reason


def test_records_denser_than_the_limit_per_second_are_refused_and_real_rates_are_not() -> None:
    from backstride.config import InputLimits

    one_a_second = fit_file(activity_file_id() + timed_records(list(range(600))) + session(0, 599))
    (item,) = read_any("run.fit", one_a_second)
    assert item.outcome == "read"
    assert [len(activity.samples) for activity in item.activities] == [600]
    three_a_second = [second // 3 for second in range(600)]  # 200 s of 3 records a second
    dense = fit_file(activity_file_id() + timed_records(three_a_second) + session(0, 199))
    (item,) = read_any("dense.fit", dense, InputLimits(max_samples_per_second=2))
    assert item.outcome == "error" and "600 within 199 seconds" in item.reason
    (item,) = read_any("dense.fit", dense, InputLimits(max_samples_per_second=3))
    assert item.outcome == "read" and len(item.activities[0].samples) == 600


def test_records_past_the_per_file_cap_are_refused() -> None:
    from backstride.config import InputLimits

    data = fit_file(activity_file_id() + timed_records(list(range(600))) + session(0, 599))
    (item,) = read_any("run.fit", data, InputLimits(max_samples_per_file=599))
    assert item.outcome == "error" and "more than 599" in item.reason
    (item,) = read_any("run.fit", data, InputLimits(max_samples_per_file=600))
    assert item.outcome == "read"


def many_sessions(count: int, seconds_each: int = 10) -> bytes:
    stamps = list(range(count * seconds_each))
    body = activity_file_id() + timed_records(stamps)
    body += b"".join(session(i * seconds_each, seconds_each - 1) for i in range(count))
    return fit_file(body)


def test_sessions_past_the_per_file_cap_are_refused() -> None:
    from backstride.config import InputLimits

    (item,) = read_any("many.fit", many_sessions(101))
    assert item.outcome == "error"
    assert item.reason == (
        "sessions in this FIT file: more than 100, over the limit of 100 per file; refused"
    )
    (item,) = read_any("many.fit", many_sessions(101), InputLimits(max_sessions_per_file=101))
    assert item.outcome == "read" and len(item.activities) == 101


def test_records_are_assigned_to_sessions_without_comparing_every_pair() -> None:
    from backstride.config import InputLimits
    from backstride.importers import fit
    from backstride.importers.fit_messages import decode_messages

    sessions, seconds_each = 300, 10
    found = decode_messages(
        many_sessions(sessions, seconds_each), InputLimits(max_sessions_per_file=sessions)
    )
    comparisons = [0]

    class Counted(int):
        """A timestamp that counts the comparisons made with it."""

        def _count(self) -> None:
            comparisons[0] += 1

        def __lt__(self, other: object) -> bool:
            self._count()
            return int(self) < other  # type: ignore[operator]

        def __le__(self, other: object) -> bool:
            self._count()
            return int(self) <= other  # type: ignore[operator]

        def __gt__(self, other: object) -> bool:
            self._count()
            return int(self) > other  # type: ignore[operator]

        def __ge__(self, other: object) -> bool:
            self._count()
            return int(self) >= other  # type: ignore[operator]

    stamps = list(found.record_stamps)
    found.record_stamps[:] = [Counted(stamp) for stamp in stamps]
    activities = fit._activities(found, "many.fit")
    first = stamps[0]
    expected = [
        sum(1 for s in stamps if first + i * seconds_each <= s <= first + i * seconds_each + 10)
        for i in range(sessions)
    ]
    assert [len(activity.samples) for activity in activities] == expected
    records = len(stamps)
    assert comparisons[0] < 20 * (records + sessions)  # every pair would be 2 x 900,000


def test_the_session_cap_comes_from_the_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "three.fit"
    path.write_bytes(many_sessions(3, seconds_each=100))  # starts more than a minute apart
    monkeypatch.setenv("BACKSTRIDE_MAX_SESSIONS_PER_FILE", "2")
    code, outcomes = call(capsys, "import", str(path))
    assert (code, outcomes[0]["outcome"]) == (1, "error")
    assert "over the limit of 2 per file" in str(outcomes[0]["reason"])
    monkeypatch.setenv("BACKSTRIDE_MAX_SESSIONS_PER_FILE", "3")
    code, outcomes = call(capsys, "import", str(path))
    assert (outcomes[0]["outcome"], outcomes[0]["activities"]) == ("imported", 3)


# --- plain files: size, and things that are not regular files ---


def test_a_file_over_the_size_limit_is_refused_before_reading_and_the_next_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACKSTRIDE_MAX_FILE_MB", "1")
    big = tmp_path / "a-big.gpx"
    big.write_bytes(b" " * (3 * 1024**2))
    good = tmp_path / "b-good.tcx"
    good.write_bytes(GOOD_TCX.read_bytes())
    code, outcomes = call(capsys, "import", str(big), str(good))
    assert [o["outcome"] for o in outcomes] == ["error", "imported"]
    assert str(outcomes[0]["reason"]).startswith("refused: 3 MB, over the limit of 1 MB")


def test_read_any_stops_reading_a_stream_one_byte_past_the_limit() -> None:
    import io

    from backstride.config import InputLimits

    class Counted(io.BytesIO):
        handed_out = 0

        def read(self, size: int | None = -1, /) -> bytes:
            chunk = super().read(size)
            Counted.handed_out += len(chunk)
            return chunk

    (item,) = read_any("big.gpx", Counted(b" " * 10_000), InputLimits(max_file_bytes=1_000))
    assert item.outcome == "error" and "over the limit of 1,000 bytes" in item.reason
    assert Counted.handed_out == 1_001
    assert item.size_bytes == 10_000


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_fifo_or_a_device_is_skipped_without_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    import os

    if kind == "fifo":
        special = tmp_path / "pipe.gpx"
        os.mkfifo(special)  # nobody writes to it: opening it for reading would wait forever
        expected = "not a regular file (a named pipe (FIFO))"
    else:
        special = Path("/dev/zero")  # reading it would never end
        expected = "not a regular file (a character device)"
    good = tmp_path / "good.tcx"
    good.write_bytes(GOOD_TCX.read_bytes())
    code, outcomes = call(capsys, "import", str(special), str(good))
    assert [(o["outcome"], o["reason"]) for o in outcomes][0] == ("skipped", expected)
    assert outcomes[1]["outcome"] == "imported"


# --- folders and archives ---


def test_links_inside_a_folder_are_followed_only_to_files_inside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.tcx").write_bytes(GOOD_TCX.read_bytes())
    folder = tmp_path / "runs"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.tcx").write_bytes(GOOD_TCX.read_bytes())
    (folder / "b-inside.tcx").symlink_to(folder / "a.tcx")
    (folder / "c-outside.tcx").symlink_to(outside / "secret.tcx")
    (folder / "d-folder").symlink_to(outside, target_is_directory=True)
    (folder / "e-dangling.gpx").symlink_to(tmp_path / "nowhere.gpx")
    code, outcomes = call(capsys, "import", str(folder))
    assert [(Path(str(o["path"])).name, o["outcome"], o["reason"]) for o in outcomes] == [
        ("a.tcx", "imported", "imported 1 activity"),
        ("b-inside.tcx", "duplicate", "these bytes were imported before"),
        (
            "c-outside.tcx",
            "skipped",
            "a symbolic link to outside the folder being imported: not followed",
        ),
        (
            "d-folder",
            "skipped",
            "a symbolic link to outside the folder being imported: not followed",
        ),
        ("e-dangling.gpx", "skipped", "a symbolic link to nothing: not followed"),
    ]


def test_an_unreadable_subfolder_is_reported_not_skipped_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    folder = tmp_path / "runs"
    locked = folder / "locked"
    locked.mkdir(parents=True)
    (locked / "run.tcx").write_bytes(GOOD_TCX.read_bytes())
    (folder / "z-good.tcx").write_bytes(GOOD_TCX.read_bytes())
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads any folder: make the listing fail as it would for a user
        real_scandir = os.scandir

        def scandir(path: object) -> object:
            if Path(str(path)) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)  # type: ignore[call-overload]

        monkeypatch.setattr(os, "scandir", scandir)
    try:
        code, outcomes = call(capsys, "import", str(folder))
    finally:
        locked.chmod(0o755)
    assert [(Path(str(o["path"])).name, o["outcome"], o["reason"]) for o in outcomes] == [
        ("locked", "error", "could not read this folder: Permission denied"),
        ("z-good.tcx", "imported", "imported 1 activity"),
    ]


def test_an_empty_path_is_refused_not_read_as_the_current_folder(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = run(["import", ""])
    captured = capsys.readouterr()
    assert code == 2
    assert "an empty path was given" in captured.err
    assert captured.out == ""


@pytest.fixture(scope="module")
def seventy_thousand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A zip of 70,000 empty entries: past 65,535, so its counts live in the ZIP64 records."""
    path = tmp_path_factory.mktemp("zip64") / "many.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for index in range(70_000):
            archive.writestr(f"{index}.gpx", b"")
    return path


def test_an_archive_past_65535_entries_is_counted_from_its_zip64_record(
    seventy_thousand: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backstride.importers import archive
    from backstride.importers.failure import ImportFailure

    def never(*args: object) -> None:
        raise AssertionError("the table of contents was listed")

    monkeypatch.setattr(zipfile.ZipFile, "_RealGetContents", never)
    with pytest.raises(ImportFailure) as caught:
        archive.open_archive(seventy_thousand)
    assert str(caught.value) == (
        "many.zip holds 70,000 entries, more than the 20,000 an export needs; refused"
    )


def test_the_entry_cap_comes_from_the_limits(seventy_thousand: Path) -> None:
    from backstride.config import InputLimits

    with seventy_thousand.open("rb") as stream:
        (item,) = read_any(str(seventy_thousand), stream, InputLimits(max_archive_entries=69_999))
    assert item.outcome == "error" and "holds 70,000 entries, more than the 69,999" in item.reason
    with seventy_thousand.open("rb") as stream:
        items = list(
            read_any(str(seventy_thousand), stream, InputLimits(max_archive_entries=70_000))
        )
    assert len(items) == 70_000  # one item per entry: each an empty, unreadable GPX
    assert {(item.outcome, item.reason) for item in items} == {
        ("error", "not valid XML: no element found: line 1, column 0")
    }


# --- Strava's activity types ---


def test_a_long_or_odd_strava_activity_type_is_kept_short_and_plain() -> None:
    from backstride.importers.archive import strava_sport

    long_type = "Extraordinarily Long Custom Activity Type From A Club App"
    sport, sub_sport = strava_sport(long_type)
    assert sport == "extraordinarily_long_custom_acti" and len(sport) == 32
    assert strava_sport("Ski — Touring!") == ("ski_touring", None)
    assert strava_sport("☃☃") == (None, None)


def test_a_strava_export_with_a_long_activity_type_imports_on_every_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    untyped = gpx(
        "2024-05-01T06:00:00Z", "2024-05-01T06:30:00Z", sport=None
    )  # no <type>: sport unknown
    later = gpx("2024-05-02T06:00:00Z", "2024-05-02T06:30:00Z")
    listing = (
        "Activity ID,Activity Name,Activity Type,Filename\n"
        f"1,Club thing,{'Very ' * 10}Long Type,activities/1.gpx\n"
        "2,Easy,Run,activities/2.gpx\n"
    )
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("activities.csv", listing)
        archive.writestr("activities/1.gpx", untyped)
        archive.writestr("activities/2.gpx", later)
    code, outcomes = call(capsys, "import", str(export))
    assert code == 0
    assert [o["outcome"] for o in outcomes] == ["skipped", "imported", "imported"]
    code, listed = call(capsys, "runs", "--all")
    assert sorted(str(run["sport"]) for run in listed) == [
        "running",
        "very_very_very_very_very_very_ve",
    ]


# --- importing by file: a pure reader, a service in the caller's transaction ---


class CountingFile:
    """A seekable binary file that counts the bytes it hands out."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("rb")
        self.handed_out = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self._file.read(size)
        self.handed_out += len(chunk)
        return chunk

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._file.seek(offset, whence)

    def tell(self) -> int:
        return self._file.tell()

    def close(self) -> None:
        self._file.close()


def test_read_any_reads_a_zip_from_a_file_entry_by_entry_never_the_big_media(
    tmp_path: Path,
) -> None:
    import hashlib
    import os

    photo = os.urandom(8 * 1024**2)  # does not compress: the zip is over 8 MB
    packed_run = gzip.compress(GOOD_TCX.read_bytes())
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr(
            "activities.csv", "Activity ID,Activity Name,Filename\n7,Hill day,activities/7.tcx.gz\n"
        )
        archive.writestr("media/photo.jpg", photo)
        archive.writestr("activities/7.tcx.gz", packed_run)
    stream = CountingFile(export)
    items = list(read_any(str(export), stream))  # type: ignore[arg-type]
    stream.close()
    assert [(item.label.split("!")[1], item.outcome) for item in items] == [
        ("activities.csv", "skipped"),
        ("media/photo.jpg", "skipped"),
        ("activities/7.tcx.gz", "read"),
    ]
    run = items[2]
    assert run.sha256 == hashlib.sha256(packed_run).hexdigest()  # the bytes as they came
    assert [activity.name for activity in run.activities] == ["Hill day"]
    assert stream.handed_out < 1024**2  # the 8 MB photo was never read


def test_import_file_stores_in_the_callers_transaction_and_nothing_else() -> None:
    from backstride.cli.local_action import local_action
    from backstride.services.imports import import_file
    from backstride.services.runs import list_runs

    class Abandon(Exception):
        pass

    with pytest.raises(Abandon), local_action() as action:
        (outcome,) = import_file(action, "run.tcx", GOOD_TCX.read_bytes())
        assert outcome.outcome == "imported"
        assert len(list_runs(action, runs_only=False)) == 1
        raise Abandon  # the caller's transaction rolls back: the service kept nothing itself
    with local_action() as action:
        assert list_runs(action, runs_only=False) == []
        (outcome,) = import_file(action, "run.tcx", GOOD_TCX.read_bytes())
    with local_action() as action:
        assert len(list_runs(action, runs_only=False)) == 1


def test_the_cli_reads_and_measures_each_file_before_its_transaction_opens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from contextlib import contextmanager

    from backstride.cli import import_loop
    from backstride.services import imports

    inside = [False]
    measured_inside: list[bool] = []
    real_action, real_metrics = import_loop.local_action, imports.metrics  # type: ignore[attr-defined]

    @contextmanager
    def watched_action():  # type: ignore[no-untyped-def]
        with real_action() as action:
            inside[0] = True
            try:
                yield action
            finally:
                inside[0] = False

    def watched_metrics(activity):  # type: ignore[no-untyped-def]
        measured_inside.append(inside[0])
        return real_metrics(activity)

    monkeypatch.setattr(import_loop, "local_action", watched_action)
    monkeypatch.setattr(imports, "metrics", watched_metrics)
    for name in ("a.tcx", "b.tcx"):
        (tmp_path / name).write_bytes(GOOD_TCX.read_bytes())
    code, outcomes = call(capsys, "import", str(tmp_path))
    assert [o["outcome"] for o in outcomes] == ["imported", "duplicate"]
    assert measured_inside == [False, False]


# --- a full disk ---


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 3 MB file system (tmpfs), mounted for the test; skipped where mounting fails."""
    from conftest import on_postgres
    from small_disk import mounted_tmpfs

    from backstride.cli.local_action import close_local_database

    if on_postgres():
        pytest.skip("the database is on the PostgreSQL server, not on the small disk")
    with mounted_tmpfs(tmp_path / "disk", "3m") as disk:
        try:
            yield disk
        finally:
            close_local_database()


def test_a_full_disk_is_that_files_error_and_the_report_is_still_printed(
    small_disk: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os

    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(small_disk / "data"))
    assert run(["runs", "--json"]) == 0  # the database and its schema, while there is room
    capsys.readouterr()
    free = os.statvfs(small_disk)
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * (free.f_bavail * free.f_frsize - 32 * 1024))  # 32 KB left
    minutes = [
        f"2024-06-01T{6 + i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}Z" for i in range(7200)
    ]
    big = tmp_path / "a-long.gpx"
    big.write_bytes(gpx(*minutes))  # two hours at 1 s: its samples need far more than 32 KB
    good = tmp_path / "b-good.tcx"
    good.write_bytes(GOOD_TCX.read_bytes())
    code, outcomes = call(capsys, "import", str(big), str(good))
    assert code == 1
    assert [Path(str(o["path"])).name for o in outcomes] == ["a-long.gpx", "b-good.tcx"]
    assert outcomes[0]["outcome"] == "error"
    assert outcomes[0]["reason"] == (
        "not stored: the disk is full; free some space and import it again"
    )
    filler.unlink()
    code, outcomes = call(capsys, "import", str(big))
    assert (code, outcomes[0]["outcome"]) == (0, "imported")  # nothing half-stored before
