"""`backstride exercises show ID --figure FILE` and the braille sketch on a terminal."""

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from backstride.cli.app import run
from backstride.cli.exercise_views import render_figure_sketch


def test_figure_writes_the_moving_svg(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "plank.svg"
    assert run(["exercises", "show", "plank", "--figure", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert "<animate " in text
    assert ET.fromstring(text).get("role") == "img"
    assert str(target) in capsys.readouterr().out


def test_static_and_level_choose_the_key_poses_of_a_rung(tmp_path: Path) -> None:
    target = tmp_path / "leg-only.svg"
    argv = ["exercises", "show", "bird-dog", "--figure", str(target), "--static"]
    assert run([*argv, "--level", "bird-dog-leg-only"]) == 0
    text = target.read_text(encoding="utf-8")
    assert "<animate" not in text and "Bird dog, leg only (key poses)" in text


def test_a_rung_of_another_exercise_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x.svg"
    assert run(["exercises", "show", "plank", "--figure", str(target), "--level", "squat"]) == 2
    assert "--level 'squat' is not on the ladder of plank" in capsys.readouterr().err
    assert not target.exists()


def test_no_braille_when_stdout_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["exercises", "show", "plank"]) == 0
    out = capsys.readouterr().out
    assert not any(0x2800 <= ord(c) <= 0x28FF for c in out)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("term", "drawn"), [("xterm-256color", True), ("dumb", False)])
def test_braille_sketch_on_a_terminal_unless_dumb(
    monkeypatch: pytest.MonkeyPatch, term: str, drawn: bool
) -> None:
    screen = _Terminal()
    monkeypatch.setattr("sys.stdout", screen)
    monkeypatch.setenv("TERM", term)
    render_figure_sketch("plank")
    assert any(0x2800 < ord(c) <= 0x28FF for c in screen.getvalue()) is drawn
