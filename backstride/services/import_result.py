"""One imported file's outcome as a result shape: what `import --json` prints, the API's too."""

from backstride.services.imports import FileOutcome, Outcome
from backstride.services.result_model import ResultModel


class ImportOutcomeResult(ResultModel):
    """What happened to one file: imported, duplicate, skipped or error, why, and its size."""

    path: str
    outcome: Outcome
    reason: str
    activities: int
    size_bytes: int


def import_outcome_result(outcome: FileOutcome) -> ImportOutcomeResult:
    """One file's outcome in its one result shape."""
    return ImportOutcomeResult(
        path=outcome.path,
        outcome=outcome.outcome,
        reason=outcome.reason,
        activities=outcome.activities,
        size_bytes=outcome.size_bytes,
    )
