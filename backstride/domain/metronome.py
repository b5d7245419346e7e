"""Metronome timing: where each click falls, exactly, however long the track (no drift)."""

from collections.abc import Iterator

from backstride.errors import InvalidInput

MIN_SPM, MAX_SPM = 100, 240  # walking to sprinting step rates


def check_spm(spm: int) -> None:
    """Refuse a step rate outside what a runner could use."""
    if not MIN_SPM <= spm <= MAX_SPM:
        raise InvalidInput(
            f"spm {spm} is out of range: give {MIN_SPM} to {MAX_SPM} steps a minute", field="spm"
        )


def click_frames(spm: int, seconds: float, frame_rate: int) -> Iterator[int]:
    """The audio frame of every click: round(k x 60 / spm x rate), computed in integers.

    Each onset is computed from k directly (never by adding intervals), so rounding errors
    cannot accumulate: the k-th click is within half a frame of k x 60/spm seconds.
    """
    check_spm(spm)
    last_frame = int(seconds * frame_rate)
    k = 0
    while True:
        frame = (2 * k * 60 * frame_rate + spm) // (2 * spm)  # round half up, exactly
        if frame >= last_frame:
            return
        yield frame
        k += 1
