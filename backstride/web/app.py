"""The web app's factory: one Database on the app's state, the guards, the pages."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib.resources import files

import anyio.to_thread
from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from backstride import __version__
from backstride.config import Settings, load_settings
from backstride.jobs.in_process import QueueThread
from backstride.jobs.queue import is_embedded
from backstride.storage.database import Database
from backstride.web import health
from backstride.web.alert_mail import AlertMail
from backstride.web.api import schema as api_schema
from backstride.web.api.router import api_router
from backstride.web.auth import Clock
from backstride.web.errors import add_error_handlers
from backstride.web.guards import Guards
from backstride.web.pages import (
    accounts,
    cadence,
    calendar_feed,
    care,
    care_alerts,
    catalogue,
    journal,
    learn,
    load,
    plan,
    player,
    profile,
    programme,
    report,
    routine,
    runs,
    screening,
    today,
    tokens,
    uploads,
)


def utc_now() -> datetime:
    """The real clock, in UTC."""
    return datetime.now(UTC)


def create_app(
    settings: Settings, clock: Clock = utc_now, *, queue_consumer: bool = False
) -> FastAPI:
    """The app for these settings; its database opens at start-up and closes at shutdown.

    `clock` is read once per request for "now" (tests pass a fake one to age sessions);
    `queue_consumer` runs one consumer of the job queue in a thread while the app runs.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Few threads: SQLite writes one at a time, and a big pool made 32 clients slower
        # than one (ENGINEERING-NOTES.md, Web).
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.web_threads
        app.state.database = Database(settings.effective_database_url, settings.limits)
        consumer = QueueThread(settings) if queue_consumer else None
        if consumer is not None:
            consumer.start()
        try:
            yield
        finally:
            if consumer is not None:
                consumer.stop()
            app.state.database.close()

    app = FastAPI(
        title="backstride",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        max_body_size=settings.max_body_kb * 1024,
    )
    app.state.settings = settings
    app.state.clock = clock
    app.add_middleware(Guards)
    if settings.mail is not None:
        app.add_middleware(AlertMail, mail=settings.mail, public_url=settings.public_url)
    app.mount("/static", StaticFiles(directory=str(files("backstride.web") / "static")), "static")
    app.include_router(health.router)
    app.include_router(accounts.router)
    app.include_router(today.router)
    app.include_router(uploads.router)
    app.include_router(journal.router)
    app.include_router(catalogue.router)
    app.include_router(learn.router)
    app.include_router(screening.router)
    app.include_router(tokens.router)
    app.include_router(api_router)
    app.include_router(api_schema.router)
    app.include_router(routine.router)
    app.include_router(plan.router)
    app.include_router(profile.router)
    app.include_router(player.router)
    app.include_router(runs.router)
    app.include_router(load.router)
    app.include_router(cadence.router)
    app.include_router(report.router)
    app.include_router(calendar_feed.router)
    app.include_router(care.router)
    app.include_router(care_alerts.router)
    app.include_router(programme.router)
    add_error_handlers(app)
    return app


def app_from_environment() -> FastAPI:
    """The app the BACKSTRIDE_* settings describe: what `backstride serve` hands uvicorn."""
    settings = load_settings()
    return create_app(settings, queue_consumer=is_embedded(settings))
