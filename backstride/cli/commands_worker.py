"""The `worker` command: consumers of the job queue, which import large uploads."""

from typing import Annotated

import typer

commands = typer.Typer(rich_markup_mode=None)


@commands.command()
def worker(
    consumers: Annotated[
        int, typer.Option(min=1, max=64, help="Consumer processes (each imports one job).")
    ] = 2,
) -> None:
    """Import uploads queued by the web app (BACKSTRIDE_QUEUE_URL, else the data folder's queue)."""
    import logging

    from backstride.config import load_settings
    from backstride.jobs.import_job import close_job_databases
    from backstride.jobs.queue import hand_on_stale_jobs, job_queue
    from backstride.storage.database import Database

    settings = load_settings()
    # Migrate once here, so that the consumers never race to create the schema.
    Database(settings.effective_database_url, settings.limits).close()
    huey, _ = job_queue(settings)
    handed_on = hand_on_stale_jobs(settings)
    close_job_databases()  # the consumers fork: each opens its own connections
    huey.storage.close()
    where = settings.queue_url or str(settings.queue_file)
    print(
        f"backstride worker: {consumers} consumer(s) on {where}"
        + (f"; {handed_on} stopped job(s) queued again" if handed_on else "")
        + " (Ctrl-C stops them)",
        flush=True,
    )
    logging.basicConfig(level=logging.WARNING)
    huey.create_consumer(
        workers=consumers, worker_type="process", periodic=True, check_worker_health=True
    ).run()
