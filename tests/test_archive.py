"""Zip archives read safely (junk skipped, bombs and forged headers refused) and Strava's CSV."""

import csv
import gzip
import io
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backstride.importers import archive
from backstride.importers.archive import (
    Member,
    StravaActivity,
    escapes,
    member_name,
    open_archive,
    open_archive_bytes,
    read_strava_activities,
    strava_sport,
)
from backstride.importers.failure import ImportFailure

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
STRAVA_ZIP = SAMPLES / "strava_export" / "export_sample.zip"
STRAVA_DIR = SAMPLES / "strava_export" / "export_sample"
FIT_MEMBER = "activities/12866632127.fit.gz"
needs_strava_sample = pytest.mark.skipif(
    not STRAVA_ZIP.is_file(),
    reason=f"the Strava export sample is not beside this checkout ({STRAVA_ZIP})",
)
TEXT = b"<gpx>" + b"a point, then another point; " * 40 + b"</gpx>"
HEADER = "Activity ID,Activity Name,Activity Type,Distance,Filename"


def make_zip(
    path: Path,
    entries: Sequence[tuple[str | zipfile.ZipInfo, bytes]],
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return path


def read_all(path: Path) -> dict[str, bytes]:
    with open_archive(path) as opened:
        return {m.name: opened.read(m) for m in opened.members() if m.skipped is None}


def refusal(path: Path) -> str:
    """The message of the ImportFailure that reading every readable member of `path` raises."""
    with pytest.raises(ImportFailure) as caught:
        read_all(path)
    return str(caught.value)


def patch(path: Path, old: bytes, new: bytes, count: int) -> None:
    data = path.read_bytes()
    assert data.count(old) == count, f"{old!r} is in {path.name} {data.count(old)} times"
    path.write_bytes(data.replace(old, new))


def set_sizes(path: Path, unpacked: int, crc: int | None = None) -> None:
    """Rewrite the one entry's unpacked size (and checksum) in both its headers."""
    data = bytearray(path.read_bytes())
    local = data.index(b"PK\x03\x04")
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, local + 22, unpacked)
    struct.pack_into("<I", data, central + 24, unpacked)
    if crc is not None:
        struct.pack_into("<I", data, local + 14, crc)
        struct.pack_into("<I", data, central + 16, crc)
    path.write_bytes(bytes(data))


def set_flag_bits(path: Path, name: str, bits: int) -> None:
    """Set general-purpose flag bits of one entry in both its headers (zipfile clears them)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(name)
    local = info.header_offset
    central = data.rindex(name.encode()) - 46  # the name's last copy is the central one
    for at in (local + 6, central + 8):
        (flags,) = struct.unpack_from("<H", data, at)
        struct.pack_into("<H", data, at, flags | bits)
    path.write_bytes(bytes(data))


def set_method(path: Path, method: int) -> None:
    data = bytearray(path.read_bytes())
    struct.pack_into("<H", data, data.index(b"PK\x03\x04") + 8, method)
    struct.pack_into("<H", data, data.index(b"PK\x01\x02") + 10, method)
    path.write_bytes(bytes(data))


def no_member_is_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a member was opened for reading")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)


# --- the real Strava export -------------------------------------------------------------------


@needs_strava_sample
def test_the_real_strava_export_lists_reads_and_describes_its_run() -> None:
    with open_archive(STRAVA_ZIP) as opened:
        members = opened.members()
        by_name = {m.name: m for m in members}
        assert [m.name for m in members] == [
            "activities.csv",
            "activities",
            FIT_MEMBER,
            "profile.csv",
            "media.csv",
        ]
        assert by_name["activities"].skipped == "a folder"
        assert [m.skipped for m in members if m.name != "activities"] == [None] * 4
        fit_gz = opened.read(by_name[FIT_MEMBER])
        activities = read_strava_activities(opened.read(by_name["activities.csv"]))

    assert fit_gz == (STRAVA_DIR / FIT_MEMBER).read_bytes()
    assert gzip.decompress(fit_gz)[8:12] == b".FIT"
    # An independent reading of the unpacked CSV: the second "Distance" by position is metres.
    with (STRAVA_DIR / "activities.csv").open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    row = next(r for r in rows if r[header.index("Filename")] == FIT_MEMBER)
    second_distance = [i for i, name in enumerate(header) if name == "Distance"][1]
    run = activities[FIT_MEMBER]
    assert set(activities) == {FIT_MEMBER}
    assert run.distance_m == float(row[second_distance])
    assert run.distance_m != float(row[header.index("Distance")]) * 1000  # km, rounded
    assert run.name == row[header.index("Activity Name")] == "Laufen Landal Park"
    assert (run.sport, run.sub_sport) == ("running", None)
    # Strava's activity id is not the number in the file's name (that is the upload's).
    assert run.activity_id == row[header.index("Activity ID")]
    assert run.activity_id not in FIT_MEMBER


# --- entries that are skipped -----------------------------------------------------------------


def test_junk_folders_hidden_files_and_links_are_skipped_with_a_reason(tmp_path: Path) -> None:
    link = zipfile.ZipInfo("activities/link.gpx")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    path = make_zip(
        tmp_path / "export.zip",
        [
            ("activities/", b""),
            ("activities/run.gpx", TEXT),
            ("__MACOSX/activities/._run.gpx", b"\x00\x05\x16\x07"),
            ("activities/._run.gpx", b"\x00\x05\x16\x07"),
            (".DS_Store", b"\x00"),
            ("activities/.cache/old.gpx", TEXT),
            ("./activities//again.gpx", TEXT),
            (link, b"/etc/passwd"),
            ("activities/locked.gpx", b"scrambled"),
        ],
    )
    set_flag_bits(path, "activities/locked.gpx", 0x1)
    with open_archive(path) as opened:
        members = opened.members()
        assert [(m.name, m.skipped) for m in members] == [
            ("activities", "a folder"),
            ("activities/run.gpx", None),
            ("__MACOSX/activities/._run.gpx", "macOS resource-fork junk"),
            ("activities/._run.gpx", "macOS resource-fork junk"),
            (".DS_Store", "hidden file"),
            ("activities/.cache/old.gpx", "hidden file"),
            ("activities/again.gpx", None),
            ("activities/link.gpx", "a symbolic link"),
            ("activities/locked.gpx", "encrypted"),
        ]
        assert members[1].size == len(TEXT)
        assert opened.read(members[1]) == TEXT
        with pytest.raises(ImportFailure, match="__MACOSX.* is not read: macOS resource-fork"):
            opened.read(members[2])


def test_paths_that_would_escape_the_archive_are_skipped_and_never_read(
    tmp_path: Path,
) -> None:
    names = ["../evil.gpx", "/abs.gpx", "a/../../b.gpx", "C:\\x.gpx", "..\\x.gpx", "d:y.gpx"]
    path = make_zip(tmp_path / "evil.zip", [(name, TEXT) for name in names])
    with open_archive(path) as opened:
        members = opened.members()
        assert [(m.name, m.skipped) for m in members] == [
            ("../evil.gpx", "path escapes the archive"),
            ("/abs.gpx", "path escapes the archive"),
            ("a/../../b.gpx", "path escapes the archive"),
            ("C:/x.gpx", "path escapes the archive"),
            ("../x.gpx", "path escapes the archive"),
            ("d:y.gpx", "path escapes the archive"),
        ]
        for member in members:
            with pytest.raises(ImportFailure, match="path escapes the archive"):
                opened.read(member)


def test_a_nul_byte_in_a_name_is_an_escape_even_though_zipfile_hides_it(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "nul.zip", [("run.gpxQ.txt", TEXT)])
    patch(path, b"run.gpxQ.txt", b"run.gpx\x00.txt", count=2)  # local header, central directory
    with open_archive(path) as opened:
        (member,) = opened.members()
    assert member.skipped == "path escapes the archive"
    assert member.name == "run.gpx\\x00.txt"


@pytest.mark.parametrize(
    ("path", "escaping"),
    [
        ("activities/run.gpx", False),
        ("a/..b/c..", False),
        ("...gpx", False),
        ("a/ .. /b", True),
        ("\\\\server\\share\\x.gpx", True),
        ("x\x00", True),
    ],
)
def test_escapes(path: str, escaping: bool) -> None:
    assert escapes(path) is escaping


def test_names_in_messages_cannot_drive_the_terminal(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "odd.zip", [("\x1b[2Jrun\n.gpx", TEXT)])
    set_sizes(path, 10)
    assert refusal(path).startswith("\\x1b[2Jrun\\n.gpx in odd.zip holds more than")


def test_member_names_use_forward_slashes_without_empty_or_dot_parts() -> None:
    assert member_name("activities\\12.fit.gz") == "activities/12.fit.gz"
    assert member_name("./export_1//activities/./a.gpx") == "export_1/activities/a.gpx"


def test_a_member_from_another_archive_is_a_caller_error(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "one.zip", [("a.gpx", TEXT)])
    with open_archive(path) as opened, pytest.raises(ValueError, match="'b.gpx'"):
        opened.read(Member(name="b.gpx", size=len(TEXT), skipped=None, index=0))


# --- bombs and caps ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 MB of zeros that deflate to about 300 KB."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.zip"
    chunk = bytes(1024**2)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf,
        zf.open("activities/zeros.fit", "w") as stream,
    ):
        for _ in range(300):
            stream.write(chunk)
    return path


def test_a_300_mb_bomb_is_refused_from_its_header_without_unpacking(
    bomb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert bomb.stat().st_size < 1024**2
    with open_archive(bomb) as opened:
        (member,) = opened.members()
        assert member.size == 300 * 1024**2
        no_member_is_opened(monkeypatch)
        with pytest.raises(ImportFailure) as caught:
            opened.read(member)
    assert str(caught.value) == (
        "activities/zeros.fit in bomb.zip would unpack to 300 MB, more than the 256 MB "
        "one file may; refused"
    )


def test_the_bomb_is_refused_for_its_ratio_under_a_larger_per_file_cap(
    bomb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_MEMBER_BYTES", 1024**3)
    with open_archive(bomb) as opened:
        (member,) = opened.members()
        no_member_is_opened(monkeypatch)
        with pytest.raises(ImportFailure, match=r"300 MB, 1,0\d\d times larger.*likely zip bomb"):
            opened.read(member)


def test_a_small_bomb_is_refused_for_its_ratio_and_a_small_squashable_file_is_not(
    tmp_path: Path,
) -> None:
    path = make_zip(tmp_path / "small.zip", [("big.gpx", bytes(2 * 1024**2))])
    assert "times larger, past the 200 times" in refusal(path)
    path = make_zip(tmp_path / "fine.zip", [("tiny.gpx", bytes(1024**2))])
    assert read_all(path) == {"tiny.gpx": bytes(1024**2)}


def test_too_many_members_are_refused_before_any_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_MEMBERS", 10)
    ten = make_zip(tmp_path / "ten.zip", [(f"{i}.gpx", b"x") for i in range(10)])
    eleven = make_zip(tmp_path / "eleven.zip", [(f"{i}.gpx", b"x") for i in range(11)])
    no_member_is_opened(monkeypatch)
    with open_archive(ten) as opened:
        assert len(opened.members()) == 10
    with pytest.raises(ImportFailure) as caught:
        open_archive(eleven)
    assert str(caught.value) == (
        "eleven.zip holds 11 entries, more than the 10 an export needs; refused"
    )


def test_an_end_record_that_understates_the_count_is_still_caught(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_MEMBERS", 10)
    path = make_zip(tmp_path / "liar.zip", [(f"{i}.gpx", b"x") for i in range(11)])
    data = bytearray(path.read_bytes())
    end = data.rindex(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 1, 1)  # this disk's count, and the total
    path.write_bytes(bytes(data))
    with pytest.raises(ImportFailure, match="holds 11 entries, more than the 10"):
        open_archive(path)


def test_an_oversized_table_of_contents_is_refused_from_the_end_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_MEMBERS", 2)
    names = [("x" * 2500 + ".gpx", b"x")]
    with pytest.raises(ImportFailure, match=r"table of contents of 2.5 KB, more than the 2 KB"):
        open_archive(make_zip(tmp_path / "long.zip", names))


def test_a_declared_total_over_the_cap_is_refused_before_any_member_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_TOTAL_UNPACKED_BYTES", 1000)
    path = make_zip(tmp_path / "total.zip", [(f"{i}.gpx", bytes(400)) for i in range(3)])
    no_member_is_opened(monkeypatch)
    with pytest.raises(ImportFailure) as caught:
        open_archive(path)
    assert str(caught.value) == (
        "total.zip would unpack to 1.2 KB, more than the 1000 bytes limit; refused (a zip bomb?)"
    )


# --- forged, damaged and foreign files --------------------------------------------------------


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
@pytest.mark.parametrize("forged_checksum", [False, True], ids=["checksum", "forged-checksum"])
def test_a_header_that_declares_less_than_the_data_is_refused_not_truncated(
    tmp_path: Path, compression: int, forged_checksum: bool
) -> None:
    path = make_zip(tmp_path / "short.zip", [("run.gpx", TEXT)], compression)
    # With the checksum forged to fit the first 100 bytes, zipfile alone returns them quietly.
    set_sizes(path, 100, zlib.crc32(TEXT[:100]) if forged_checksum else None)
    with open_archive(path) as opened:
        (member,) = opened.members()
        assert member.size == 100
        with pytest.raises(ImportFailure) as caught:
            opened.read(member)
    assert str(caught.value) == (
        "run.gpx in short.zip holds more than the 100 bytes its header declares; "
        "refused as damaged or forged"
    )


def test_a_header_that_declares_more_than_the_data_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "long.zip", [("run.gpx", TEXT)])
    set_sizes(path, len(TEXT) + 500)
    assert refusal(path) == (
        f"run.gpx in long.zip holds {len(TEXT):,} bytes, not the {len(TEXT) + 500:,} its "
        "header declares; refused as damaged or forged"
    )


def test_a_stored_member_with_a_bad_checksum_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "crc.zip", [("run.gpx", TEXT)], zipfile.ZIP_STORED)
    patch(path, b"<gpx>a point", b"<gpx>A point", count=1)
    assert refusal(path) == (
        "run.gpx in crc.zip is damaged: its contents do not match the checksum the archive "
        "records for it"
    )


def test_damaged_packed_data_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "zlib.zip", [("run.gpx", TEXT)])
    data = bytearray(path.read_bytes())
    start = data.index(b"run.gpx") + len("run.gpx")  # the packed data follows the local header
    data[start : start + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    assert refusal(path).startswith("run.gpx in zlib.zip is damaged")


def test_an_unknown_compression_method_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "method.zip", [("run.gpx", TEXT)])
    set_method(path, 99)
    assert refusal(path) == (
        "run.gpx in method.zip uses compression method 99, which backstride cannot unpack"
    )


def test_a_zip_version_from_the_future_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "future.zip", [("run.gpx", TEXT)])
    data = bytearray(path.read_bytes())
    struct.pack_into("<H", data, data.index(b"PK\x01\x02") + 6, 99)  # version needed
    path.write_bytes(bytes(data))
    with pytest.raises(ImportFailure) as caught:
        open_archive(path)
    assert str(caught.value) == (
        "future.zip uses zip features backstride cannot read (zip file version 9.9)"
    )


def test_a_streamed_zip_with_sizes_after_the_data_reads() -> None:
    reading, writing = os.pipe()  # a pipe cannot seek, so zipfile puts sizes after the data
    with open(writing, "wb") as pipe, zipfile.ZipFile(pipe, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("activities/1.gpx", TEXT)
        zf.writestr("activities.csv", b"Filename\nactivities/1.gpx\n")
    with open(reading, "rb") as source:
        data = source.read()
    assert struct.unpack_from("<H", data, 6)[0] & 0x08  # the data-descriptor flag
    with open_archive_bytes(data, "streamed.zip") as opened:
        first, second = opened.members()
        assert opened.read(first) == TEXT
        assert set(read_strava_activities(opened.read(second))) == {"activities/1.gpx"}


def test_a_member_cut_short_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "cut.zip", [("run.gpx", TEXT)], zipfile.ZIP_STORED)
    data = path.read_bytes()
    start = data.index(TEXT)
    # keep the central directory, lose the second half of the data before it
    path.write_bytes(data[: start + 100] + data[start + len(TEXT) :])
    with open_archive(path) as opened, pytest.raises(ImportFailure, match="run.gpx in cut.zip"):
        opened.read(opened.members()[0])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "junk.zip is not a zip archive"),
        (b"<gpx></gpx>", "junk.zip is not a zip archive"),
        (b"PK\x03\x04" + b"\x00" * 40, "junk.zip is cut short: it begins like a zip archive"),
    ],
)
def test_a_file_that_is_not_a_zip_is_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "junk.zip"
    path.write_bytes(content)
    with pytest.raises(ImportFailure) as caught:
        open_archive(path)
    assert str(caught.value).startswith(message)


def test_a_truncated_download_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "half.zip", [(f"{i}.gpx", TEXT) for i in range(5)])
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(ImportFailure, match="half.zip is cut short"):
        open_archive(path)


def test_a_missing_file_is_refused_with_its_name(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match="cannot read nowhere.zip: No such file"):
        open_archive(tmp_path / "nowhere.zip")


def test_an_archive_inside_an_archive_is_read_from_memory(tmp_path: Path) -> None:
    inner = make_zip(tmp_path / "inner.zip", [("user_1.fit", TEXT)])
    outer = make_zip(tmp_path / "outer.zip", [("DI_CONNECT/Part1.zip", inner.read_bytes())])
    (data,) = read_all(outer).values()
    with open_archive_bytes(data, "Part1.zip") as opened:
        (member,) = opened.members()
        assert opened.read(member) == TEXT
    with pytest.raises(ImportFailure, match="Part1.zip is not a zip archive"):
        open_archive_bytes(b"nothing", "Part1.zip")


def _sound_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("a.gpx", TEXT, zipfile.ZIP_DEFLATED)
        zf.writestr("b/c.tcx", TEXT[:50], zipfile.ZIP_STORED)
        zf.writestr("d.csv", TEXT[:200], zipfile.ZIP_BZIP2)
        zf.writestr("e.csv", TEXT[:200], zipfile.ZIP_LZMA)
    return buffer.getvalue()


SOUND_ZIP = _sound_zip()


@settings(max_examples=300, deadline=None)
@given(
    edits=st.lists(
        st.tuples(st.integers(0, len(SOUND_ZIP) - 1), st.integers(0, 255)), min_size=1, max_size=4
    ),
    keep=st.integers(1, len(SOUND_ZIP)),
)
def test_any_damage_gives_an_import_failure_or_a_reading(
    edits: list[tuple[int, int]], keep: int
) -> None:
    data = bytearray(SOUND_ZIP)
    for at, value in edits:
        data[at] = value
    try:
        with open_archive_bytes(bytes(data[:keep]), "damaged.zip") as opened:
            for member in opened.members():
                if member.skipped is None:
                    assert len(opened.read(member)) == member.size
    except ImportFailure:
        pass


# --- Strava's activities.csv ------------------------------------------------------------------


def test_the_second_distance_column_is_metres_and_wins_over_the_first() -> None:
    data = (
        b"Activity ID,Activity Name,Activity Type,Distance,Filename,Elapsed Time,Distance\n"
        b"1,Morning,Run,5.01,activities/1.fit.gz,1500,5012.3\n"
    )
    assert read_strava_activities(data) == {
        "activities/1.fit.gz": StravaActivity("1", "Morning", "running", None, 5012.3)
    }


def test_the_first_distance_counts_as_km_when_the_metres_are_missing() -> None:
    only_km = f"{HEADER}\n2,Easy,Run,5.01,activities/2.gpx\n".encode()
    assert read_strava_activities(only_km)["activities/2.gpx"].distance_m == 5010.0
    empty_metres = b"Distance,Filename,Distance\n5.01,a.gpx,\n,b.gpx,\n"
    read = read_strava_activities(empty_metres)
    assert read["a.gpx"].distance_m == 5010.0
    assert read["b.gpx"].distance_m is None


def test_a_decimal_comma_is_read_and_nonsense_is_no_distance() -> None:
    data = f'{HEADER}\n1,A,Run,"5,01",a.gpx\n2,B,Run,-3,b.gpx\n3,C,Run,nan,c.gpx\n'.encode()
    read = read_strava_activities(data)
    assert [read[name].distance_m for name in ("a.gpx", "b.gpx", "c.gpx")] == [5010.0, None, None]


def test_a_bom_quoted_newlines_and_rows_without_a_file() -> None:
    data = (
        "\ufeff" + HEADER + "\r\n"
        '3,"Hill repeats\r\nwith a sore back",Trail Run,8.2,activities\\3.gpx.gz\r\n'
        "4,Treadmill,Run,5,\r\n"
        "\r\n"
        "5,,,,activities/5.tcx\r\n"
    ).encode()
    assert read_strava_activities(data) == {
        "activities/3.gpx.gz": StravaActivity(
            "3", "Hill repeats\r\nwith a sore back", "running", "trail", 8200.0
        ),
        "activities/5.tcx": StravaActivity("5", None, None, None, None),
    }


def test_a_header_without_filename_is_refused_naming_what_it_has() -> None:
    data = "Aktivitäts-ID,Aktivitätsdatum,Dateiname\n1,2,activities/1.gpx\n".encode()
    with pytest.raises(ImportFailure) as caught:
        read_strava_activities(data)
    assert str(caught.value) == (
        "activities.csv has no Filename column "
        "(it begins 'Aktivitäts-ID', 'Aktivitätsdatum', 'Dateiname')"
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "activities.csv is empty"),
        (b"Filename\n\xff\n", r"activities.csv is not UTF-8 text \(byte b'\\xff' at position 9\)"),
        (b'Filename\n"a.gpx\n', r"not a readable table \(line 2: unexpected end of data\)"),
        (b'Filename\n"a"b\n', r"not a readable table \(line 2: ',' expected after '\"'\)"),
    ],
)
def test_a_broken_csv_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(ImportFailure, match=message):
        read_strava_activities(data)


@pytest.mark.parametrize(
    ("activity_type", "sport"),
    [
        ("Run", ("running", None)),
        ("Trail Run", ("running", "trail")),
        ("Virtual Run", ("running", "virtual")),
        ("VirtualRun", ("running", "virtual")),
        ("Ride", ("cycling", None)),
        ("Virtual Ride", ("cycling", "virtual")),
        ("E-Bike Ride", ("cycling", "e_bike")),
        ("Walk", ("walking", None)),
        ("Hike", ("hiking", None)),
        ("Swim", ("swimming", None)),
        ("Weight Training", ("weight_training", None)),
        ("Yoga", ("yoga", None)),
        ("", (None, None)),
    ],
)
def test_strava_activity_types_map_to_our_sports(
    activity_type: str, sport: tuple[str | None, str | None]
) -> None:
    assert strava_sport(activity_type) == sport


def test_a_zip_inside_larger_than_one_file_may_be_is_read_from_disk_entry_by_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Garmin export's UploadedFiles zip can pass the per-file cap (256 MB): it is unpacked
    to a temporary file, never held in memory whole, and its entries each meet the cap."""
    from backstride.importers.any_file import read_any

    samples = Path(__file__).parent / "data" / "activities"
    fit = (samples / "fitparse_garmin-fenix-5-run.fit").read_bytes()
    gpx = (samples / "runpandas_garmin_connect_3pts.gpx").read_bytes()
    inner = make_zip(tmp_path / "Part1.zip", [("a.fit", fit), ("b.gpx", gpx)], zipfile.ZIP_STORED)
    outer = make_zip(tmp_path / "export.zip", [("DI_CONNECT/Part1.zip", inner.read_bytes())])
    cap = max(len(fit), len(gpx)) + 1
    assert inner.stat().st_size > cap  # the zip inside is over the per-file cap, its files not
    monkeypatch.setattr(archive, "MAX_MEMBER_BYTES", cap)
    items = list(read_any(outer.name, outer.read_bytes()))
    assert [(item.label.rsplit("!", 1)[-1], item.outcome) for item in items] == [
        ("a.fit", "read"),
        ("b.gpx", "read"),
    ]
    # Its cap is the archive's total, which the export's own listing is checked against first.
    monkeypatch.setattr(archive, "MAX_TOTAL_UNPACKED_BYTES", inner.stat().st_size - 1)
    (refused,) = list(read_any(outer.name, outer.read_bytes()))
    assert refused.outcome == "error" and "would unpack to" in refused.reason
