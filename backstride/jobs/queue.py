"""The job queue: huey on a SQLite file in the data folder, or on Redis for many workers."""

from huey import RedisHuey, SqliteHuey, crontab
from huey.api import Huey, TaskWrapper

from backstride.config import Settings, load_settings
from backstride.errors import InvalidInput

QUEUE_NAME = "backstride"
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")
_QUEUES: dict[str, tuple[Huey, TaskWrapper]] = {}


def _import_upload(job_id: str) -> None:
    """The queued task: import one job, with the settings of the worker's environment."""
    from backstride.jobs.import_job import run_import_job

    run_import_job(load_settings(), job_id)


def _hand_on_stale() -> None:
    """Every minute: queue again the jobs whose worker stopped (killed, or its machine gone)."""
    hand_on_stale_jobs(load_settings())


def is_embedded(settings: Settings) -> bool:
    """Whether the queue is the SQLite file in the data folder (no queue URL set)."""
    return not settings.queue_url


def job_queue(settings: Settings) -> tuple[Huey, TaskWrapper]:
    """The queue the settings name, with the import task registered on it (made once)."""
    url = settings.queue_url
    key = url or str(settings.queue_file)
    if key not in _QUEUES:
        huey: Huey
        if url:
            if not url.startswith(REDIS_SCHEMES):
                raise InvalidInput(
                    f"the setting BACKSTRIDE_QUEUE_URL={url!r} is not valid: give a redis:// "
                    "URL, or leave it unset for the SQLite queue in the data folder"
                )
            huey = RedisHuey(QUEUE_NAME, url=url, results=False)
        else:
            settings.data_dir.mkdir(parents=True, exist_ok=True)
            huey = SqliteHuey(QUEUE_NAME, filename=str(settings.queue_file), results=False)
        task = huey.task(name="import_upload")(_import_upload)
        huey.periodic_task(crontab(), name="hand_on_stale_jobs")(_hand_on_stale)
        _QUEUES[key] = (huey, task)
    return _QUEUES[key]


def queue_import(settings: Settings, job_id: str) -> None:
    """Put a job on the queue for a worker."""
    _, task = job_queue(settings)
    task(job_id)


def hand_on_stale_jobs(settings: Settings) -> int:
    """Queue again every job no live worker holds; how many."""
    from backstride.jobs.import_job import stale_job_ids

    found = stale_job_ids(settings)
    for job_id in found:
        queue_import(settings, job_id)
    return len(found)
