"""Uploaded files in the database: each stored run noted with the upload it came from, and
that origin found again for the run's download. The files themselves are the adapter's."""

from dataclasses import dataclass

from backstride.errors import NotFound
from backstride.services.context import Action
from backstride.services.imports import FileOutcome, ReadFile, store_file
from backstride.storage.activities import activity_key
from backstride.storage.run_originals import activity_digest, add_origin, origin_of


@dataclass(frozen=True, slots=True)
class Upload:
    """One uploaded file as kept: its name as sent, its SHA-256 and its size."""

    name: str
    sha256: str
    size_bytes: int


@dataclass(frozen=True, slots=True)
class RunOrigin:
    """Where a run's original is kept: the upload's digest and name, and the entry inside it
    ("inner.zip!run.fit" when nested) when the upload is an archive."""

    sha256: str
    name: str
    entry: str | None

    @property
    def file_name(self) -> str:
        """The name the download is saved under: the entry's, or the upload's."""
        shown = self.entry.rsplit("!", 1)[-1] if self.entry else self.name
        return shown.replace("\\", "/").rsplit("/", 1)[-1] or "activity"


def store_upload_item(action: Action, read: ReadFile, upload: Upload) -> FileOutcome:
    """Store one read file as the CLI does, and note the upload each of its runs came from."""
    outcome = store_file(action, read)
    if outcome.outcome == "imported":
        item = read.item
        _, bang, entry = item.label.partition("!")
        where = (upload.sha256, upload.name, entry if bang else None)
        for index in range(len(item.activities)):
            add_origin(action.session, action.runner_id, activity_key(item.sha256, index), where)
    return outcome


def run_origin(action: Action, run_id: str) -> RunOrigin:
    """Where one of the runner's runs came from; NotFound for another's or one not uploaded."""
    digest = activity_digest(action.session, action.runner_id, run_id)
    if digest is None:
        raise NotFound(f"no activity {run_id[:40]!r} among yours")
    origin = origin_of(action.session, action.runner_id, digest)
    if origin is None:
        raise NotFound("no original file was kept for this run: it was imported from a folder")
    return RunOrigin(*origin)
