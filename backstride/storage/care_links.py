"""Care links and care invitations in and out of the database (invitations by their code's hash)."""

import uuid
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, aliased

from backstride.domain.care import CareLink, Scope, checked_scopes
from backstride.storage.tables import AccountRow, CareInviteRow, CareLinkRow


def _link(row: CareLinkRow, runner_login: str = "", clinician_login: str = "") -> CareLink:
    return CareLink(
        row.id,
        row.user_id,
        row.clinician_id,
        checked_scopes(str(scope) for scope in row.scopes),
        row.created_at,
        row.revoked_at,
        runner_login,
        clinician_login,
    )


def _ordered(scopes: frozenset[Scope]) -> list[str]:
    return sorted(scopes)


def add_care_link(
    session: Session, runner_id: str, clinician_id: str, scopes: frozenset[Scope], now: datetime
) -> CareLink:
    """Store a new live link."""
    row = CareLinkRow(
        id=str(uuid.uuid4()),
        user_id=runner_id,
        clinician_id=clinician_id,
        scopes=_ordered(scopes),
        created_at=now,
        revoked_at=None,
    )
    session.add(row)
    session.flush()
    return _link(row)


def live_care_link(session: Session, runner_id: str, clinician_id: str) -> CareLink | None:
    """The live link from this runner to this clinician, or None."""
    row = session.scalar(
        select(CareLinkRow).where(
            CareLinkRow.user_id == runner_id,
            CareLinkRow.clinician_id == clinician_id,
            CareLinkRow.revoked_at.is_(None),
        )
    )
    return None if row is None else _link(row)


def _listed(session: Session, where: object) -> list[CareLink]:
    runner = aliased(AccountRow)
    clinician = aliased(AccountRow)
    query = (
        select(CareLinkRow, runner.login, clinician.login)
        .outerjoin(runner, runner.user_id == CareLinkRow.user_id)
        .outerjoin(clinician, clinician.user_id == CareLinkRow.clinician_id)
        .where(where)  # type: ignore[arg-type]
        .order_by(CareLinkRow.created_at, CareLinkRow.id)
    )
    return [
        _link(row, a or row.user_id, b or row.clinician_id) for row, a, b in session.execute(query)
    ]


def runner_care_links(session: Session, runner_id: str) -> list[CareLink]:
    """Every link a runner made, live and revoked, oldest first, with both logins."""
    return _listed(session, CareLinkRow.user_id == runner_id)


def clinician_care_links(session: Session, clinician_id: str) -> list[CareLink]:
    """The live links runners made to this clinician, oldest first, with both logins."""
    return [
        link for link in _listed(session, CareLinkRow.clinician_id == clinician_id) if link.live
    ]


def _own_row(session: Session, runner_id: str, link_id: str) -> CareLinkRow | None:
    row = session.get(CareLinkRow, link_id)
    return row if row is not None and row.user_id == runner_id else None


def set_care_scopes(
    session: Session, runner_id: str, link_id: str, scopes: frozenset[Scope]
) -> CareLink | None:
    """Change a live link's scopes; None when the runner has no live link by that id."""
    row = _own_row(session, runner_id, link_id)
    if row is None or row.revoked_at is not None:
        return None
    row.scopes = _ordered(scopes)
    session.flush()
    return _link(row)


def revoke_care_link(
    session: Session, runner_id: str, link_id: str, now: datetime
) -> CareLink | None:
    """End a link (kept, marked revoked); None when the runner has no link by that id."""
    row = _own_row(session, runner_id, link_id)
    if row is None:
        return None
    if row.revoked_at is None:
        row.revoked_at = now
        session.flush()
    return _link(row)


def add_care_invite(
    session: Session,
    token_hash: str,
    runner_id: str,
    scopes: frozenset[Scope],
    now: datetime,
    expires_at: datetime,
) -> None:
    """Store a new care invitation."""
    session.add(
        CareInviteRow(
            token_hash=token_hash,
            user_id=runner_id,
            scopes=_ordered(scopes),
            created_at=now,
            expires_at=expires_at,
        )
    )
    session.flush()


def take_care_invite(
    session: Session, token_hash: str, now: datetime
) -> tuple[str, frozenset[Scope]] | None:
    """Use an invitation up: its runner and scopes when it was valid (it is gone either way).

    One DELETE whose row count decides: of two acceptances at once, the second waits on the row
    the first deleted, then deletes nothing and gets None, so one invitation makes one link."""
    row = session.get(CareInviteRow, token_hash)
    if row is None:
        return None
    found = (row.user_id, checked_scopes(str(scope) for scope in row.scopes))
    valid = now < row.expires_at
    session.expunge(row)
    gone = session.execute(
        delete(CareInviteRow)
        .where(CareInviteRow.token_hash == token_hash)
        .execution_options(synchronize_session=False)
    )
    return found if valid and getattr(gone, "rowcount", 0) == 1 else None


def open_care_invites(session: Session, runner_id: str, now: datetime) -> list[datetime]:
    """When each of a runner's unused, unexpired invitations ends."""
    rows = session.scalars(
        select(CareInviteRow.expires_at)
        .where(CareInviteRow.user_id == runner_id, CareInviteRow.expires_at > now)
        .order_by(CareInviteRow.expires_at)
    )
    return list(rows)
