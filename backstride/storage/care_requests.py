"""A clinician's link requests in and out of the database, by their code's hash; taken once."""

import uuid
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from backstride.storage.tables import CareRequestRow


def add_care_request(
    session: Session, code_hash: str, clinician_id: str, now: datetime, expires_at: datetime
) -> None:
    """Store a new link request."""
    session.add(
        CareRequestRow(
            id=str(uuid.uuid4()),
            clinician_id=clinician_id,
            code_hash=code_hash,
            created_at=now,
            expires_at=expires_at,
            used_at=None,
        )
    )
    session.flush()


def open_care_request(session: Session, code_hash: str, now: datetime) -> str | None:
    """The clinician who made this request while it is unused and unexpired, else None
    (a look only: it takes nothing)."""
    return session.scalar(
        select(CareRequestRow.clinician_id).where(
            CareRequestRow.code_hash == code_hash,
            CareRequestRow.used_at.is_(None),
            CareRequestRow.expires_at > now,
        )
    )


def take_care_request(session: Session, code_hash: str, clinician_id: str, now: datetime) -> bool:
    """Mark the request used, in one UPDATE guarded by used_at: True for the one caller that
    took it, False when another took it first (a concurrent taker waits on the row, then
    finds it used) or it ended meanwhile."""
    taken = session.execute(
        update(CareRequestRow)
        .where(
            CareRequestRow.code_hash == code_hash,
            CareRequestRow.clinician_id == clinician_id,
            CareRequestRow.used_at.is_(None),
            CareRequestRow.expires_at > now,
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(taken, "rowcount", 0) == 1)


def open_care_requests(session: Session, clinician_id: str, now: datetime) -> int:
    """How many of a clinician's requests are still unused and unexpired."""
    found = session.scalar(
        select(func.count()).where(
            CareRequestRow.clinician_id == clinician_id,
            CareRequestRow.used_at.is_(None),
            CareRequestRow.expires_at > now,
        )
    )
    return int(found or 0)
