"""An import job as a result shape: what the API answers for a queued upload."""

from backstride.services.import_jobs import JobProgress
from backstride.services.import_result import ImportOutcomeResult, import_outcome_result
from backstride.services.result_model import ResultModel


class ImportJobResult(ResultModel):
    """Where a queued import stands: files read of those planned, bytes, rate, each outcome."""

    id: str
    status: str
    """"queued", "running", "done", "cancelled" or "failed"."""
    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int
    files_per_s: float | None
    cancelled: bool
    outcomes: list[ImportOutcomeResult]
    error: str | None
    """What stopped a failed job (null otherwise)."""


def import_job_result(progress: JobProgress) -> ImportJobResult:
    """A job's progress in its one result shape."""
    return ImportJobResult(
        id=progress.id,
        status=progress.status,
        files_done=progress.items_done,
        files_total=progress.items_total,
        bytes_done=progress.bytes_done,
        bytes_total=progress.bytes_total,
        files_per_s=None if progress.rate_per_s is None else round(progress.rate_per_s, 2),
        cancelled=progress.cancelled,
        outcomes=[import_outcome_result(outcome) for outcome in progress.outcomes],
        error=progress.error,
    )
