"""Alert emails against a real SMTP server on 127.0.0.1 (aiosmtpd) that each test starts: sent
once, after the event is stored, to the clinician's address, with no health details; a server
that is down loses nothing and fails no request."""

import email
import email.policy
import logging
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from api_calls import API, Runner, link_clinician, runner_with_data
from sqlalchemy import select
from web_client import another_browser, database_of, post_form, web_app

from backstride.storage.tables import CareAlertRow

PUBLIC = "https://care.example"


class Inbox:
    """An SMTP handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append((list(envelope.rcpt_tos), envelope.content.decode("utf-8")))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server(port: int) -> Iterator[Inbox]:
    """A real SMTP server on 127.0.0.1 at this port while the block runs."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


def _mail_env(port: int) -> dict[str, str]:
    return {
        "BACKSTRIDE_SMTP_HOST": "127.0.0.1",
        "BACKSTRIDE_SMTP_PORT": str(port),
        "BACKSTRIDE_SMTP_STARTTLS": "false",
        "BACKSTRIDE_SMTP_FROM": "alerts@care.example",
        "BACKSTRIDE_PUBLIC_URL": PUBLIC,
    }


def _anna_and_cleo(browser: Any) -> tuple[Runner, Runner]:
    anna = runner_with_data(browser, "anna")
    cleo = runner_with_data(another_browser(browser), "cleo")
    anna = link_clinician(anna, cleo, ["pain_sessions"])
    saved = post_form(cleo.browser, "/account/alert-email", alert_email="cleo@clinic.example")
    assert saved.status_code == 303, saved.text
    return anna, cleo


def _pain(runner: Runner, score: int, note: str = "") -> None:
    logged = runner.call(
        "POST", f"{API}/pain-entries", json={"score": score, "when": "evening", "note": note}
    )
    assert logged.status_code == 201, logged.text


def _alert_row(browser: Any) -> CareAlertRow:
    with database_of(browser).transaction(write=False) as session:
        rows = list(session.scalars(select(CareAlertRow)))
    assert len(rows) == 1
    return rows[0]


def test_an_alert_email_arrives_once_at_the_clinician_with_no_health_details() -> None:
    port = _free_port()
    with smtp_server(port) as inbox, web_app(None, **_mail_env(port)) as browser:
        anna, _ = _anna_and_cleo(browser)
        _pain(anna, 8, note="sciatica flare after the long run")
        assert len(inbox.messages) == 1
        recipients, text = inbox.messages[0]
        message = email.message_from_string(text, policy=email.policy.default)
        assert recipients == ["cleo@clinic.example"] and message["To"] == "cleo@clinic.example"
        assert message["Subject"] == "backstride: a client needs attention"
        body = message.get_content()
        assert f"{PUBLIC}/clients/{anna.user_id}" in body
        body = body.replace(anna.user_id, "") + message["Subject"]
        for detail in ("anna", "8", "pain", "sciatica", "leg", "urgent", "emergency"):
            assert detail not in body.lower(), detail
        _pain(anna, 2)  # another change: the email already went out
        assert len(inbox.messages) == 1
        assert _alert_row(browser).emailed_at is not None


def test_a_clinician_without_an_address_gets_no_email() -> None:
    port = _free_port()
    with smtp_server(port) as inbox, web_app(None, **_mail_env(port)) as browser:
        anna = runner_with_data(browser, "anna")
        cleo = runner_with_data(another_browser(browser), "cleo")
        link_clinician(anna, cleo, ["pain_sessions"])  # cleo gave no address
        _pain(anna, 9)
        assert inbox.messages == []
        assert _alert_row(browser).emailed_at is None


def test_without_smtp_settings_nothing_is_sent_and_nothing_fails() -> None:
    with web_app() as browser:
        anna, _ = _anna_and_cleo(browser)
        _pain(anna, 9)
        assert _alert_row(browser).emailed_at is None


def test_a_server_that_is_down_loses_nothing_and_the_email_goes_out_later(
    caplog: pytest.LogCaptureFixture,
) -> None:
    port = _free_port()  # nothing listens here yet
    with web_app(None, **_mail_env(port)) as browser:
        anna, cleo = _anna_and_cleo(browser)
        with caplog.at_level(logging.WARNING, logger="backstride.jobs.alert_mail"):
            _pain(anna, 8)
        assert any("email not sent" in record.getMessage() for record in caplog.records)
        row = _alert_row(browser)
        assert row.emailed_at is None and row.email_attempts == 1
        page = cleo.browser.get("/clients")
        assert page.status_code == 200 and "pain 8/10" in page.text
        with smtp_server(port) as inbox:
            _pain(anna, 1)  # the next change sends what is due
            _pain(anna, 1)
        assert [to for to, _ in inbox.messages] == [["cleo@clinic.example"]]
        assert _alert_row(browser).emailed_at is not None
