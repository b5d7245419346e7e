"""The REST API in tests: tokens made through the account page, and runners with some data."""

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx2
from fastapi.testclient import TestClient
from screening_base import CALM
from web_client import another_browser, database_of, post_form, sign_up

API = "/api/v1"
RUN_FILE = Path(__file__).parent / "data" / "activities" / "fitparse_garmin-fenix-5-run.fit"
SECRET = re.compile(r'value="(bst_[A-Za-z0-9_-]+)"')


def make_token(browser: TestClient, scope: str = "read-write", name: str = "a script") -> str:
    """Make a token on the account page and return its secret, shown this once."""
    made = post_form(browser, "/account/tokens", name=name, scope=scope)
    assert made.status_code == 201, made.text
    found = SECRET.search(made.text)
    assert found is not None
    return found.group(1)


def bearer(token: str) -> dict[str, str]:
    """The header a program sends with its token."""
    return {"authorization": f"Bearer {token}"}


@dataclass(frozen=True)
class Runner:
    """A runner with a screening, a pain entry and a run, and a program holding their tokens."""

    login: str
    browser: TestClient
    program: TestClient
    """A client without cookies: it sends only the token."""
    token: str
    read_token: str
    screening_id: str
    pain_id: str
    run_id: str
    job_id: str
    """A queued import of theirs (never run)."""
    session_id: str = ""
    """A started guided session, when a test started one (with_session)."""
    user_id: str = ""
    link_id: str = ""
    """One of the runner's care links, once a test has made one (link_clinician)."""
    alert_id: str = ""
    """A care alert about the runner, for their clinician, once a test has raised one."""
    change_id: str = ""
    """A programme change a clinician made for the runner (with_programme_change)."""

    def call(
        self, method: str, path: str, *, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> httpx2.Response:
        """A request with the read-write token."""
        sent = {**bearer(self.token), **(headers or {})}
        return self.program.request(method, path, headers=sent, **kwargs)

    def export(self) -> dict[str, object]:
        """Everything the runner has, without the moment it was exported."""
        document = self.call("GET", f"{API}/export").json()
        assert isinstance(document, dict)
        document.pop("exported_at")
        return document


def runner_with_data(browser: TestClient, login: str, note: str = "after the hills") -> Runner:
    """Sign a runner up in this browser and record some data through the API."""
    sign_up(browser, login)
    token = make_token(browser)
    read_token = make_token(browser, "read", "a dashboard")
    program = another_browser(browser)
    headers = bearer(token)
    screened = program.post(f"{API}/screenings", json=CALM, headers=headers)
    assert screened.status_code == 201, screened.text
    screening_id = program.get(f"{API}/screenings", headers=headers).json()[0]["id"]
    logged = program.post(
        f"{API}/pain-entries", json={"score": 3, "when": "morning", "note": note}, headers=headers
    )
    assert logged.status_code == 201, logged.text
    imported = program.post(
        f"{API}/imports",
        params={"name": RUN_FILE.name},
        content=RUN_FILE.read_bytes(),
        headers={**headers, "content-type": "application/octet-stream"},
    )
    assert imported.status_code == 200 and imported.json()[0]["outcome"] == "imported", (
        imported.text
    )
    runs = program.get(f"{API}/runs", headers=headers).json()
    job_id = queued_import(browser, login)
    return Runner(
        login,
        browser,
        program,
        token,
        read_token,
        screening_id,
        logged.json()["id"],
        runs[0]["id"],
        job_id,
        user_id=_user_id(browser, login),
    )


def with_session(runner: Runner) -> Runner:
    """The runner with a guided session started (open, not reported yet)."""
    started = runner.call("POST", f"{API}/sessions", json={"minutes": 10})
    assert started.status_code == 201, started.text
    return replace(runner, session_id=started.json()["id"])


def queued_import(browser: TestClient, login: str) -> str:
    """A queued import of the run file for an account, made through the service."""
    import hashlib
    from datetime import UTC, datetime

    from web_client import database_of

    from backstride.services.context import Action
    from backstride.services.import_jobs import start_import_job
    from backstride.services.uploads import Upload
    from backstride.storage.accounts import account_by_login

    data = RUN_FILE.read_bytes()
    kept = Upload(RUN_FILE.name, hashlib.sha256(data).hexdigest(), len(data))
    with database_of(browser).transaction() as session:
        found = account_by_login(session, login)
        assert found is not None
        user_id = found[0].user_id
        return start_import_job(Action(session, user_id, user_id, datetime.now(UTC)), [kept])


def _user_id(browser: TestClient, login: str) -> str:
    from backstride.storage.accounts import account_by_login

    with database_of(browser).transaction(write=False) as session:
        found = account_by_login(session, login)
    assert found is not None
    return found[0].user_id


def link_clinician(runner: Runner, clinician: Runner, scopes: list[str]) -> Runner:
    """The runner invites the clinician with these scopes and the clinician accepts."""
    made = runner.call("POST", f"{API}/care/invites", json={"scopes": scopes})
    assert made.status_code == 201, made.text
    taken = clinician.call("POST", f"{API}/care/accept", json={"code": made.json()["code"]})
    assert taken.status_code == 201, taken.text
    return replace(runner, link_id=taken.json()["id"])


def with_programme_change(runner: Runner, clinician: Runner) -> Runner:
    """The clinician, linked with the programme scope, pins an exercise for the runner."""
    made = clinician.call(
        "POST",
        f"{API}/clients/{runner.user_id}/programme-changes",
        json={"kind": "pin", "exercise_id": "squat", "reason": "strong legs"},
    )
    assert made.status_code == 201, made.text
    return replace(runner, change_id=made.json()["id"])
