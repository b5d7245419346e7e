"""The web app in tests: a TestClient on the test's own database, and the steps users take."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import httpx2
from fastapi.testclient import TestClient

from backstride.config import load_settings
from backstride.storage.database import Database
from backstride.web.app import create_app
from backstride.web.auth import FORM_COOKIE, SESSION_COOKIE

PASSWORD = "a calm back on long runs"


class FakeClock:
    """A clock tests move by hand (sessions age without waiting)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@contextmanager
def web_app(
    clock: FakeClock | None = None, base_url: str = "http://testserver", **env: str
) -> Iterator[TestClient]:
    """The app on this test's database (SQLite, or PostgreSQL in CI), started and stopped."""
    settings = load_settings({**_environment(), **env})
    app = create_app(settings, clock or FakeClock())
    with TestClient(app, base_url=base_url, follow_redirects=False) as client:
        yield client


def _environment() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k.startswith("BACKSTRIDE_")}


def another_browser(client: TestClient) -> TestClient:
    """A second browser on the same running app, with cookies of its own."""
    return TestClient(client.app, base_url=str(client.base_url), follow_redirects=False)


def form_token(client: TestClient, path: str = "/login") -> str:
    """The form token the browser holds, fetching a page first if it has none yet."""
    if FORM_COOKIE not in client.cookies:
        client.get(path, follow_redirects=True)
    return client.cookies[FORM_COOKIE]


def post_form(client: TestClient, path: str, **fields: str) -> httpx2.Response:
    """Send a form the way a page of this site would, with the browser's form token."""
    data = {"form_token": form_token(client), **fields}
    return client.post(path, data=data, headers={"origin": str(client.base_url)})


def sign_up(client: TestClient, login: str, password: str = PASSWORD) -> None:
    """The first visitor sets up the admin; later ones register. Leaves the browser signed in."""
    path = "/setup" if client.get("/").headers.get("location") == "/setup" else "/register"
    response = post_form(client, path, login=login, password=password, time_zone="UTC")
    assert response.status_code == 303, response.text
    assert SESSION_COOKIE in client.cookies


def sign_in(client: TestClient, login: str, password: str = PASSWORD) -> httpx2.Response:
    """Sign in through the form; returns the response."""
    return post_form(client, "/login", login=login, password=password)


def database_of(client: TestClient) -> "Database":
    """The database the running app opened."""
    database: Database = client.app.state.database  # type: ignore[attr-defined]
    return database


def screen_as(client: TestClient, login: str, answers: dict[str, object]) -> None:
    """Record a screening for an account straight through the service (the wizard comes later)."""
    from backstride.domain.screening import screen
    from backstride.domain.screening_answers import ScreeningAnswers
    from backstride.services.context import Action
    from backstride.services.screening import record_screening
    from backstride.storage.accounts import account_by_login

    clock = client.app.state.clock  # type: ignore[attr-defined]
    with database_of(client).transaction() as session:
        found = account_by_login(session, login)
        assert found is not None
        user_id = found[0].user_id
        action = Action(session, user_id, user_id, clock())
        record_screening(action, screen(ScreeningAnswers.model_validate(answers)), "screen")


def route_table(routes: list[object], prefix: str = "") -> set[tuple[str, str]]:
    """Every (method, path) the app answers, through included routers (mounts as MOUNT)."""
    found: set[tuple[str, str]] = set()
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            context = route.include_context  # type: ignore[attr-defined]
            found |= route_table(list(included.routes), prefix + context.prefix)
            continue
        path = prefix + str(getattr(route, "path", ""))
        methods = getattr(route, "methods", None)
        if methods is None:
            found.add(("MOUNT", path))
        else:
            found |= {(method, path) for method in methods if method != "HEAD"}
    return found
