"""Sound cues: the terminal bell, and spoken cues where espeak-ng is installed."""

import shutil
import subprocess
from typing import IO


class Sounds:
    """Plays cues without blocking the player; `quiet` silences everything."""

    def __init__(self, stream: IO[str], quiet: bool) -> None:
        self._stream = stream
        self._quiet = quiet
        self._speaker = None if quiet else shutil.which("espeak-ng")
        self._speaking: subprocess.Popen[bytes] | None = None

    @property
    def voice(self) -> bool:
        """True when spoken cues are available."""
        return self._speaker is not None

    def bell(self) -> None:
        """A short beep from the terminal."""
        if not self._quiet:
            self._stream.write("\a")
            self._stream.flush()

    def say(self, text: str) -> None:
        """Speak a short cue in the background; falls back to the bell."""
        if self._quiet:
            return
        if self._speaker is None:
            self.bell()
            return
        if self._speaking is not None and self._speaking.poll() is None:
            self._speaking.terminate()
        self._speaking = subprocess.Popen(
            [self._speaker, "-s", "165", text],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def close(self) -> None:
        """Stop a cue still playing."""
        if self._speaking is not None and self._speaking.poll() is None:
            self._speaking.terminate()
            self._speaking.wait(timeout=5)
