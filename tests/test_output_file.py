"""Files the CLI writes (report, export, plan --ics, metronome -o): whole, through links, or not.

Each case goes through the real command line. Devices are stand-ins made with mknod in the
test's own folder (same major/minor as /dev/null and /dev/full), so a regression can never
replace the machine's own device nodes.
"""

import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from small_disk import mounted_tmpfs

from backstride.cli.app import run

ACCEPTANCE = "tue:easy,thu:easy,sat:long"


def commands(path: Path) -> dict[str, list[str]]:
    """Every command that writes a file, writing to `path`."""
    return {
        "report": ["report", "-o", str(path)],
        "export-json": ["export", "-o", str(path)],
        "plan-ics": ["plan", "--runs", ACCEPTANCE, "--ics", str(path)],
        "metronome": [
            "metronome",
            "--spm",
            "170",
            "--minutes",
            "0.05",
            "--no-play",
            "-o",
            str(path),
        ],
    }


NAMES = ["report", "export-json", "plan-ics", "metronome"]


def call(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, str, str]:
    code = run(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_clear_line(err: str, *needles: str) -> None:
    assert "Traceback" not in err
    assert err.startswith("error: ")
    flat = " ".join(err.split())
    for needle in needles:
        assert needle in flat, (needle, err)


@pytest.mark.parametrize("name", NAMES)
def test_writing_through_a_link_replaces_its_target_and_keeps_the_link(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept = tmp_path / "kept"
    kept.mkdir()
    target = kept / "the-file"
    target.write_text("old")
    link = tmp_path / "link"
    link.symlink_to(target)
    code, _, err = call(capsys, commands(link)[name])
    assert (code, err) == (0, "")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() != b"old" and target.stat().st_size > 100
    assert sorted(p.name for p in kept.iterdir()) == ["the-file"]  # no temporary file left


def make_device(tmp_path: Path, like: str) -> Path:
    original = os.stat(like)
    device = tmp_path / Path(like).name
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, original.st_rdev)
    except OSError as error:
        pytest.skip(f"cannot make a device node here: {error}")
    return device


@pytest.mark.parametrize("name", NAMES)
def test_a_full_device_is_written_to_not_replaced_and_its_error_shown(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    full = make_device(tmp_path, "/dev/full")
    code, out, err = call(capsys, commands(full)[name])
    assert code != 0
    one_clear_line(err, str(full), "No space left on device")
    assert stat.S_ISCHR(full.lstat().st_mode)  # still the device
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("name", NAMES)
def test_a_null_device_takes_the_output_and_stays_a_device(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    null = make_device(tmp_path, "/dev/null")
    code, _, err = call(capsys, commands(null)[name])
    assert (code, err) == (0, "")
    assert stat.S_ISCHR(null.lstat().st_mode)


@pytest.mark.parametrize("name", NAMES)
def test_a_folder_is_refused(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(capsys, commands(tmp_path)[name])
    assert code == 2 and out == ""
    one_clear_line(err, str(tmp_path), "is a folder")


@pytest.mark.parametrize("name", NAMES)
def test_an_empty_path_is_refused(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(capsys, commands(Path(""))[name])
    assert code == 2 and out == ""
    one_clear_line(err, "is a folder")


@pytest.mark.parametrize("name", NAMES)
def test_a_place_the_system_will_not_write_is_one_line(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = call(capsys, commands(Path("/proc/backstride-x"))[name])
    assert code == 1
    one_clear_line(err, "/proc/backstride-x", "nothing was written")
    assert not Path("/proc/backstride-x").exists()


@pytest.mark.parametrize("name", [*NAMES, "export-csv"])
def test_a_missing_folder_is_refused_and_not_created(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nowhere" / "out"
    args = commands(path).get(name, ["export", "--format", "csv", "-o", str(path)])
    code, out, err = call(capsys, args)
    assert code == 2 and out == ""
    one_clear_line(err, str(tmp_path / "nowhere"), "does not exist")
    assert not (tmp_path / "nowhere").exists()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MB tmpfs mounted for the test; skipped where mounting is not allowed."""
    with mounted_tmpfs(tmp_path / "disk", "1m") as disk:
        yield disk


def fill(disk: Path) -> None:
    free = os.statvfs(disk)
    (disk / "filler").write_bytes(b"\0" * (free.f_bavail * free.f_frsize))


@pytest.mark.parametrize("name", [*NAMES, "export-csv"])
def test_a_full_disk_leaves_the_old_file_and_no_part_file(
    name: str, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = small_disk / "out"
    args = commands(path).get(name, ["export", "--format", "csv", "-o", str(path)])
    if name != "export-csv":
        path.write_text("old")
    fill(small_disk)
    code, out, err = call(capsys, args)
    assert code == 1
    one_clear_line(err, str(path), "No space left on device")
    names = sorted(p.name for p in small_disk.iterdir())
    assert names == (["filler"] if name == "export-csv" else ["filler", "out"])
    if name != "export-csv":
        assert path.read_text() == "old"


@pytest.mark.parametrize("name", NAMES)
def test_a_read_only_place_is_one_line(
    name: str, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    code, out, err = call(capsys, commands(small_disk / "out")[name])
    assert code == 1
    one_clear_line(err, str(small_disk / "out"), "Read-only file system")


def test_a_csv_export_is_a_whole_new_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "backup"
    code, _, err = call(capsys, ["export", "--format", "csv", "-o", str(path)])
    assert (code, err) == (0, "")
    assert "manifest.json" in {p.name for p in path.iterdir()}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".backup")] == []


def test_a_pipe_nobody_reads_is_refused_not_waited_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    code, _, err = call(capsys, commands(pipe)["export-json"])
    assert code == 1
    one_clear_line(err, str(pipe), "nothing was written")
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_a_pipe_with_a_reader_gets_the_whole_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # open before the writer: no race
    try:
        code, _, err = call(capsys, commands(pipe)["export-json"])
        out = os.read(reader, 1 << 16)  # an empty export fits in the pipe's buffer
    finally:
        os.close(reader)
    assert (code, err) == (0, "")
    assert b'"format": "backstride-export"' in out
