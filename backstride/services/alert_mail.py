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

from backstride.errors import InvalidInput
from backstride.storage.accounts import set_alert_email
from backstride.storage.care_alerts import DueEmail, claim_email, due_emails, mark_emailed

MAX_ATTEMPTS = 3
"""An email that failed this many times is given up (the alert stays on the dashboard)."""
BATCH = 20
SUBJECT = "backstride: a client needs attention"
ADDRESS_MAX_CHARS = 254  # RFC 5321's limit on a forward path


def checked_address(typed: str) -> str | None:
    """An email address as typed (None when blank); InvalidInput naming it when it is not one."""
    address = typed.strip()
    if not address:
        return None
    name, at, domain = address.rpartition("@")
    if (
        not at
        or not name
        or "." not in domain
        or len(address) > ADDRESS_MAX_CHARS
        or any(c.isspace() or c in '<>,;"' for c in address)
    ):
        raise InvalidInput(
            f"{address[:60]!r} is not an email address: give one like name@example.org "
            f"(at most {ADDRESS_MAX_CHARS} characters), or leave it empty for no email",
            field="alert_email",
        )
    return address


def set_alert_address(session: Session, user_id: str, typed: str) -> str | None:
    """Where this account's care alerts are emailed (blank: nowhere); the address kept."""
    address = checked_address(typed)
    set_alert_email(session, user_id, address)
    return address


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
