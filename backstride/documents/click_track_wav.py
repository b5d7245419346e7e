"""A click track as WAV bytes (16-bit mono PCM), built in blocks so an hour never sits in memory."""

from __future__ import annotations

import math
import struct
from array import array
from collections.abc import Iterator
from dataclasses import dataclass

from backstride.domain.metronome import click_frames

FRAME_RATE = 22_050  # plenty for a click; keeps an hour's track near 160 MB
CLICK_S = 0.012
BLOCK_FRAMES = FRAME_RATE * 10
SAMPLE_BYTES = 2


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


def _header(frames: int) -> bytes:
    """The RIFF header of a mono 16-bit PCM file holding `frames` frames."""
    data_bytes = frames * SAMPLE_BYTES
    return (
        b"RIFF"
        + struct.pack("<I", 36 + data_bytes)
        + b"WAVEfmt "
        + struct.pack(
            "<IHHIIHH",
            16,
            1,
            1,
            FRAME_RATE,
            FRAME_RATE * SAMPLE_BYTES,
            SAMPLE_BYTES,
            8 * SAMPLE_BYTES,
        )
        + b"data"
        + struct.pack("<I", data_bytes)
    )


@dataclass(frozen=True, slots=True)
class ClickTrack:
    """A click track: its clicks and its WAV bytes block by block (onsets exact to a frame)."""

    spm: int
    minutes: float
    accent_every: int | None

    @property
    def frames(self) -> int:
        """Audio frames in the track."""
        return int(self.minutes * 60 * FRAME_RATE)

    @property
    def onsets(self) -> list[int]:
        """The frame each click starts on."""
        return list(click_frames(self.spm, self.minutes * 60, FRAME_RATE))

    def wav_blocks(self) -> Iterator[bytes]:
        """The file: its header, then the samples ten seconds at a time."""
        normal, accent = _click(1500.0, 0.5), _click(2200.0, 0.8)
        total_frames = self.frames
        onsets = self.onsets
        yield _header(total_frames)
        index = 0
        for block_start in range(0, total_frames, BLOCK_FRAMES):
            block_end = min(block_start + BLOCK_FRAMES, total_frames)
            block = array("h", bytes(SAMPLE_BYTES * (block_end - block_start)))
            # a click starting just before this block still sounds into it
            while index > 0 and onsets[index - 1] + len(accent) > block_start:
                index -= 1
            while index < len(onsets) and onsets[index] < block_end:
                chosen = self.accent_every and index % self.accent_every == 0
                sound = accent if chosen else normal
                for offset, value in enumerate(sound):
                    position = onsets[index] + offset
                    if block_start <= position < block_end:
                        block[position - block_start] = value
                index += 1
            yield block.tobytes()
