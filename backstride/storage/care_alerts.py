"""Care alerts in and out of the database: one row per event and clinician, its email's state."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from backstride.domain.care import SCOPES, Scope
from backstride.domain.care_alerts import ALERT_KINDS, AlertKind, CareAlert
from backstride.storage.tables import AccountRow, CareAlertRow, CareLinkRow

EMAIL_LEASE = timedelta(minutes=10)
"""A claimed email not marked sent after this long (its sender died) may be claimed again."""


@dataclass(frozen=True, slots=True)
class DueEmail:
    """An alert whose email is to be sent: to whom, and the client page it points to."""

    alert_id: str
    to: str
    runner_id: str
    attempts: int


def _alert(row: CareAlertRow, runner_login: str) -> CareAlert:
    kind: AlertKind = next(k for k in ALERT_KINDS if k == row.kind)
    scope: Scope = next(s for s in SCOPES if s == row.scope)
    return CareAlert(
        row.id,
        row.user_id,
        runner_login or row.user_id,
        row.clinician_id,
        kind,
        row.source_id,
        scope,
        row.what,
        row.raised_at,
        row.acknowledged_at,
        row.emailed_at,
    )


def add_care_alert(
    session: Session,
    runner_id: str,
    clinician_id: str,
    event: tuple[AlertKind, str, Scope, str],
    now: datetime,
) -> bool:
    """Store an alert unless this event already raised one for this clinician; True if new.

    The unique key (clinician, runner, kind, source row) makes a second try a no-op, even when
    two transactions race: the loser's insert fails inside its own savepoint, nothing else.
    """
    kind, source_id, scope, what = event
    found = session.scalar(
        select(CareAlertRow.id).where(
            CareAlertRow.clinician_id == clinician_id,
            CareAlertRow.user_id == runner_id,
            CareAlertRow.kind == kind,
            CareAlertRow.source_id == source_id,
        )
    )
    if found is not None:
        return False
    row = CareAlertRow(
        id=str(uuid.uuid4()),
        user_id=runner_id,
        clinician_id=clinician_id,
        kind=kind,
        source_id=source_id,
        scope=scope,
        what=what[:200],
        raised_at=now,
        acknowledged_at=None,
        email_claimed_at=None,
        email_attempts=0,
        emailed_at=None,
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return False
    return True


def _live_alerts(clinician_id: str) -> object:
    """Alerts of this clinician whose client still links to them with the alert's scope."""
    link = aliased(CareLinkRow)
    return (
        select(CareAlertRow, AccountRow.login, link.scopes)
        .join(
            link,
            (link.user_id == CareAlertRow.user_id)
            & (link.clinician_id == CareAlertRow.clinician_id)
            & link.revoked_at.is_(None),
        )
        .outerjoin(AccountRow, AccountRow.user_id == CareAlertRow.user_id)
        .where(CareAlertRow.clinician_id == clinician_id)
    )


def clinician_alerts(
    session: Session, clinician_id: str, *, open_only: bool, limit: int = 200
) -> list[CareAlert]:
    """A clinician's alerts on live links whose scopes still cover them, newest first."""
    query = _live_alerts(clinician_id)
    if open_only:
        query = query.where(CareAlertRow.acknowledged_at.is_(None))  # type: ignore[attr-defined]
    query = query.order_by(  # type: ignore[attr-defined]
        CareAlertRow.raised_at.desc(), CareAlertRow.id
    )
    found = []
    for row, login, scopes in session.execute(query):
        if row.scope in scopes:
            found.append(_alert(row, login or ""))
        if len(found) >= limit:
            break
    return found


def acknowledge_care_alert(
    session: Session, clinician_id: str, alert_id: str, now: datetime
) -> CareAlert | None:
    """Mark one of the clinician's visible alerts seen (kept as it was if already); None if
    it is not theirs or no longer visible to them."""
    visible = {a.id: a for a in clinician_alerts(session, clinician_id, open_only=False)}
    alert = visible.get(alert_id)
    if alert is None:
        return None
    row = session.get(CareAlertRow, alert_id)
    assert row is not None
    if row.acknowledged_at is None:
        row.acknowledged_at = now
        session.flush()
    return _alert(row, alert.runner_login)


def due_emails(session: Session, now: datetime, max_attempts: int, limit: int) -> list[DueEmail]:
    """Unsent alerts whose clinician has an alert address, not claimed by a live sender."""
    query = (
        select(CareAlertRow, AccountRow.alert_email)
        .join(AccountRow, AccountRow.user_id == CareAlertRow.clinician_id)
        .where(
            CareAlertRow.emailed_at.is_(None),
            CareAlertRow.email_attempts < max_attempts,
            AccountRow.alert_email.is_not(None),
            or_(
                CareAlertRow.email_claimed_at.is_(None),
                CareAlertRow.email_claimed_at < now - EMAIL_LEASE,
            ),
        )
        .order_by(CareAlertRow.raised_at, CareAlertRow.id)
        .limit(limit)
    )
    return [
        DueEmail(row.id, str(to), row.user_id, row.email_attempts)
        for row, to in session.execute(query)
    ]


def claim_email(session: Session, due: DueEmail, now: datetime) -> bool:
    """Take an alert's email for this sender; False when another sender took it first."""
    taken = session.execute(
        update(CareAlertRow)
        .where(
            CareAlertRow.id == due.alert_id,
            CareAlertRow.emailed_at.is_(None),
            CareAlertRow.email_attempts == due.attempts,
        )
        .values(email_claimed_at=now, email_attempts=due.attempts + 1)
    )
    return bool(getattr(taken, "rowcount", 0) == 1)


def mark_emailed(session: Session, alert_id: str, now: datetime, sent: bool) -> None:
    """Note the email went out; or, when it failed, free the claim for a later try."""
    values = {"emailed_at": now} if sent else {"email_claimed_at": None}
    session.execute(update(CareAlertRow).where(CareAlertRow.id == alert_id).values(**values))
