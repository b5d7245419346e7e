"""Writing the files a command makes: whole or not at all, through links, never over a device.

Every file the CLI writes (report, export, calendar, click track) goes through here. A regular
file is written to a private temporary file beside it and renamed into place, so a failure
leaves the old file (or nothing) behind, never half a file. A link is followed and its target
replaced, the link kept. Anything that is neither a regular file nor a folder (a terminal,
/dev/null, /dev/full, a pipe) is written to directly, never replaced. The folder a file goes
in must exist: a typo in a folder name is refused rather than silently created.
"""

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from backstride.errors import BackstrideError, InvalidInput

Content = str | bytes | Iterable[bytes]
"""Text (written as UTF-8), bytes, or bytes in blocks (for a file too big to hold at once)."""


class OutputFailed(BackstrideError):
    """The system refused to write an output file (disk full, read-only, no permission)."""


def _blocks(content: Content) -> Iterable[bytes]:
    if isinstance(content, str):
        return (content.encode("utf-8"),)
    if isinstance(content, bytes):
        return (content,)
    return content


def _failed(path: Path, error: OSError) -> OutputFailed:
    reason = error.strerror or str(error)
    return OutputFailed(f"cannot write {str(path)!r}: {reason}; nothing was written there")


def _existing(path: Path) -> os.stat_result | None:
    """The file the path leads to (links followed), or None when nothing is there yet."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _failed(path, error) from error


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_output(path: Path, flag: str, *, folder: bool = False) -> None:
    """Refuse, before any work, a path that cannot take the output: a folder, or no such folder.

    With `folder`, the output is itself a folder, which must be new or empty.
    """
    found = _existing(path)
    shown = str(path)
    if folder:
        if found is not None and not (stat.S_ISDIR(found.st_mode) and not any(path.iterdir())):
            raise InvalidInput(f"{flag} {shown!r} already exists and is not an empty folder")
    elif found is not None and stat.S_ISDIR(found.st_mode):
        raise InvalidInput(f"{flag} {shown!r} is a folder: give a file name")
    if found is None or folder:
        parent = Path(os.path.realpath(path)).parent
        if not parent.is_dir():
            raise InvalidInput(
                f"{flag} {shown!r}: the folder {str(parent)!r} does not exist; "
                "create it first or choose a path in an existing folder"
            )


def write_output(path: Path, content: Content, flag: str) -> None:
    """Write one file: replaced whole if it is a regular file, written into if it is a device."""
    check_output(path, flag)
    found = _existing(path)
    if found is not None and not stat.S_ISREG(found.st_mode):
        _write_into(path, content)
        return
    target = Path(os.path.realpath(path))  # a link's target is replaced, the link kept
    mode = stat.S_IMODE(found.st_mode) if found is not None else 0o666 & ~_umask()
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError as error:
        raise _failed(path, error) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            for block in _blocks(content):
                stream.write(block)
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _failed(path, error) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_into(path: Path, content: Content) -> None:
    """Write to a device or pipe as it is: it is never removed or replaced."""
    try:
        # Non-blocking, so a pipe nobody reads is an error (ENXIO) rather than a hang.
        descriptor = os.open(path, os.O_WRONLY | os.O_TRUNC | os.O_NONBLOCK)
        os.set_blocking(descriptor, True)
    except OSError as error:
        raise _failed(path, error) from error
    try:
        for block in _blocks(content):
            view = memoryview(block)
            while view:
                view = view[os.write(descriptor, view) :]
    except OSError as error:
        raise _failed(path, error) from error
    finally:
        with contextlib.suppress(OSError):
            os.close(descriptor)


def write_output_folder(path: Path, files: Mapping[str, Content], flag: str) -> None:
    """Write a new folder of files, whole or not at all: built beside it, then renamed in."""
    check_output(path, flag, folder=True)
    target = Path(os.path.realpath(path))
    try:
        building = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    except OSError as error:
        raise _failed(path, error) from error
    try:
        for name, content in files.items():
            with open(building / name, "wb") as stream:
                for block in _blocks(content):
                    stream.write(block)
                stream.flush()
                os.fsync(stream.fileno())
        building.chmod(0o777 & ~_umask())
        os.rename(building, target)  # onto a missing or empty folder, in one step
    except OSError as error:
        shutil.rmtree(building, ignore_errors=True)
        raise _failed(path, error) from error
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
