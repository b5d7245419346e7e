"""A long import in one process, `runs` and `pain history` in another: the readers never fail."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, on_postgres

from backstride.storage.engine import SQLITE_PRAGMAS

pytestmark = pytest.mark.skipif(on_postgres(), reason="SQLite's locking is what is checked")

FILES = 20
BUSY_TIMEOUT_S = next(
    int(pragma.rsplit("=", 1)[1]) / 1000 for pragma in SQLITE_PRAGMAS if "busy_timeout" in pragma
)
# The writer: the real CLI import, where storing the second file's run takes longer than a
# waiting connection's busy timeout (a huge file on a slow disk), and the others a little.
WRITER = f"""
import sys, time
from backstride.cli.app import run
from backstride.services import imports

real_save = imports.save_activity
saved = []

def slow_save(*args, **kwargs):
    saved.append(1)
    if len(saved) == 2:
        print("holding", file=sys.stderr, flush=True)
        time.sleep({BUSY_TIMEOUT_S + 2})
    else:
        time.sleep(0.05)
    return real_save(*args, **kwargs)

imports.save_activity = slow_save
sys.exit(run(["import", *sys.argv[1:], "--json"]))
"""


def tiny_gpx(day: int) -> bytes:
    points = "".join(
        f'<trkpt lat="46.0" lon="{14 + i / 1000}"><time>2024-03-{day:02d}T06:{i:02d}:00Z</time>'
        "</trkpt>"
        for i in range(3)
    )
    return (
        '<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk>'
        f"<type>running</type><trkseg>{points}</trkseg></trk></gpx>"
    ).encode()


def test_readers_never_fail_while_a_long_import_writes(tmp_path: Path) -> None:
    paths = []
    for index in range(FILES):
        path = tmp_path / f"{index:02d}.gpx"
        path.write_bytes(
            tiny_gpx(1 + index % 28).replace(b"T06:", f"T{index // 28 + 6:02d}:".encode())
        )
        paths.append(str(path))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, *paths],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as writer:
        results = _read_while(writer, env)
    failures = [result for result in results if result[2] != 0]
    assert failures == []
    # Every reader ran while the import was writing, most while it held the lock throughout.
    assert len(results) >= 2 and all(result[1] for result in results)


def _read_while(
    writer: "subprocess.Popen[str]", env: dict[str, str]
) -> list[tuple[str, bool, int, str]]:
    """Run the readers again and again while the writer imports; what each gave."""
    results: list[tuple[str, bool, int, str]] = []
    try:
        assert writer.stderr is not None
        assert writer.stderr.readline().strip() == "holding"
        while len(results) < 60:
            writing = writer.poll() is None
            if not writing:
                break
            for command in (["runs", "--json"], ["pain", "history", "--json"]):
                done = subprocess.run(
                    [sys.executable, "-m", "backstride", *command],
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=120,
                )
                results.append((command[0], writing, done.returncode, done.stderr[-300:]))
        assert writer.wait(timeout=300) == 0
    finally:
        if writer.poll() is None:
            writer.kill()
    return results


def test_a_reader_does_not_wait_for_a_writer_and_two_writers_queue(tmp_path: Path) -> None:
    import threading

    from sqlalchemy import text

    from backstride.storage.database import Database

    url = f"sqlite:///{tmp_path / 'locks.db'}"
    first, second = Database(url), Database(url)
    with first.transaction() as session:
        session.execute(text("CREATE TABLE marks (n INTEGER)"))
    read_done = threading.Event()
    counts: list[int] = []

    def read_while_the_writer_holds_the_lock() -> None:
        with second.transaction(write=False) as reading:
            counts.append(reading.execute(text("SELECT count(*) FROM marks")).scalar_one())
        read_done.set()

    with first.transaction() as writing:  # holds the write lock until the reader is done
        writing.execute(text("INSERT INTO marks VALUES (1)"))
        reader = threading.Thread(target=read_while_the_writer_holds_the_lock)
        reader.start()
        assert read_done.wait(timeout=60)  # a reader that took the lock would wait for us
    reader.join()
    assert counts == [0]  # it saw the state before the uncommitted insert

    def write_behind() -> None:
        with second.transaction() as queued:
            queued.execute(text("INSERT INTO marks VALUES (2)"))

    with first.transaction() as writing:
        writing.execute(text("INSERT INTO marks VALUES (3)"))
        writer = threading.Thread(target=write_behind)
        writer.start()  # waits for the lock, then writes: no "database is locked"
    writer.join()
    with first.transaction(write=False) as session:
        assert session.execute(text("SELECT count(*) FROM marks")).scalar_one() == 3
    first.close()
    second.close()
