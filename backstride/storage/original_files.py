"""Original files as uploaded, kept on disk by their SHA-256 in a folder per user."""

import os
import re
import shutil
from pathlib import Path

ORIGINALS = "originals"
STAGING = "uploads"
DIGEST = re.compile(r"[0-9a-f]{64}")
SAFE_ID = re.compile(r"[0-9A-Za-z-]{1,64}")


def staging_folder(data_dir: Path) -> Path:
    """Where an upload is written while it arrives (on the same disk as the originals)."""
    folder = data_dir / STAGING
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _folder(data_dir: Path, user_id: str) -> Path:
    if not SAFE_ID.fullmatch(user_id):
        raise ValueError(f"not a user id: {user_id!r}")
    return data_dir / ORIGINALS / user_id


def keep_original(data_dir: Path, user_id: str, staged: Path, sha256: str) -> Path:
    """Move a staged upload to its place by digest; the same bytes kept before stay as they are."""
    if not DIGEST.fullmatch(sha256):
        raise ValueError(f"not a SHA-256 digest: {sha256!r}")
    folder = _folder(data_dir, user_id)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / sha256
    if target.exists():
        staged.unlink(missing_ok=True)
    else:
        os.replace(staged, target)  # atomic on one disk: a reader never sees half a file
    return target


def original_path(data_dir: Path, user_id: str, sha256: str) -> Path | None:
    """The kept file with these bytes, or None."""
    if not DIGEST.fullmatch(sha256):
        return None
    path = _folder(data_dir, user_id) / sha256
    return path if path.is_file() else None


def forget_originals(data_dir: Path, user_id: str) -> None:
    """Remove every original a user uploaded (their data is being deleted)."""
    shutil.rmtree(_folder(data_dir, user_id), ignore_errors=True)
