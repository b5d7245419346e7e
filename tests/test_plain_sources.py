"""What a runner reads names sources plainly; the ids stay in --json and --sources."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from screening_base import CALM
from stored_runs import store_activity

from backstride.cli.app import run
from backstride.cli.local_action import local_action
from backstride.cli.plain_sources import for_people
from backstride.domain.activity import Activity, Sample
from backstride.domain.sources import REFERENCES
from backstride.services.pain import log_pain

INTERNAL = re.compile(
    r"DOMAIN\.md|\b00[0-4]_[0-9a-f]{16}\.txt|\bS00[0-4]\b|app[- ]policy|Reading chosen|"
    r"Rule table|\b[FLHUEC]\d{1,2}\b|(?<!NICE )\b(?:"
    + "|".join(key for key in REFERENCES if key.isupper())
    + r")\b"
)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        (
            "30 s rest between exercises (000_f99d85ccd3986074.txt).",
            "30 s rest between exercises (a physical therapy clinic's guide for runners).",
        ),
        ("so strength fits at any time (DOMAIN.md 2.6).", "so strength fits at any time."),
        (
            "can settle (S003, app policy); a walk",
            "can settle (a Train for a 5K article on runners' back pain, backstride's own "
            "cautious choice); a walk",
        ),
        (
            "answered well. [DOMAIN.md 2.6; the pain cut app-policy]",
            "answered well. [the pain cut is backstride's own cautious choice]",
        ),
        ("exercise is advised [NG59].", "exercise is advised (NICE NG59)."),
        ("fewer rounds (L6).", "fewer rounds."),
        ("Rule table 2", "warning-sign rules, version 2"),
        (
            "fit (suits it); dose from app-policy.",
            "fit (suits it); dose from backstride's own cautious choice.",
        ),
        ("pain.); dose from ACSM09.", "pain.); dose from ACSM position stand."),
        ("the NICE NG59 guideline [NG59]", "the NICE NG59 guideline (NICE NG59)"),
    ],
)
def test_ids_become_plain_names(written: str, read: str) -> None:
    assert for_people(written) == read


@pytest.fixture
def screened(tmp_path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "200")
    answers = tmp_path / "calm.json"
    answers.write_text(json.dumps(CALM), encoding="utf-8")
    assert run(["screen", "--answers", str(answers)]) == 0
    assert run(["profile", "--equipment", "mat"]) == 0
    now = datetime.now(UTC).replace(hour=7, minute=0, second=0, microsecond=0)
    for days_ago in range(60, 0, -2):  # easy runs with cadence, and pain the morning after
        start = now - timedelta(days=days_ago)
        samples = tuple(Sample(float(t), t * 2.8, cadence_spm=160.0) for t in range(0, 1801, 10))
        store_activity(Activity("r.fit", "running", None, start, 0, 1800.0, 5040.0, samples))
        with local_action(start + timedelta(days=1)) as action:
            log_pain(action, 2 + days_ago % 3, "morning")
    capsys.readouterr()


@pytest.mark.parametrize(
    "args",
    [
        ["routine"],
        ["today"],
        ["plan"],
        ["load"],
        ["cadence"],
        ["exercises", "show", "plank"],
        ["exercises", "show", "bird-dog"],
        ["screen", "--history"],
        ["runs"],
        ["pain", "history"],
    ],
)
def test_what_a_runner_reads_carries_no_internal_ids(
    screened: None, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    assert run(args) == 0
    out = capsys.readouterr().out
    assert INTERNAL.findall(out) == [], out


def test_the_ids_stay_in_json_and_in_the_sources_view(
    screened: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["routine", "--json"]) == 0
    assert "000_f99d85ccd3986074.txt" in capsys.readouterr().out
    assert run(["exercises", "show", "plank", "--sources"]) == 0
    out = capsys.readouterr().out
    assert "000_f99d85ccd3986074.txt" in out and "Reading chosen" in out
