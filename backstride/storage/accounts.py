"""Web accounts in and out of the database: logins, password hashes and the admin flag."""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backstride.domain.accounts import Account
from backstride.storage.tables import AccountRow


def _account(row: AccountRow) -> Account:
    return Account(
        row.user_id,
        row.login,
        row.is_admin,
        row.disabled,
        row.created_at,
        row.password_changed_at,
        bool(row.is_clinician),
        row.alert_email,
    )


def count_accounts(session: Session) -> int:
    """How many accounts exist (none: the first visit creates the admin)."""
    return session.scalar(select(func.count()).select_from(AccountRow)) or 0


def account_by_login(session: Session, login: str) -> tuple[Account, str] | None:
    """The account with this login and its password hash, or None."""
    row = session.scalar(select(AccountRow).where(AccountRow.login == login))
    return None if row is None else (_account(row), row.password_hash)


def account_of(session: Session, user_id: str) -> Account | None:
    """The account of a user, or None (the CLI's local runner may have none)."""
    row = session.get(AccountRow, user_id)
    return None if row is None else _account(row)


def password_hash_of(session: Session, user_id: str) -> str | None:
    """The stored hash of an account's password."""
    row = session.get(AccountRow, user_id)
    return None if row is None else row.password_hash


def list_accounts(session: Session) -> list[Account]:
    """Every account, by login."""
    rows = session.scalars(select(AccountRow).order_by(AccountRow.login))
    return [_account(row) for row in rows]


def add_account(
    session: Session, user_id: str, login: str, password_hash: str, is_admin: bool, now: datetime
) -> Account:
    """Store a new account for an existing user."""
    row = AccountRow(
        user_id=user_id,
        login=login,
        password_hash=password_hash,
        is_admin=is_admin,
        disabled=False,
        created_at=now,
        password_changed_at=now,
        is_clinician=False,
        alert_email=None,
    )
    session.add(row)
    session.flush()
    return _account(row)


def set_password_hash(session: Session, user_id: str, password_hash: str, now: datetime) -> None:
    """Replace an account's password hash."""
    row = session.get(AccountRow, user_id)
    if row is not None:
        row.password_hash = password_hash
        row.password_changed_at = now
        session.flush()


def set_disabled(session: Session, user_id: str, disabled: bool) -> None:
    """Disable an account (it can no longer sign in) or enable it again."""
    row = session.get(AccountRow, user_id)
    if row is not None:
        row.disabled = disabled
        session.flush()


def set_admin(session: Session, user_id: str, is_admin: bool) -> None:
    """Make an account an admin, or no longer one."""
    row = session.get(AccountRow, user_id)
    if row is not None:
        row.is_admin = is_admin
        session.flush()


def set_clinician(session: Session, user_id: str, is_clinician: bool) -> None:
    """Mark an account as a clinician, or no longer one."""
    row = session.get(AccountRow, user_id)
    if row is not None:
        row.is_clinician = is_clinician
        session.flush()


def set_alert_email(session: Session, user_id: str, address: str | None) -> None:
    """Set (or clear, with None) where an account's care alerts are emailed."""
    row = session.get(AccountRow, user_id)
    if row is not None:
        row.alert_email = address
        session.flush()
