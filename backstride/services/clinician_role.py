"""Who may act as a clinician: any account, unless the admin restricts it to marked ones.

Issue 18 lets any account be a clinician for the runners who link to it; the admin can limit
that to accounts marked as clinicians. With the limit on, an unmarked account cannot accept an
invitation, and the links it already has give nothing (the gate answers as for a stranger).
"""

from dataclasses import replace

from sqlalchemy.orm import Session

from backstride.domain.accounts import Account
from backstride.errors import NotAllowed
from backstride.services.accounts import admin_only, by_login
from backstride.storage.accounts import account_of, set_clinician
from backstride.storage.site_settings import set_site_setting, site_setting

ROLE_KEY = "clinician_role"
NOT_MARKED = (
    "only accounts the admin has marked as clinicians may be a runner's clinician here, and "
    "{login!r} is not marked: ask the admin to mark it as a clinician"
)


def clinicians_restricted(session: Session) -> bool:
    """Whether only accounts marked as clinicians may act as one (off by default)."""
    return bool(site_setting(session, ROLE_KEY, {"restricted": False}).get("restricted", False))


def set_clinicians_restricted(session: Session, actor: Account, restricted: bool) -> None:
    """Restrict the clinician role to marked accounts, or open it to all; only the admin may."""
    admin_only(actor)
    set_site_setting(session, ROLE_KEY, {"restricted": restricted})


def may_be_clinician(session: Session, user_id: str) -> bool:
    """Whether this account may act as a clinician now."""
    if not clinicians_restricted(session):
        return True
    account = account_of(session, user_id)
    return account is not None and account.is_clinician


def check_may_be_clinician(session: Session, user_id: str) -> None:
    """Pass, or NotAllowed with what to do (for accepting an invitation)."""
    if not may_be_clinician(session, user_id):
        account = account_of(session, user_id)
        raise NotAllowed(NOT_MARKED.format(login=account.login if account else "LOGIN"))


def mark_clinician(session: Session, login: str, marked: bool) -> Account:
    """Mark an account as a clinician (or take the mark away), by login."""
    found = by_login(session, login)
    set_clinician(session, found.user_id, marked)
    return replace(found, is_clinician=marked)
