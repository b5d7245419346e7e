"""Writing a click track as a WAV file, streamed in blocks, and playing it where possible."""

from __future__ import annotations

import math
import shutil
import subprocess
import wave
from array import array
from pathlib import Path

from backstride.domain.metronome import click_frames

FRAME_RATE = 22_050  # plenty for a click; keeps an hour's track near 160 MB
CLICK_S = 0.012
BLOCK_FRAMES = FRAME_RATE * 10


def _click(frequency_hz: float, loudness: float) -> array[int]:
    length = int(CLICK_S * FRAME_RATE)
    return array(
        "h",
        (
            int(
                loudness
                * 32767
                * math.sin(2 * math.pi * frequency_hz * i / FRAME_RATE)
                * (1 - i / length)
            )
            for i in range(length)
        ),
    )


def write_click_track(path: Path, spm: int, minutes: float, accent_every: int | None) -> int:
    """Write the track; returns the number of clicks. Onsets are exact to the frame."""
    normal, accent = _click(1500.0, 0.5), _click(2200.0, 0.8)
    total_frames = int(minutes * 60 * FRAME_RATE)
    onsets = list(click_frames(spm, minutes * 60, FRAME_RATE))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(FRAME_RATE)
        index = 0
        for block_start in range(0, total_frames, BLOCK_FRAMES):
            block_end = min(block_start + BLOCK_FRAMES, total_frames)
            block = array("h", bytes(2 * (block_end - block_start)))
            # a click starting just before this block still sounds into it
            while index > 0 and onsets[index - 1] + len(accent) > block_start:
                index -= 1
            while index < len(onsets) and onsets[index] < block_end:
                sound = accent if accent_every and index % accent_every == 0 else normal
                for offset, value in enumerate(sound):
                    position = onsets[index] + offset
                    if block_start <= position < block_end:
                        block[position - block_start] = value
                index += 1
            out.writeframes(block.tobytes())
    return len(onsets)


def play(path: Path) -> bool:
    """Play the file with the first audio player found; False when there is none."""
    for player in ("paplay", "aplay", "afplay", "ffplay"):
        found = shutil.which(player)
        if found:
            extra = ["-nodisp", "-autoexit"] if player == "ffplay" else []
            subprocess.run([found, *extra, str(path)], check=False)
            return True
    return False
