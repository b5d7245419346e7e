"""One activity in full for its page: its numbers, its lines over time and its track."""

from dataclasses import dataclass
from datetime import datetime, tzinfo

from backstride.domain.activity_record import StoredActivity
from backstride.domain.local_time import local_start
from backstride.domain.run_series import RunSeries, run_series
from backstride.domain.units import Units
from backstride.services.context import Action
from backstride.services.runs import run_of
from backstride.storage.activity_pages import activity_samples
from backstride.storage.profiles import load_profile


@dataclass(frozen=True, slots=True)
class RunDetail:
    """An activity, when it began on the runner's clock, its drawn lines and the units."""

    run: StoredActivity
    start: datetime
    span_s: float
    series: RunSeries
    units: Units
    zone: tzinfo


def run_detail(action: Action, run_id: str) -> RunDetail:
    """One of the runner's activities with its samples; NotFound for an id not theirs."""
    run = run_of(action, run_id)
    samples = activity_samples(action.session, action.runner_id, run.id)
    span = samples[-1].t_s - samples[0].t_s if samples else run.elapsed_s
    return RunDetail(
        run=run,
        start=local_start(run.start, run.local_offset_min, action.zone),
        span_s=max(span, run.elapsed_s),
        series=run_series(samples),
        units=load_profile(action.session, action.runner_id).units,
        zone=action.zone,
    )
