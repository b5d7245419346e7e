"""The command line as a runner uses it: listings, one exercise, lessons, and clear errors."""

import json
import os
import subprocess
import sys

import pytest
from cli_calls import call


def test_exercises_json_lists_all_21_with_source_tagged_doses(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = call(capsys, "exercises", "--json")
    assert code == 0
    listed = json.loads(out)
    assert len(listed) == 21
    for item in listed:
        assert {"id", "name", "aliases", "category", "equipment", "doses"} <= set(item)
        assert item["doses"] and all(dose["source"] for dose in item["doses"])
        assert all("from_seed" in dose for dose in item["doses"])


def test_exercises_table_shows_ids(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "exercises")
    assert code == 0
    assert "21 exercises" in out
    assert "bird-dog" in out


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (["--equipment", "none"], lambda e: e["equipment"] == ["none"]),
        (["--equipment", "mat,towel"], lambda e: set(e["equipment"]) <= {"mat", "towel", "none"}),
        (
            ["-e", "mat", "-e", "stability ball"],
            lambda e: set(e["equipment"]) <= {"mat", "stability_ball", "none"},
        ),
        (["--category", "glutes"], lambda e: e["category"] == "glutes"),
        (["--category", "back-extensors"], lambda e: e["category"] == "back_extensors"),
        (["--pattern", "spasm"], lambda e: e["patterns"]["spasm"]["fit"] != "avoid"),
    ],
)
def test_exercise_filters(
    capsys: pytest.CaptureFixture[str], args: list[str], check: object
) -> None:
    code, out, _ = call(capsys, "exercises", *args, "--json")
    assert code == 0
    listed = json.loads(out)
    assert listed
    assert all(check(item) for item in listed)  # type: ignore[operator]


def test_filtered_table_shows_the_pattern_fit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "exercises", "--pattern", "radicular")
    assert code == 0
    assert "rated for radicular pain" in out
    assert "optional" in out


def test_show_plank_gives_the_seed_dose_and_side_plank(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "exercises", "show", "plank")
    assert code == 0
    flat = " ".join(out.split())
    assert "hold 45-60 s, 3-5 reps" in flat
    assert "3-5 sets" in flat
    assert "30 s rest" in flat
    assert "a physical therapy clinic's guide for runners" in flat  # the seed, named plainly
    assert "Side plank" in flat
    assert "Stop if" in flat


def test_show_by_alias(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "exercises", "show", "bridging", "--json")
    assert code == 0
    assert json.loads(out)["id"] == "glute-bridge"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["exercises", "show", "plnk"], "did you mean 'plank'"),
        (["exercises", "show", "brid-dog"], "did you mean 'bird-dog'"),
        (["exercises", "--category", "cor"], "did you mean 'core'"),
        (["exercises", "--equipment", "dumbbell"], "valid: none, mat, stability-ball"),
        (["exercises", "--pattern", "sciatic"], "did you mean 'sciatica'"),
        (["exercises", "--jsn"], "--json"),
        (["learn", "pain-pattern"], "did you mean 'pain-patterns'"),
        (["excercises"], "excercises"),
    ],
)
def test_bad_input_is_one_line_exit_2_with_a_hint(
    capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    code, out, err = call(capsys, *args)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert expected in lines[0]


def test_learn_lists_topics_and_shows_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "learn")
    assert code == 0
    assert "when-to-see-a-professional" in out
    code, out, _ = call(capsys, "learn", "neutral-pelvis")
    assert code == 0
    assert "Sources:" in out


def test_today_says_what_to_do_and_shows_the_safety_net(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = call(capsys, "today")
    assert code == 0
    assert "emergency department" in " ".join(out.split())
    assert "backstride screen" in " ".join(out.split())


def test_no_command_shows_today(capsys: pytest.CaptureFixture[str]) -> None:
    assert call(capsys)[1] == call(capsys, "today")[1]


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "--help")
    assert code == 0
    assert "exercises" in out and "learn" in out
    code, out, _ = call(capsys, "--version")
    assert code == 0
    assert out.startswith("backstride ")


def test_python_dash_m_runs_the_real_entry_point() -> None:
    env = {**os.environ, "COLUMNS": "120"}
    done = subprocess.run(
        [sys.executable, "-m", "backstride", "exercises", "show", "nope-at-all"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("error: unknown exercise 'nope-at-all'")
