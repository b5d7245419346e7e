"""The audit trail of clinician access to a runner's data: added to, read, never edited."""

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backstride.domain.care import SCOPES, AuditEntry, Scope
from backstride.storage.tables import CareAuditRow


def _scope(value: str) -> Scope:
    return next(scope for scope in SCOPES if scope == value)


def add_audit_entry(
    session: Session,
    runner_id: str,
    clinician: tuple[str, str],
    scope: Scope,
    what: str,
    change: bool,
    now: datetime,
) -> None:
    """Note that a clinician (id, login) read or changed this scope of the runner's data."""
    clinician_id, login = clinician
    session.add(
        CareAuditRow(
            id=str(uuid.uuid4()),
            user_id=runner_id,
            at=now,
            clinician_id=clinician_id,
            clinician_login=login[:64],
            scope=scope,
            change=change,
            what=what[:200],
        )
    )
    session.flush()


def audit_entries(session: Session, runner_id: str, limit: int = 500) -> list[AuditEntry]:
    """The runner's trail, newest first."""
    rows = session.scalars(
        select(CareAuditRow)
        .where(CareAuditRow.user_id == runner_id)
        .order_by(CareAuditRow.at.desc(), CareAuditRow.id)
        .limit(limit)
    )
    return [
        AuditEntry(
            row.id,
            row.at,
            row.clinician_id,
            row.clinician_login,
            _scope(row.scope),
            row.change,
            row.what,
        )
        for row in rows
    ]
