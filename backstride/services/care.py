"""Care links as the runner keeps them: invite a clinician, change scopes, revoke; and accepting.

An invitation code is 128 random bits shown once; only its SHA-256 is stored, it works once and
ends after seven days (domain.care.INVITE_DAYS), like the admin's registration links. Only the
runner acting on their own data manages their links: a clinician cannot widen their own access.
The other way round, a clinician's link request the runner accepts, is services/care_requests.py;
both end in grant_link.
"""

import secrets
from collections.abc import Iterable
from dataclasses import replace
from datetime import timedelta

from backstride.domain.care import INVITE_DAYS, AuditEntry, CareLink, Scope, checked_scopes
from backstride.errors import InvalidInput, NotFound
from backstride.services.accounts import session_hash
from backstride.services.clinician_role import check_may_be_clinician, may_be_clinician
from backstride.services.context import Action
from backstride.storage.accounts import account_of
from backstride.storage.care_audit import audit_entries
from backstride.storage.care_links import (
    add_care_invite,
    add_care_link,
    clinician_care_links,
    live_care_link,
    open_care_invites,
    revoke_care_link,
    runner_care_links,
    set_care_scopes,
    take_care_invite,
)

CODE_PREFIX = "care_"
REQUEST_PREFIX = "carereq_"
"""A clinician's link request (services/care_requests.py): never taken for an invitation."""
NOT_AN_INVITATION = (
    "this code is a clinician's link request, not a runner's invitation: the runner enters it "
    "on their care page, under 'A clinician asked you to link them'"
)
INVITE_GONE = (
    "this care invitation code is not valid: it was used already, has expired, or was mistyped; "
    "ask the runner for a new one"
)


def _own(action: Action) -> None:
    """Only the runner manages their links (a clinician sees what theirs are, nothing more)."""
    if action.actor_id != action.runner_id:
        raise NotFound("no care links here")


def invite_clinician(action: Action, scopes: Iterable[str]) -> str:
    """A new invitation code for a clinician, with these scopes (shown once)."""
    _own(action)
    chosen = checked_scopes(scopes)
    code = CODE_PREFIX + secrets.token_urlsafe(16)
    expires = action.now + timedelta(days=INVITE_DAYS)
    add_care_invite(
        action.session, session_hash(code), action.runner_id, chosen, action.now, expires
    )
    return code


def accept_invitation(action: Action, code: str) -> CareLink:
    """The signed-in clinician accepts a runner's code: a live link with its scopes."""
    check_may_be_clinician(action.session, action.actor_id)
    typed = code.strip()
    if typed.startswith(REQUEST_PREFIX):
        raise InvalidInput(NOT_AN_INVITATION, field="code")
    if not typed.startswith(CODE_PREFIX) or len(typed) > 80:
        raise InvalidInput(INVITE_GONE, field="code")
    taken = take_care_invite(action.session, session_hash(typed), action.now)
    if taken is None:
        raise InvalidInput(INVITE_GONE, field="code")
    runner_id, scopes = taken
    if runner_id == action.actor_id:
        raise InvalidInput(
            "this is your own invitation: send the code to your clinician to accept", field="code"
        )
    return grant_link(action, runner_id, action.actor_id, scopes)


def grant_link(
    action: Action, runner_id: str, clinician_id: str, scopes: frozenset[Scope]
) -> CareLink:
    """A live link runner to clinician with exactly these scopes, with both logins: the live one
    changed when there is one already, else a new one (an accepted invitation or link request)."""
    existing = live_care_link(action.session, runner_id, clinician_id)
    if existing is not None:
        link = set_care_scopes(action.session, runner_id, existing.id, scopes)
        assert link is not None
    else:
        link = add_care_link(action.session, runner_id, clinician_id, scopes, action.now)
    logins = login_of(action, runner_id), login_of(action, clinician_id)
    return replace(link, runner_login=logins[0], clinician_login=logins[1])


def care_links(action: Action) -> list[CareLink]:
    """Every link the runner made, live and revoked, oldest first."""
    _own(action)
    return runner_care_links(action.session, action.runner_id)


def open_invitations(action: Action) -> int:
    """How many of the runner's invitations are still unused and unexpired."""
    _own(action)
    return len(open_care_invites(action.session, action.runner_id, action.now))


def change_scopes(action: Action, link_id: str, scopes: Iterable[str]) -> CareLink:
    """Give a live link these scopes; in force from the clinician's next request."""
    _own(action)
    changed = set_care_scopes(action.session, action.runner_id, link_id, checked_scopes(scopes))
    if changed is None:
        raise NotFound(f"no live care link {link_id[:40]!r} among yours")
    return changed


def revoke_link(action: Action, link_id: str) -> CareLink:
    """End a link at once; it stays listed as revoked, and its audit trail stays."""
    _own(action)
    revoked = revoke_care_link(action.session, action.runner_id, link_id, action.now)
    if revoked is None:
        raise NotFound(f"no care link {link_id[:40]!r} among yours")
    return revoked


def care_audit(action: Action) -> list[AuditEntry]:
    """The runner's audit trail of clinician reads and changes, newest first."""
    _own(action)
    return audit_entries(action.session, action.runner_id)


def my_clients(action: Action) -> list[CareLink]:
    """The runners who link to the acting account, with the scopes each gives (none while the
    admin restricts the clinician role and the account is not marked as one)."""
    if not may_be_clinician(action.session, action.actor_id):
        return []
    return clinician_care_links(action.session, action.actor_id)


def login_of(action: Action, user_id: str) -> str:
    """An account's login (for headings), or the id when it has no web account."""
    account = account_of(action.session, user_id)
    return account.login if account is not None else user_id
