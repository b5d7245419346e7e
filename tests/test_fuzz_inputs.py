"""Fuzzing every input of backups and typed values: the only outcomes are success or our refusal.

Bounded in CI (60 cases per input kind); BACKSTRIDE_FUZZ_EXAMPLES=2000 runs a longer search by
hand, and BACKSTRIDE_FUZZ_REPORT=path.json writes the counts (cases, outcomes, slowest case,
peak memory) there.
"""

import json
import os
import resource
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from screening_base import CALM
from test_restore_rules import record_everything

from backstride.cli.app import run
from backstride.cli.local_action import local_action
from backstride.domain.session_record import SessionRecord
from backstride.errors import InvalidInput
from backstride.storage.exercise_sessions import save_session

EXAMPLES = int(os.environ.get("BACKSTRIDE_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
OUR_EXIT_CODES = {0, 1, 2, 3}  # success, DataError, InvalidInput, SafetyRefusal
STATS: dict[str, Any] = {}

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
    | st.sampled_from(["\x00", "caf\udce9", "\ud800", "x" * 2_001]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)


@pytest.fixture(scope="module", autouse=True)
def fuzz_report() -> Iterator[None]:
    """Write what the fuzzing did, when asked to."""
    yield
    target = os.environ.get("BACKSTRIDE_FUZZ_REPORT")
    if target:
        STATS["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        STATS["examples_per_kind"] = EXAMPLES
        Path(target).write_text(json.dumps(STATS, indent=1, default=str), encoding="utf-8")


def cli(kind: str, case: str, capsys: pytest.CaptureFixture[str], *args: str) -> int:
    """Run one command; anything but our exit codes with one clean message fails the test."""
    started = time.perf_counter()
    code = run(list(args))
    elapsed = time.perf_counter() - started
    err = capsys.readouterr().err
    stats = STATS.setdefault(kind, {"cases": 0, "outcomes": Counter(), "slowest_s": 0.0})
    stats["cases"] += 1
    stats["outcomes"][f"exit {code}"] += 1
    if elapsed > stats["slowest_s"]:
        stats["slowest_s"], stats["slowest_case"] = elapsed, case[:160]
    assert code in OUR_EXIT_CODES, err
    assert "Traceback" not in err
    if code != 0:
        assert err.startswith("error: "), err
    return code


def _good_backup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    record_everything(tmp_path, capsys)
    path = tmp_path / "good.json"
    assert run(["export", "-o", str(path)]) == 0
    capsys.readouterr()
    assert run(["delete-my-data", "--yes"]) == 0  # each case restores into an empty database
    capsys.readouterr()
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


@FUZZ
@given(data=st.data())
def test_fuzz_restore_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: st.DataObject
) -> None:
    good = STATS.get("_backup") or _good_backup(tmp_path, capsys)
    STATS["_backup"] = good
    document = json.loads(json.dumps(good))
    tables = document["tables"]
    name = data.draw(st.sampled_from(sorted(t for t in tables if tables[t])))
    row = tables[name][0]
    how = data.draw(st.sampled_from(["value", "value", "value", "new key", "drop key", "row"]))
    if how == "value":
        row[data.draw(st.sampled_from(sorted(row)))] = data.draw(JSON_VALUES)
    elif how == "new key":
        row[data.draw(st.text(max_size=8))] = data.draw(JSON_VALUES)
    elif how == "drop key":
        row.pop(data.draw(st.sampled_from(sorted(row))))
    else:
        tables[name][0] = data.draw(JSON_VALUES)
    path = tmp_path / "fuzzed.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    case = f"{name} row 1, {how}: {json.dumps(tables[name][0], default=str)[:100]}"
    if cli("restore json", case, capsys, "import-data", str(path)) == 0:
        assert run(["delete-my-data", "--yes"]) == 0
        capsys.readouterr()


@FUZZ
@given(data=st.data())
def test_fuzz_restore_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: st.DataObject
) -> None:
    source = tmp_path / "good-csv"
    if not source.exists():
        record_everything(tmp_path, capsys)
        assert run(["export", "--format", "csv", "-o", str(source)]) == 0
        assert run(["delete-my-data", "--yes"]) == 0
        capsys.readouterr()
    target = tmp_path / "fuzzed-csv"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    files = sorted(p.name for p in target.iterdir() if p.suffix == ".csv")
    chosen = target / data.draw(st.sampled_from(files))
    lines = chosen.read_text(encoding="utf-8").split("\n")
    index = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
    cells = lines[index].split(",")
    cell = data.draw(st.integers(min_value=0, max_value=len(cells)))
    junk = data.draw(st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
    if cell == len(cells):
        cells.append(junk)
    else:
        cells[cell] = junk
    lines[index] = ",".join(cells)
    chosen.write_text("\n".join(lines), encoding="utf-8")
    case = f"{chosen.name} line {index + 1} cell {cell + 1}: {junk!r}"
    if cli("restore csv", case, capsys, "import-data", str(target)) == 0:
        assert run(["delete-my-data", "--yes"]) == 0
        capsys.readouterr()


ANSWER_DOCUMENTS = (
    st.binary(max_size=200)
    | st.builds(
        lambda changes: json.dumps({**CALM, **changes}).encode(),
        st.dictionaries(
            st.sampled_from(sorted(CALM)) | st.text(max_size=6), JSON_VALUES, max_size=3
        ),
    )
    | st.builds(lambda value: json.dumps(value).encode(), JSON_VALUES)
)


@FUZZ
@given(content=ANSWER_DOCUMENTS, command=st.sampled_from(["screen", "check-in"]))
def test_fuzz_answers_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, command: str
) -> None:
    path = tmp_path / "answers.json"
    path.write_bytes(content)
    cli("answers file", f"{command}: {content[:100]!r}", capsys, command, "--answers", str(path))


@FUZZ
@given(
    score=st.text(max_size=6) | st.integers(min_value=-5, max_value=15).map(str),
    when=st.sampled_from(["morning", "after-run", "evening"]) | st.text(max_size=8),
    note=st.text(max_size=60) | st.sampled_from(["x" * 2_001, "caf\udce9", "a\x00b"]),
)
def test_fuzz_pain_entries(
    capsys: pytest.CaptureFixture[str], score: str, when: str, note: str
) -> None:
    args = ("pain", score, f"--when={when}", f"--note={note}")
    cli("typed: pain", repr(args), capsys, *args)


@FUZZ
@given(
    name=st.text(max_size=100),
    birth_year=st.integers(min_value=1900, max_value=2030).map(str)
    | st.integers(min_value=-(2**70), max_value=2**70).map(str)
    | st.text(max_size=6),
    equipment=st.sampled_from(["mat", "mat,towel", "none"]) | st.text(max_size=20),
)
def test_fuzz_profile_values(
    capsys: pytest.CaptureFixture[str], name: str, birth_year: str, equipment: str
) -> None:
    args = ("profile", f"--name={name}", f"--birth-year={birth_year}", f"--equipment={equipment}")
    cli("typed: profile", repr(args), capsys, *args)


@FUZZ
@given(
    rpe=st.none() | st.integers(min_value=-(2**70), max_value=2**70),
    duration_s=st.none() | st.floats(allow_nan=True, allow_infinity=True),
    routine=st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=4),
)
def test_fuzz_stored_session_values(
    rpe: int | None, duration_s: float | None, routine: dict[str, Any]
) -> None:
    """What any service may hand storage: stored, or refused with InvalidInput, on each database."""
    started = datetime.now(UTC) - timedelta(hours=1)
    record = SessionRecord(started, None, duration_s, False, rpe, routine)
    stats = STATS.setdefault("typed: stored session", {"cases": 0, "outcomes": Counter()})
    stats["cases"] += 1
    try:
        with local_action() as action:
            save_session(action.session, action.runner_id, record)
    except InvalidInput:
        stats["outcomes"]["refused"] += 1
    else:
        stats["outcomes"]["stored"] += 1
