"""Sending care-alert emails after the event's transaction has committed, over SMTP (smtplib).

Called once a request that may have raised alerts is answered: the event is stored whatever
happens here. A failing server is logged and leaves the alert on the dashboard, its email freed
for the next try (services/alert_mail.py gives up after a few).
"""

import logging
import smtplib
import ssl
from datetime import datetime
from email.message import EmailMessage

from backstride.config import MailSettings
from backstride.services.alert_mail import alert_message, claim_due_emails, note_email
from backstride.storage.database import Database

logger = logging.getLogger(__name__)


def send_email(mail: MailSettings, message: EmailMessage) -> None:
    """Hand one message to the SMTP server (STARTTLS and sign-in when the settings ask)."""
    with smtplib.SMTP(mail.host, mail.port, timeout=mail.timeout_s) as server:
        if mail.starttls:
            server.starttls(context=ssl.create_default_context())
        if mail.user and mail.password is not None:
            server.login(mail.user, mail.password)
        server.send_message(message)


def deliver_alert_emails(
    database: Database, mail: MailSettings, link_base: str | None, now: datetime
) -> tuple[int, int]:
    """Send every due alert email once; how many were sent and how many failed."""
    with database.transaction() as session:
        claimed = claim_due_emails(session, now)
    sent = failed = 0
    for due in claimed:
        try:
            send_email(mail, alert_message(due, mail.sender, link_base))
        except (OSError, smtplib.SMTPException) as error:
            failed += 1
            logger.warning(
                "care alert %s: email not sent (%s): it stays on the dashboard", due.alert_id, error
            )
            ok = False
        else:
            sent += 1
            ok = True
        with database.transaction() as session:
            note_email(session, due.alert_id, ok, now)
    return sent, failed
