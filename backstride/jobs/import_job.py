"""A worker importing one job: claim it, store each file in its own transaction, finish it.

Each file is stored in the transaction that records its outcome and the job's progress, so a
worker killed at any moment leaves the job at a file boundary; the next worker to claim it
reads past the files already done and stores each run once.
"""

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from backstride.config import Settings
from backstride.jobs.clash import once_more_on_clash
from backstride.jobs.kept_files import kept_file, planned, read_kept
from backstride.services.context import Action, runner_zone
from backstride.services.import_jobs import (
    Claim,
    claim_import_job,
    finish_import_job,
    job_runner,
    jobs_to_hand_on,
    note_job_failure,
    release_import_job,
    store_job_item,
)
from backstride.services.imports import FileOutcome, ReadFile
from backstride.services.uploads import Upload
from backstride.storage.database import Database

_OPEN: dict[str, Database] = {}
_LOG = logging.getLogger(__name__)


def job_database(settings: Settings) -> Database:
    """The database of this worker process, opened once."""
    url = settings.effective_database_url
    if url not in _OPEN:
        _OPEN[url] = Database(url, settings.limits)
    return _OPEN[url]


def close_job_databases() -> None:
    """Close what this process opened (before a consumer forks its workers)."""
    while _OPEN:
        _OPEN.popitem()[1].close()


@contextmanager
def _acting(database: Database, runner_id: str) -> Iterator[Action]:
    now = datetime.now(UTC)
    with database.transaction() as session:
        yield Action(session, runner_id, runner_id, now, runner_zone(session, runner_id, UTC))


def run_import_job(settings: Settings, job_id: str) -> None:
    """Import a job's files for its runner, from where a previous worker left it."""
    database = job_database(settings)
    worker = str(uuid.uuid4())
    with database.transaction(write=False) as session:
        runner_id = job_runner(session, job_id)
    if runner_id is None:
        return
    lease = timedelta(seconds=settings.job_lease_s)
    holder: str | None = None
    try:
        with _acting(database, runner_id) as action:
            claim = claim_import_job(
                action,
                job_id,
                worker,
                lease,
                lambda upload: job_upload_count(settings, runner_id, upload),
            )
        if claim is None:
            return
        holder = worker
        steps = _Steps(settings, database, runner_id, job_id, worker)
        if steps.run(claim):
            with _acting(database, runner_id) as action:
                finish_import_job(action, job_id, worker)
    except Exception as error:  # the try broke off outside any one file: hand it on, counted
        _LOG.exception("import job %s broke off", job_id)
        with _acting(database, runner_id) as action:
            release_import_job(action, job_id, holder, error)


def job_upload_count(settings: Settings, runner_id: str, upload: Upload) -> int:
    """How many files a job's upload holds (1 when its kept file is gone: that one error)."""
    kept = kept_file(settings.data_dir, runner_id, upload)
    return 1 if kept is None else planned(kept, settings.limits)


class _Steps:
    """The files of one claimed job, each stored or noted in its own transaction."""

    def __init__(
        self, settings: Settings, database: Database, runner_id: str, job_id: str, worker: str
    ) -> None:
        self.settings, self.database, self.runner_id = settings, database, runner_id
        self.job_id, self.worker = job_id, worker
        self.position = 0

    def run(self, claim: Claim) -> bool:
        """False when the job was cancelled or taken over on the way."""
        for upload in claim.files:
            kept = kept_file(self.settings.data_dir, self.runner_id, upload)
            if kept is None:
                gone = "not read: the upload is no longer kept"
                if self._due(claim) and not self._note(_failed(upload, gone)):
                    return False
                continue
            try:
                for read in read_kept(kept, self.settings.limits):
                    if self._due(claim) and not self._store(read, upload):
                        return False
            except Exception as error:  # reading the kept file broke off (a disk error)
                if self._due(claim) and not self._note(_failed(upload, f"cannot read: {error}")):
                    return False
        return True

    def _due(self, claim: Claim) -> bool:
        """Whether the next file is still to do (an earlier worker stored those before it)."""
        self.position += 1
        return self.position > claim.items_done

    def _store(self, read: ReadFile, upload: Upload) -> bool:
        def step() -> bool:
            with _acting(self.database, self.runner_id) as action:
                return store_job_item(action, self.job_id, self.worker, read, upload)

        try:
            return once_more_on_clash(step)
        except Exception as error:  # the one per-file boundary for storing: the job goes on
            with _acting(self.database, self.runner_id) as action:
                return note_job_failure(action, self.job_id, self.worker, (read, error))

    def _note(self, outcome: FileOutcome) -> bool:
        with _acting(self.database, self.runner_id) as action:
            return note_job_failure(action, self.job_id, self.worker, outcome)


def _failed(upload: Upload, reason: str) -> FileOutcome:
    return FileOutcome(upload.name, "error", reason, 0, upload.size_bytes)


def stale_job_ids(settings: Settings) -> list[str]:
    """Jobs no live worker holds, to be queued again."""
    lease = timedelta(seconds=settings.job_lease_s)
    with job_database(settings).transaction(write=False) as session:
        return jobs_to_hand_on(session, datetime.now(UTC), lease)
