"""The real player in a real terminal: tmux runs `backstride go`, keys go in, the screen is read."""

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

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


def test_go_plays_in_a_terminal_and_saves_the_session(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
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
    try:
        wait_for(session, "Anything new since your last screening")
        tmux("send-keys", "-t", session, "n", "Enter")
        screen = wait_for(session, "GET READY")
        assert "space pause/resume" in screen and "Round 1 of" in screen
        tmux("send-keys", "-t", session, " ")
        wait_for(session, "PAUSED")
        tmux("send-keys", "-t", session, " ")
        for _ in range(40):  # skip through the first exercise block to its pain question
            tmux("send-keys", "-t", session, "n")
            time.sleep(0.15)
            if "Pain in your back now" in tmux("capture-pane", "-t", session, "-p"):
                break
        wait_for(session, "Pain in your back now")
        tmux("send-keys", "-t", session, "2", "Enter")
        time.sleep(0.3)
        tmux("send-keys", "-t", session, "q")
        wait_for(session, "How hard was that")
        tmux("send-keys", "-t", session, "3", "Enter")
        screen = wait_for(session, "EXIT=0")
        assert "Session saved as partial." in screen
    finally:
        tmux("kill-session", "-t", session)
    assert run(["export", "-o", str(tmp_path / "out.json")]) == 0
    exported = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["tables"]
    (saved,) = exported["exercise_sessions"]
    assert saved["rpe"] == 3 and saved["completed"] is False
    logs = exported["exercise_logs"]
    assert logs and logs[0]["pain_during"] == 2
