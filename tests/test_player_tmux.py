"""The real player in a real terminal: tmux runs `backstride go`, keys go in, the screen is read."""

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from screening_base import CALM

from backstride.cli.app import run

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def tmux(*args: str) -> str:
    done = subprocess.run(["tmux", *args], capture_output=True, text=True, check=False)
    return done.stdout


def wait_for(session: str, text: str, timeout_s: float = 20.0) -> str:
    deadline = time.monotonic() + timeout_s
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-t", session, "-p")
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")


def start_go(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Screen calmly, then start `backstride go` in a new tmux session; returns its name."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(CALM), encoding="utf-8")
    assert run(["screen", "--answers", str(answers)]) == 0
    assert run(["profile", "--equipment", "mat"]) == 0
    capsys.readouterr()
    session = f"bs-{uuid.uuid4().hex[:8]}"
    env = " ".join(
        f"{name}={os.environ[name]}"
        for name in ("BACKSTRIDE_DATA_DIR", "BACKSTRIDE_DATABASE_URL")
        if name in os.environ
    )
    command = f"env {env} {sys.executable} -m backstride go --minutes 5 --goal ease --quiet"
    tmux(
        "new-session",
        "-d",
        "-s",
        session,
        "-x",
        "100",
        "-y",
        "40",
        f"{command}; echo EXIT=$?; sleep 30",
    )
    return session


def skip_to_the_pain_question(session: str) -> None:
    for _ in range(40):  # skip through the first exercise block to its pain question
        tmux("send-keys", "-t", session, "n")
        time.sleep(0.15)
        if "Pain in your back now" in tmux("capture-pane", "-t", session, "-p"):
            break
    wait_for(session, "Pain in your back now")


def start_and_reach_the_pain_question(session: str) -> None:
    """Nothing new before the session; then skip to the first exercise's pain question."""
    wait_for(session, "Anything new since your last screening")
    tmux("send-keys", "-t", session, "n", "Enter")
    wait_for(session, "GET READY")
    skip_to_the_pain_question(session)


def exported(tmp_path: Path) -> dict[str, Any]:
    assert run(["export", "-o", str(tmp_path / "out.json")]) == 0
    tables: dict[str, Any] = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))[
        "tables"
    ]
    return tables


def test_go_plays_in_a_terminal_and_saves_the_session(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = start_go(tmp_path, capsys)
    try:
        wait_for(session, "Anything new since your last screening")
        tmux("send-keys", "-t", session, "n", "Enter")
        screen = wait_for(session, "GET READY")
        assert "space pause/resume" in screen and "Round 1 of" in screen
        tmux("send-keys", "-t", session, " ")
        wait_for(session, "PAUSED")
        tmux("send-keys", "-t", session, " ")
        skip_to_the_pain_question(session)
        tmux("send-keys", "-t", session, "2", "Enter")
        time.sleep(0.3)
        tmux("send-keys", "-t", session, "q")
        wait_for(session, "How hard was that")
        tmux("send-keys", "-t", session, "3", "Enter")
        screen = wait_for(session, "EXIT=0")
        assert "Session saved as partial." in screen
    finally:
        tmux("kill-session", "-t", session)
    tables = exported(tmp_path)
    (saved,) = tables["exercise_sessions"]
    assert saved["rpe"] == 3 and saved["completed"] is False
    logs = tables["exercise_logs"]
    assert logs and logs[0]["pain_during"] == 2


def test_leg_symptoms_end_the_session_run_the_check_in_and_show_its_result(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = start_go(tmp_path, capsys)
    try:
        start_and_reach_the_pain_question(session)
        tmux("send-keys", "-t", session, "l")
        wait_for(session, "Leg symptoms: the session ends here")
        screen = ""
        for _ in range(80):  # answer no to each warning-sign question until the result shows
            screen = tmux("capture-pane", "-t", session, "-p")
            if "EXIT=" in screen:
                break
            if screen.rstrip().endswith("[0-10] >"):  # pain now, a warning sign in v2
                tmux("send-keys", "-t", session, "2", "Enter")
            elif screen.rstrip().endswith(">"):
                tmux("send-keys", "-t", session, "n", "Enter")
            time.sleep(0.25)
        wait_for(session, "EXIT=")
        screen = tmux("capture-pane", "-t", session, "-p", "-S", "-400")  # with the scrollback
        flat = " ".join(screen.split())
        assert "Screening (" in flat and "Safety net" in flat
        assert "Your level now (see clinician)" in flat  # the session's leg symptoms (S-LEG)
        assert "no more exercise today" in flat.lower()
        assert "How hard was that" not in flat
    finally:
        tmux("kill-session", "-t", session)
    tables = exported(tmp_path)
    (saved,) = tables["exercise_sessions"]
    assert saved["completed"] is False
    assert saved["routine"]["ended_by"] == "leg_symptoms"
    assert saved["routine"]["safety_stop"]["reason"] == "leg_symptoms"
    assert tables["exercise_logs"][0]["done"]["ended_session"] == "leg_symptoms"
    kinds = [row["kind"] for row in tables["screenings"]]
    assert sorted(kinds) == ["check_in", "screen"]


def test_ctrl_c_in_go_saves_what_was_done_as_a_partial_session(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = start_go(tmp_path, capsys)
    try:
        start_and_reach_the_pain_question(session)
        tmux("send-keys", "-t", session, "3", "Enter")
        time.sleep(0.3)
        tmux("send-keys", "-t", session, "C-c")
        screen = wait_for(session, "EXIT=130")
        assert "saved as a partial session" in screen
        assert "Traceback" not in screen
    finally:
        tmux("kill-session", "-t", session)
    tables = exported(tmp_path)
    (saved,) = tables["exercise_sessions"]
    assert saved["completed"] is False and saved["ended_at"] is not None
    assert saved["routine"]["ended_by"] == "quit"
    assert tables["exercise_logs"][0]["pain_during"] == 3
