"""The import loop: walk the paths, read each file, store it in its own brief transaction.

Only regular files are opened (a FIFO, a device or a socket would hang or never end); links
inside a folder are followed only to files inside that folder; a folder that cannot be read
says so. Whatever goes wrong with one file becomes that file's outcome, and the batch goes on.
"""

import os
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from backstride.cli.console import out_console
from backstride.cli.local_action import local_action
from backstride.config import InputLimits
from backstride.errors import InvalidInput
from backstride.services.imports import (
    FileOutcome,
    ReadFile,
    failed_outcome,
    read_file,
    store_file,
)

NOT_REGULAR = "not a regular file"
KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


@dataclass(frozen=True, slots=True)
class Found:
    """A file the walk found, with its size for the progress bar."""

    path: Path
    size_bytes: int


def checked_paths(texts: list[str]) -> list[Path]:
    """The paths as given; an empty one is refused rather than read as the current folder."""
    if any(not text.strip() for text in texts):
        raise InvalidInput(
            "an empty path was given: name a file or folder (use . for the current folder)"
        )
    return [Path(text) for text in texts]


def walk(paths: list[Path]) -> Iterator[Found | FileOutcome]:
    """Every file under the paths, folders recursively in a stable order, or why one is not."""
    for path in paths:
        if path.is_dir():
            yield from _folder(path, path.resolve())
        else:
            yield Found(path, _size(path))


def _folder(folder: Path, root: Path) -> Iterator[Found | FileOutcome]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        reason = f"could not read this folder: {error.strerror or error}"
        yield FileOutcome(str(folder), "error", reason, 0, 0)
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith(".") or entry.name == "__MACOSX":
            continue  # hidden files and macOS resource-fork folders
        if entry.is_symlink():
            yield _linked(path, root)
        elif entry.is_dir(follow_symlinks=False):
            yield from _folder(path, root)
        else:
            yield Found(path, _size(path))


def _linked(path: Path, root: Path) -> Found | FileOutcome:
    """A link is followed only to a regular file inside the folder being imported."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return FileOutcome(str(path), "skipped", "a symbolic link to nothing: not followed", 0, 0)
    if not target.is_relative_to(root):
        reason = "a symbolic link to outside the folder being imported: not followed"
        return FileOutcome(str(path), "skipped", reason, 0, 0)
    if target.is_dir():
        return FileOutcome(str(path), "skipped", "a symbolic link to a folder: not followed", 0, 0)
    return Found(path, _size(path))


def _size(path: Path) -> int:
    try:
        status = path.stat()
    except OSError:
        return 0
    return status.st_size if stat.S_ISREG(status.st_mode) else 0


def import_found(found: Found, dry_run: bool, limits: InputLimits) -> Iterator[FileOutcome]:
    """Every outcome of one file, which is opened only if regular and small enough.

    Each item it holds is stored in its own transaction, opened after the item was read and
    measured, so the write lock is held only while storing.
    """
    label = str(found.path)
    try:
        fd = os.open(found.path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        yield FileOutcome(label, "error", f"cannot read: {error.strerror or error}", 0, 0)
        return
    with os.fdopen(fd, "rb") as stream:
        status = os.fstat(fd)
        refusal = _refusal(label, status, limits)
        if refusal is not None:
            yield refusal
            return
        for read in read_file(label, stream, limits):
            yield _stored(read, dry_run)


def _refusal(label: str, status: os.stat_result, limits: InputLimits) -> FileOutcome | None:
    """Checked on the open file itself, so a file swapped after the walk is caught too."""
    if not stat.S_ISREG(status.st_mode):
        kind = next((name for test, name in KINDS if test(status.st_mode)), "a special file")
        return FileOutcome(label, "skipped", f"{NOT_REGULAR} ({kind})", 0, 0)
    cap = limits.max_file_bytes
    if status.st_size > cap and not label.lower().endswith(".zip"):
        reason = (
            f"refused: {status.st_size / 1024**2:,.0f} MB, over the limit of "
            f"{cap / 1024**2:,.0f} MB per file (BACKSTRIDE_MAX_FILE_MB)"
        )
        return FileOutcome(label, "error", reason, 0, status.st_size)
    return None


def _stored(read: ReadFile, dry_run: bool) -> FileOutcome:
    try:
        with local_action() as action:
            return store_file(action, read, dry_run)
    except Exception as error:  # the one per-file boundary for storing: the batch goes on
        return failed_outcome(read, error)


def import_with_progress(
    found: list[Found | FileOutcome], dry_run: bool, limits: InputLimits, show_progress: bool
) -> list[FileOutcome]:
    """Import each file found, with a bar showing files, megabytes and the rate."""
    outcomes: list[FileOutcome] = []
    files = [entry for entry in found if isinstance(entry, Found)]
    total_mb = sum(entry.size_bytes for entry in files) / 2**20
    started = time.perf_counter()
    with Progress(
        TextColumn("[bold]importing"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} files"),
        TextColumn("{task.fields[mb]:.1f}/{task.fields[total_mb]:.1f} MB"),
        TextColumn("{task.fields[rate]:.0f} files/s"),
        TimeElapsedColumn(),
        console=out_console(),
        disable=not show_progress,
        transient=True,
    ) as progress:
        task = progress.add_task("import", total=len(files), mb=0.0, total_mb=total_mb, rate=0.0)
        read_mb = 0.0
        done = 0
        for entry in found:
            if isinstance(entry, FileOutcome):
                outcomes.append(entry)
                continue
            outcomes.extend(_outcomes(entry, dry_run, limits))
            done += 1
            read_mb += entry.size_bytes / 2**20
            elapsed = max(time.perf_counter() - started, 1e-6)
            progress.update(task, advance=1, mb=read_mb, rate=done / elapsed)
    return outcomes


def _outcomes(entry: Found, dry_run: bool, limits: InputLimits) -> list[FileOutcome]:
    outcomes: list[FileOutcome] = []
    try:
        outcomes.extend(import_found(entry, dry_run, limits))
    except Exception as error:  # reading the file broke off (a disk error mid-read)
        reason = f"cannot read: {getattr(error, 'strerror', None) or error}"
        outcomes.append(FileOutcome(str(entry.path), "error", reason, 0, entry.size_bytes))
    return outcomes
