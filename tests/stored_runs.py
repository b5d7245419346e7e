"""Runs stored straight into the test database, as an import would store them."""

from datetime import datetime

from backstride.cli.local_action import local_action
from backstride.domain.activity import Activity, Sample
from backstride.domain.activity_metrics import metrics
from backstride.storage.activities import save_activity


def store_activity(activity: Activity) -> None:
    """Save one activity with its metrics, keyed by its start time, at that moment."""
    with local_action(activity.start) as action:
        key = activity.start.isoformat().ljust(64, "0")[:64]
        save_activity(action.session, action.runner_id, activity, metrics(activity), key)


def store_run(start: datetime, km: float, minutes: float) -> None:
    """A steady run from a start and an end sample: distance and time, nothing else."""
    samples = (Sample(0.0, 0.0), Sample(minutes * 60, km * 1000))
    store_activity(
        Activity("test.gpx", "running", None, start, 0, minutes * 60, km * 1000, samples)
    )
