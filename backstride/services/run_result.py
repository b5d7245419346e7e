"""One activity as a result shape: what `runs --json` prints and the API will return."""

from datetime import datetime, tzinfo

from backstride.domain.activity_record import StoredActivity
from backstride.domain.local_time import local_start
from backstride.services.result_model import ResultModel


class RunResult(ResultModel):
    """One activity as `runs --json` prints it (and the API will): its start on the runner's
    clock, with its own UTC offset."""

    id: str
    start: datetime
    sport: str
    duration_s: float
    moving_s: float | None
    distance_m: float | None
    avg_cadence_spm: float | None
    avg_hr_bpm: float | None
    source: str
    name: str | None


def run_result(run: StoredActivity, zone: tzinfo) -> RunResult:
    """One stored activity in its result shape."""
    return RunResult(
        id=run.id,
        start=local_start(run.start, run.local_offset_min, zone),
        sport=run.sport,
        duration_s=run.elapsed_s,
        moving_s=run.moving_s,
        distance_m=run.distance_m,
        avg_cadence_spm=run.avg_cadence_spm,
        avg_hr_bpm=run.avg_hr_bpm,
        source=run.source,
        name=run.name,
    )
