"""Reading a document someone hands the CLI: a regular file, bounded in size, strictly UTF-8."""

import os
import stat
from pathlib import Path
from typing import BinaryIO, TextIO

from backstride.errors import InputRefused, InvalidInput


def read_text_file(path: Path, what: str, limit_bytes: int) -> str:
    """The text of a regular file of at most `limit_bytes`; anything else raises InvalidInput.

    Devices (/dev/zero), FIFOs and folders are refused before a byte is read, so a wrong path
    can neither hang the command nor fill the memory.
    """
    try:
        # Non-blocking: opening a FIFO must not wait for a writer before we can refuse it.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise InvalidInput(
            f"cannot read {what} {str(path)!r}: {error.strerror or error}"
        ) from error
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise InvalidInput(
            f"cannot read {what} {str(path)!r}: it is not a regular file (a device, pipe "
            "or folder); give the path of a file"
        )
    with os.fdopen(handle, "rb") as stream:
        data = _bounded(stream, f"{what} {str(path)!r}", limit_bytes)
    return decode_text(data, f"{what} {str(path)!r}")


def read_text_stream(stream: TextIO, what: str, limit_bytes: int) -> str:
    """At most `limit_bytes` of text from a stream such as standard input."""
    binary: BinaryIO | None = getattr(stream, "buffer", None)
    if binary is not None:
        return decode_text(_bounded(binary, what, limit_bytes), what)
    text = stream.read(limit_bytes + 1)
    if len(text) > limit_bytes:
        raise InputRefused(what, f"more than {limit_bytes} characters", f"{limit_bytes} bytes")
    return text


def _bounded(stream: BinaryIO, what: str, limit_bytes: int) -> bytes:
    data = stream.read(limit_bytes + 1)
    if len(data) > limit_bytes:
        raise InputRefused(what, f"more than {limit_bytes} bytes", f"{limit_bytes} bytes")
    return data


def decode_text(data: bytes, what: str) -> str:
    """UTF-8 text, strictly: a byte that is not UTF-8 is refused with its position."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidInput(
            f"{what} is not UTF-8 text (byte {error.start} is {data[error.start]:#04x}); "
            "save it as UTF-8"
        ) from error
