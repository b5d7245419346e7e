"""The metronome: exact click onsets over an hour, the WAV file, accents, and bad input."""

from __future__ import annotations

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
