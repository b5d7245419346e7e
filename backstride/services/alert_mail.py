"""The email a care alert sends: which alerts are due, claiming one, and its words.

Privacy: email is not a secure channel. It passes through servers neither the runner nor the
clinician controls, is often stored unencrypted, and is read on shared screens and lock screens.
So the email says only that a client needs attention and links to the client page; what
happened, and even which client, is shown only after the clinician signs in, where the runner's
consent (the link and its scopes) is checked again and the read is audited.
"""

from datetime import datetime
from email.message import EmailMessage

from sqlalchemy.orm import Session

from backstride.storage.care_alerts import DueEmail, claim_email, due_emails, mark_emailed

MAX_ATTEMPTS = 3
"""An email that failed this many times is given up (the alert stays on the dashboard)."""
BATCH = 20
SUBJECT = "backstride: a client needs attention"


def claim_due_emails(session: Session, now: datetime) -> list[DueEmail]:
    """The alerts whose email this sender now holds (each claimed by one sender only)."""
    return [
        due
        for due in due_emails(session, now, MAX_ATTEMPTS, BATCH)
        if claim_email(session, due, now)
    ]


def note_email(session: Session, alert_id: str, sent: bool, now: datetime) -> None:
    """Mark an alert's email sent, or free it for a later try when sending failed."""
    mark_emailed(session, alert_id, now, sent)


def alert_message(due: DueEmail, sender: str, link_base: str | None) -> EmailMessage:
    """The email for one alert: no health details, no login, only a link to the client page."""
    message = EmailMessage()
    message["Subject"] = SUBJECT
    message["From"] = sender
    message["To"] = due.to
    where = (
        f"Open the client's page to see why: {link_base.rstrip('/')}/clients/{due.runner_id}"
        if link_base
        else "Sign in to backstride and open Your clients to see why."
    )
    message.set_content(
        "A client who shares their record with you in backstride needs attention.\n\n"
        f"{where}\n\n"
        "This email holds no details on purpose: they are on the page, after you sign in.\n"
    )
    return message
