"""Single key presses from the terminal, without waiting for Enter (POSIX terminals)."""

import os
import select
import sys
import termios
import tty
from types import TracebackType
from typing import Any


class KeyReader:
    """Puts the terminal in cbreak mode while open; read() returns one key or None."""

    def __init__(self) -> None:
        self._fd = sys.stdin.fileno()
        self._saved: list[Any] | None = None

    def __enter__(self) -> "KeyReader":
        self._saved = termios.tcgetattr(self._fd)
        tty.setcbreak(self._fd)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._saved is not None:
            termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved)

    def read(self, timeout_s: float) -> str | None:
        """One key, or None if none came within the timeout."""
        ready, _, _ = select.select([self._fd], [], [], timeout_s)
        if not ready:
            return None
        data = os.read(self._fd, 1)
        return data.decode(errors="ignore") if data else "q"
