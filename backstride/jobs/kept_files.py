"""Uploads kept on disk, for the web that keeps them and the worker that imports them: staged,
moved to their place by digest, read by the CLI's own reader, an entry taken out for download."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from backstride.config import InputLimits
from backstride.errors import NotFound
from backstride.importers.archive_entries import entry_bytes, planned_items
from backstride.services.imports import ReadFile, read_file
from backstride.services.uploads import RunOrigin, Upload
from backstride.storage.original_files import (
    forget_originals,
    keep_original,
    original_path,
    staging_folder,
)


@dataclass(frozen=True, slots=True)
class KeptFile:
    """An upload kept on disk: what the database knows of it, and where it lies."""

    upload: Upload
    path: Path


@dataclass(frozen=True, slots=True)
class Original:
    """A run's original to download: the kept upload itself, or an entry's bytes."""

    name: str
    path: Path | None
    data: bytes | None


def upload_staging(data_dir: Path) -> Path:
    """The folder an upload is written to while it arrives (beside the kept originals)."""
    return staging_folder(data_dir)


def keep_upload(data_dir: Path, runner_id: str, staged: Path, upload: Upload) -> KeptFile:
    """Keep a staged upload among the runner's originals (once per distinct content)."""
    return KeptFile(upload, keep_original(data_dir, runner_id, staged, upload.sha256))


def kept_file(data_dir: Path, runner_id: str, upload: Upload) -> KeptFile | None:
    """An upload kept before (a job's file), found again by its digest; None when it is gone."""
    path = original_path(data_dir, runner_id, upload.sha256)
    return None if path is None else KeptFile(upload, path)


def read_kept(kept: KeptFile, limits: InputLimits) -> Iterator[ReadFile]:
    """Every file a kept upload holds, read and measured as the CLI reads a file on disk."""
    with kept.path.open("rb") as stream:
        yield from read_file(kept.upload.name, stream, limits)


def planned(kept: KeptFile, limits: InputLimits) -> int:
    """How many files the import of a kept upload will report on."""
    return planned_items(kept.upload.name, kept.path, limits)


def original_file(
    data_dir: Path, runner_id: str, origin: RunOrigin, limits: InputLimits
) -> Original:
    """The original of a run, from its kept upload (the entry taken out of an archive)."""
    path = original_path(data_dir, runner_id, origin.sha256)
    if path is None:
        raise NotFound("the original file of this run is no longer kept")
    if origin.entry is None:
        return Original(origin.file_name, path, None)
    return Original(origin.file_name, None, entry_bytes(path, origin.entry, limits))


def forget_uploads(data_dir: Path, runner_id: str) -> None:
    """Remove every upload a runner's account kept (their data was deleted)."""
    forget_originals(data_dir, runner_id)
