"""Care-alert emails go out once a changing request has been answered (when SMTP is set up).

ASGI middleware: after the response to a POST, PUT, PATCH or DELETE has been sent, any alert
email due is sent from a worker thread, so the event's own transaction has committed and its
answer never waits on, or fails with, the mail server. The link in the email uses
BACKSTRIDE_PUBLIC_URL only, never the request's Host header, which the sender controls (a runner
could otherwise point their clinician's email at another site); unset, the email has no link.
"""

import logging

import anyio
from starlette.types import ASGIApp, Receive, Scope, Send

from backstride.config import MailSettings
from backstride.jobs.alert_mail import deliver_alert_emails
from backstride.web.guards import SAFE_METHODS

logger = logging.getLogger(__name__)


class AlertMail:
    """ASGI middleware that sends the due alert emails after each changing request."""

    def __init__(self, app: ASGIApp, mail: MailSettings, public_url: str | None) -> None:
        self.app = app
        self.mail = mail
        self.public_url = public_url

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            return
        app = scope["app"]
        try:
            await anyio.to_thread.run_sync(
                deliver_alert_emails,
                app.state.database,
                self.mail,
                self.public_url,
                app.state.clock(),
            )
        except Exception:  # never let the mail server turn an answered request into an error
            logger.exception("care alert emails not sent")
