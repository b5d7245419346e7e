"""Schemathesis over the whole OpenAPI schema, in process: no request it makes gets a 5xx.

The runner has a screening, a pain entry and a run, and the calls carry her read-write token;
each operation gets a few examples that fit the schema and a few that do not, and those with
an id in the path are tried with her real ids too. Deleting everything runs last.
"""

from collections import Counter
from datetime import timedelta
from typing import Any

import schemathesis
from api_calls import (
    bearer,
    link_clinician,
    runner_with_data,
    with_programme_change,
    with_session,
)
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.core.result import Ok
from schemathesis.python import asgi
from web_client import another_browser, web_app

EXAMPLES = 25
"""Examples per operation and mode: small, so that the whole run stays well under a minute."""
DEADLINE = timedelta(seconds=5)
"""Longest one example may take (a request to the in-process app is milliseconds)."""


def _exercise(
    operation: Any, mode: GenerationMode, headers: dict[str, str], seen: Counter[str], **fixed: Any
) -> list[str]:
    """Run a few examples of one operation; the ones that got a server error."""
    server_errors: list[str] = []
    strategy = operation.as_strategy(generation_mode=mode, **fixed)

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES,
        deadline=DEADLINE,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def call(case: Any) -> None:
        response = case.call(headers=headers)
        seen[f"{response.status_code // 100}xx"] += 1
        seen["examples"] += 1
        if response.status_code >= 500:
            server_errors.append(
                f"{operation.method.upper()} {operation.path} {mode}: {response.status_code} "
                f"for {case.path_parameters} {case.query} {str(case.body)[:200]}"
            )

    call()
    return server_errors


def test_schemathesis_finds_no_server_error_in_any_operation() -> None:
    with web_app() as browser:
        anna = with_session(runner_with_data(browser, "anna"))
        cleo = runner_with_data(another_browser(browser), "cleo")
        anna = link_clinician(anna, cleo, ["screening", "runs_load", "programme"])
        anna = with_programme_change(anna, cleo)
        link_clinician(cleo, anna, ["pain_sessions"])  # anna is cleo's clinician too
        hurt = cleo.call("POST", "/api/v1/pain-entries", json={"score": 8, "when": "evening"})
        assert hurt.status_code == 201, hurt.text
        alert_id = anna.call("GET", "/api/v1/alerts").json()[0]["id"]
        app = browser.app
    ids = {"screening_id": anna.screening_id, "entry_id": anna.pain_id, "run_id": anna.run_id}
    ids["session_id"] = anna.session_id
    ids["job_id"] = anna.job_id
    ids |= {"runner_id": anna.user_id, "link_id": anna.link_id, "change_id": anna.change_id}
    ids["exercise_id"] = "bird-dog"
    ids["alert_id"] = alert_id
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result.err()  # every operation of the schema loads
        operations.append(result.ok())
    operations.sort(key=lambda op: (op.method.upper(), op.path) == ("DELETE", "/api/v1/data"))
    headers = bearer(anna.token)
    seen: Counter[str] = Counter()
    server_errors: list[str] = []
    try:
        for operation in operations:
            names = [p.name for p in operation.path_parameters]
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                server_errors += _exercise(operation, mode, headers, seen)
            if names:
                real = {name: ids[name] for name in names}
                server_errors += _exercise(
                    operation, GenerationMode.POSITIVE, headers, seen, path_parameters=real
                )
    finally:
        asgi.shutdown_lifespans()
    print(f"schemathesis: {len(operations)} operations, {dict(seen)}")
    assert len(operations) == 47
    assert seen["examples"] >= len(operations) * 2
    assert seen["2xx"] > 0 and seen["4xx"] > 0
    assert server_errors == []
