"""Web accounts: the first account, registration, sign-in with throttling, sessions, deletion.

Session ids are 256-bit random values the browser keeps in a cookie; only their SHA-256 is
stored, so a copy of the database signs nobody in. Unknown login and wrong password give the
same message and take as long (a decoy hash is checked), so no one can probe for accounts.
"""

import hashlib
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy.orm import Session

from backstride.config import SignInPolicy
from backstride.domain.accounts import Account, SignedIn, checked_password, login_name
from backstride.domain.local_time import zone_named
from backstride.domain.profile import Profile
from backstride.errors import Conflict, InvalidInput, NotAllowed, SignInFailed, Throttled
from backstride.services.passwords import decoy_hash, password_hash, password_matches
from backstride.storage.accounts import (
    account_by_login,
    account_of,
    add_account,
    count_accounts,
    list_accounts,
    password_hash_of,
    set_admin,
    set_disabled,
    set_password_hash,
)
from backstride.storage.api_tokens import delete_api_tokens
from backstride.storage.invites import add_invite, forget_invites, open_invites, take_invite
from backstride.storage.login_attempts import (
    add_failed_login,
    failed_logins_since,
    forget_failed_logins,
)
from backstride.storage.profiles import load_profile, save_profile
from backstride.storage.site_settings import set_site_setting, site_setting
from backstride.storage.users import LOCAL_HANDLE, delete_user, ensure_user, user_id_of
from backstride.storage.web_sessions import (
    add_web_session,
    end_web_session,
    end_web_session_by_key,
    end_web_sessions,
    list_web_sessions,
    touch_web_session,
    web_session,
)

SIGN_IN_FAILED = "that login and password do not match an account"
TOUCH_EVERY = timedelta(minutes=1)
"""A session's last-seen time is written at most this often, not on every request."""
REGISTRATION_KEY = "registration"
INVITE_LASTS = timedelta(days=7)
INVITE_GONE = (
    "this invitation link is not valid: it was used already, has expired, or was ended; ask "
    "the admin for a new one"
)


@dataclass(frozen=True, slots=True)
class SignIn:
    """A new signed-in session: the secret for the cookie (shown once) and its account."""

    token: str
    account: Account


@dataclass(frozen=True, slots=True)
class Current:
    """The account behind a request's session cookie, and that session's stored hash."""

    account: Account
    session_hash: str


def session_hash(token: str) -> str:
    """What is stored for a session id: its SHA-256, in hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def needs_first_account(session: Session) -> bool:
    """True until the first account (the admin) exists."""
    return count_accounts(session) == 0


def registration_open(session: Session) -> bool:
    """Whether anyone may create an account (the admin decides; open by default)."""
    return bool(site_setting(session, REGISTRATION_KEY, {"open": True}).get("open", True))


def set_registration(session: Session, actor: Account, open_: bool) -> None:
    """Open or close registration; only the admin may."""
    admin_only(actor)
    set_site_setting(session, REGISTRATION_KEY, {"open": open_})


def create_account(
    session: Session,
    login: str,
    password: str,
    now: datetime,
    *,
    time_zone: str | None = None,
    by_machine: bool = False,
    invite: str | None = None,
) -> Account:
    """A new account with its own runner; the first one is the admin.

    The first account takes over the command line's local runner when it exists, so what was
    recorded on this machine before the web app is theirs. After that, registration must be
    open, or the account comes with an invitation the admin made (used up by it), or the
    machine's owner creates it (`backstride users create`).
    """
    first = needs_first_account(session)
    if not (first or by_machine or invite or registration_open(session)):
        raise NotAllowed("registration is closed here: ask the admin for an account")
    name = login_name(login)
    checked_password(password, name)
    if invite and not take_invite(session, session_hash(invite[:128]), now):
        raise NotAllowed(INVITE_GONE)
    if account_by_login(session, name) is not None or user_id_of(session, name) is not None:
        raise Conflict(f"login {name!r} is taken: choose another")
    local = user_id_of(session, LOCAL_HANDLE) if first else None
    user_id = local if local is not None else ensure_user(session, name, now)
    account = add_account(session, user_id, name, password_hash(password), first, now)
    if time_zone and _known_zone(time_zone):
        profile = load_profile(session, user_id)
        if profile.time_zone is None:
            changed = Profile.model_validate({**profile.model_dump(), "time_zone": time_zone})
            save_profile(session, user_id, changed, now)
    return account


@dataclass(frozen=True, slots=True)
class SignInAttempt:
    """How a sign-in went: a new session, or the error to show (kept as a value, not raised,
    so that the failure it recorded is committed with the transaction)."""

    signed_in: SignIn | None
    error: SignInFailed | Throttled | None = None

    def result(self) -> SignIn:
        """The new session, or the error raised (call it once the transaction has ended)."""
        if self.error is not None:
            raise self.error
        assert self.signed_in is not None
        return self.signed_in


def _known_zone(name: str) -> bool:
    """The browser's zone is kept only when it is a real IANA zone (else UTC, changeable later)."""
    try:
        zone_named(name[:64])
    except InvalidInput:
        return False
    return True


def make_invite(session: Session, actor: Account, now: datetime) -> str:
    """A new invitation to register (its secret, for the link: shown once); admin only."""
    admin_only(actor)
    secret = secrets.token_urlsafe(32)
    add_invite(session, session_hash(secret), actor.user_id, now, now + INVITE_LASTS)
    return secret


def invitations(session: Session, actor: Account, now: datetime) -> list[tuple[datetime, datetime]]:
    """When each of the admin's open invitations was made and when it ends."""
    admin_only(actor)
    return open_invites(session, actor.user_id, now)


def end_invitations(session: Session, actor: Account) -> None:
    """End every open invitation the admin made."""
    admin_only(actor)
    forget_invites(session, actor.user_id)


def sign_in(
    session: Session,
    login: str,
    password: str,
    client: str,
    device: str,
    now: datetime,
    policy: SignInPolicy,
) -> SignInAttempt:
    """Check a login and password and open a session, counting failures per login and client."""
    name = login.strip().lower()[:64]
    keys = [f"login:{name}", f"client:{client}"]
    since = now - timedelta(seconds=policy.window_s)
    limits = (policy.failures_per_login, policy.failures_per_client)
    for key, allowed in zip(keys, limits, strict=True):
        failures, first = failed_logins_since(session, key, since)
        if failures >= allowed and first is not None:
            wait = int((first + timedelta(seconds=policy.window_s) - now).total_seconds()) + 1
            message = f"too many failed sign-ins: try again in {max(wait // 60, 1)} minute(s)"
            return SignInAttempt(None, Throttled(message, wait))
    found = account_by_login(session, name)
    matches = password_matches(password, found[1] if found else decoy_hash())
    if found is None or not matches or found[0].disabled:
        add_failed_login(session, keys, now)
        return SignInAttempt(None, SignInFailed(SIGN_IN_FAILED))
    forget_failed_logins(session, keys[:1], before=since)
    return SignInAttempt(_open_session(session, found[0], device, now, policy))


def _open_session(
    session: Session, account: Account, device: str, now: datetime, policy: SignInPolicy
) -> SignIn:
    token = secrets.token_urlsafe(32)
    expires = now + timedelta(seconds=policy.absolute_s)
    add_web_session(session, session_hash(token), account.user_id, now, expires, device)
    return SignIn(token, account)


@dataclass(frozen=True, slots=True)
class Lookup:
    """What a session cookie gives: the account (or None) and any upkeep the session needs."""

    current: Current | None
    upkeep: Literal["touch", "end"] | None = None
    """"touch": note it was seen now; "end": it ran out and should be forgotten."""


def look_up_session(session: Session, token: str, now: datetime, policy: SignInPolicy) -> Lookup:
    """The account a session cookie signs in, if it is known, not idle too long and not over.

    Only reads, so a page that only shows things needs no write lock; the adapter does the
    upkeep (`keep_up_session`) in a short writing transaction when one is due.
    """
    hashed = session_hash(token)
    stored = web_session(session, hashed)
    if stored is None:
        return Lookup(None)
    user_id, last_seen, expires = stored
    if now >= expires or now - last_seen >= timedelta(seconds=policy.idle_s):
        return Lookup(None, "end")
    account = account_of(session, user_id)
    if account is None or account.disabled:
        return Lookup(None)
    current = Current(account, hashed)
    return Lookup(current, "touch" if now - last_seen >= TOUCH_EVERY else None)


def keep_up_session(session: Session, token: str, upkeep: str, now: datetime) -> None:
    """Note a session as seen now, or forget one that ran out."""
    if upkeep == "touch":
        touch_web_session(session, session_hash(token), now)
    elif upkeep == "end":
        end_web_session(session, session_hash(token))


def sign_out(session: Session, current: Current) -> None:
    """End this browser's session."""
    end_web_session(session, current.session_hash)


def change_password(
    session: Session,
    current: Current,
    old_password: str,
    new_password: str,
    device: str,
    now: datetime,
    policy: SignInPolicy,
) -> SignIn:
    """Set a new password, end every session (this one too) and every access token, and open a
    fresh session here."""
    stored = password_hash_of(session, current.account.user_id) or decoy_hash()
    if not password_matches(old_password, stored):
        raise InvalidInput("current password is not right", field="current_password")
    checked_password(new_password, current.account.login)
    set_password_hash(session, current.account.user_id, password_hash(new_password), now)
    _end_every_way_in(session, current.account.user_id)
    return _open_session(session, current.account, device, now, policy)


def signed_in_sessions(session: Session, current: Current) -> list[tuple[SignedIn, bool]]:
    """The account's sessions, each marked True when it is the browser asking."""
    return [
        (signed, hashed == current.session_hash)
        for signed, hashed in list_web_sessions(session, current.account.user_id)
    ]


def end_other_session(session: Session, current: Current, key: str) -> None:
    """End one of the account's own sessions by its key; NotFound-like InvalidInput if none."""
    if not end_web_session_by_key(session, current.account.user_id, key):
        raise InvalidInput(f"session {key[:16]!r} is not one of yours", field="session")


def delete_account(session: Session, current: Current, password: str) -> None:
    """Delete the account and every record of its runner, once the password confirms it."""
    stored = password_hash_of(session, current.account.user_id) or decoy_hash()
    if not password_matches(password, stored):
        raise InvalidInput("password is not right: nothing was deleted", field="password")
    delete_user(session, current.account.user_id)


def all_accounts(session: Session) -> list[Account]:
    """Every account, for whoever runs this backstride."""
    return list_accounts(session)


def make_admin(session: Session, login: str) -> Account:
    """Make an account an admin."""
    found = by_login(session, login)
    set_admin(session, found.user_id, True)
    return replace(found, is_admin=True)


def by_login(session: Session, login: str) -> Account:
    """The account with this login; InvalidInput naming the login when there is none."""
    found = account_by_login(session, login.strip().lower())
    if found is None:
        raise InvalidInput(f"no account has the login {login[:64]!r}", field="login")
    return found[0]


def disable_account(session: Session, login: str, disabled: bool) -> Account:
    """Disable (or enable) an account by login, ending its sessions when disabled."""
    found = by_login(session, login)
    set_disabled(session, found.user_id, disabled)
    if disabled:
        end_web_sessions(session, found.user_id)
    return replace(found, disabled=disabled)


def reset_password(session: Session, login: str, password: str, now: datetime) -> Account:
    """Give an account a new password (the way back in for a runner), ending its sessions and
    access tokens."""
    found = by_login(session, login)
    checked_password(password, found.login)
    set_password_hash(session, found.user_id, password_hash(password), now)
    _end_every_way_in(session, found.user_id)
    return found


def _end_every_way_in(session: Session, user_id: str) -> None:
    """A new password ends every session and every access token: whoever knew the old one
    (or made a token with it) has to sign in again."""
    end_web_sessions(session, user_id)
    delete_api_tokens(session, user_id)


def admin_only(actor: Account) -> None:
    """Pass for the admin; NotAllowed for anyone else."""
    if not actor.is_admin:
        raise NotAllowed("only the admin may do this")
