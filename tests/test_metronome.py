"""The metronome: exact click onsets over an hour, the WAV file, accents, and bad input."""

from __future__ import annotations

import os
import tempfile
import wave
from array import array
from pathlib import Path

import pytest

from backstride.cli.app import run
from backstride.documents.click_track_wav import FRAME_RATE
from backstride.domain.metronome import click_frames
from backstride.errors import InvalidInput


@pytest.mark.parametrize("spm", [160, 168, 171, 180, 187])
@pytest.mark.parametrize("rate", [22_050, 44_100])
def test_onsets_stay_within_half_a_frame_for_an_hour(spm: int, rate: int) -> None:
    frames = list(click_frames(spm, 3600, rate))
    assert len(frames) == spm * 60  # exactly spm clicks a minute for 60 minutes
    for k, frame in enumerate(frames):
        assert abs(frame / rate - k * 60 / spm) <= 0.5 / rate + 1e-12


def test_out_of_range_rates_are_refused() -> None:
    with pytest.raises(InvalidInput, match="give 100 to 240"):
        list(click_frames(60, 10, 22_050))


def read_wav(path: Path) -> array[int]:
    with wave.open(str(path), "rb") as source:
        assert (source.getnchannels(), source.getsampwidth(), source.getframerate()) == (
            1,
            2,
            FRAME_RATE,
        )
        samples = array("h")
        samples.frombytes(source.readframes(source.getnframes()))
    return samples


def onsets(samples: array[int]) -> list[int]:
    found, silent = [], True
    for index, value in enumerate(samples):
        if silent and value != 0:
            found.append(index)
            silent = False
        elif not silent and all(v == 0 for v in samples[index : index + 40]):
            silent = True
    return found


def test_the_wav_has_a_click_exactly_where_each_beat_falls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "click.wav"
    assert (
        run(
            [
                "metronome",
                "--spm",
                "168",
                "--minutes",
                "1",
                "-o",
                str(out),
                "--no-play",
                "--accent",
                "4",
            ]
        )
        == 0
    )
    assert "168 clicks at 168 steps a minute" in capsys.readouterr().out
    samples = read_wav(out)
    assert len(samples) == 60 * FRAME_RATE
    detected = onsets(samples)
    expected = list(click_frames(168, 60, FRAME_RATE))
    # a click's first sample is sin(0) = 0, so it is heard from the frame after its onset
    assert [frame - 1 for frame in detected] == expected
    peaks = [max(abs(v) for v in samples[f : f + 200]) for f in expected[:8]]
    assert peaks[0] > peaks[1] and peaks[4] > peaks[5]  # every 4th beat is accented


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--spm", "60"], "give 100 to 240"),
        (["--spm", "170", "--minutes", "0"], "--minutes 0 is out of range"),
        (["--spm", "170", "--accent", "1"], "--accent 1 is out of range"),
    ],
)
def test_bad_metronome_input_exits_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert run(["metronome", *args, "--no-play"]) == 2
    assert message in capsys.readouterr().err


def test_without_output_the_track_is_a_private_temporary_file_removed_after_playing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stand-in `paplay` on PATH records what it was given to play, and who could read it."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    tools = tmp_path / "bin"
    tools.mkdir()
    log = tmp_path / "played.log"
    player = tools / "paplay"
    player.write_text(
        f'#!/bin/sh\necho "$1" > {log}\nstat -c %a "$(dirname "$1")" >> {log}\n'
        f'head -c 4 "$1" >> {log}\n'
    )
    player.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}:{os.environ['PATH']}")
    monkeypatch.setenv("TMPDIR", str(temp))
    tempfile.tempdir = None  # read TMPDIR again
    try:
        planted = temp / "backstride-170spm.wav"  # the old predictable name, planted as a link
        planted.symlink_to(tmp_path / "victim")
        assert run(["metronome", "--spm", "170", "--minutes", "0.05"]) == 0
    finally:
        tempfile.tempdir = None
    played, mode, header = log.read_text().splitlines()
    assert Path(played).parent != temp and Path(played).parent.parent == temp
    assert mode == "700" and header == "RIFF"
    assert not Path(played).exists() and not Path(played).parent.exists()
    assert not (tmp_path / "victim").exists()
    assert sorted(p.name for p in temp.iterdir()) == ["backstride-170spm.wav"]
    assert "Playing a click track: 9 clicks" in capsys.readouterr().out


def test_no_play_without_output_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["metronome", "--spm", "170", "--no-play"]) == 2
    assert "--no-play needs --output" in capsys.readouterr().err
