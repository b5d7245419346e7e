"""Personal access tokens for the REST API: made on the account page, shown once, revocable.

A token is "bst_" and 256 random bits (URL-safe base64); only its SHA-256 is stored, as with
web sessions (services/accounts.py), so a copy of the database lets no one in. A token is
looked up on every request, so a revoked token is refused at once.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from backstride.domain.accounts import Account
from backstride.domain.api_tokens import ApiToken, token_name, token_scope
from backstride.errors import NotFound
from backstride.services.accounts import TOUCH_EVERY, session_hash
from backstride.storage.accounts import account_of
from backstride.storage.api_tokens import (
    add_api_token,
    api_token_by_hash,
    delete_api_token,
    list_api_tokens,
    touch_api_token,
)

PREFIX = "bst_"
MAX_TOKEN_CHARS = 128
"""Longer than any token this makes: a longer one is refused before it is hashed."""


@dataclass(frozen=True, slots=True)
class NewToken:
    """A token just made: its secret (shown once, never stored) and how it is listed."""

    secret: str
    token: ApiToken


@dataclass(frozen=True, slots=True)
class TokenUse:
    """The account a request's token acts for, the token, and whether its last use is stale."""

    account: Account
    token: ApiToken
    touch: bool


def create_api_token(
    session: Session, account: Account, name: str, scope: str, now: datetime
) -> NewToken:
    """A new token for the account, read-only or read-write."""
    checked_name = token_name(name)
    checked_scope = token_scope(scope)
    secret = PREFIX + secrets.token_urlsafe(32)
    token = add_api_token(
        session, account.user_id, session_hash(secret), checked_name, checked_scope, now
    )
    return NewToken(secret, token)


def look_up_api_token(session: Session, secret: str, now: datetime) -> TokenUse | None:
    """The account and token a secret stands for; None when unknown, revoked or disabled."""
    if not secret.startswith(PREFIX) or len(secret) > MAX_TOKEN_CHARS:
        return None
    found = api_token_by_hash(session, session_hash(secret))
    if found is None:
        return None
    user_id, token = found
    account = account_of(session, user_id)
    if account is None or account.disabled:
        return None
    last = token.last_used_at
    return TokenUse(account, token, last is None or now - last >= TOUCH_EVERY)


def note_api_token_used(session: Session, use: TokenUse, now: datetime) -> None:
    """Record that the token was used now (shown as "last used" in its list)."""
    touch_api_token(session, use.account.user_id, use.token.id, now)


def api_tokens_of(session: Session, account: Account) -> list[ApiToken]:
    """The account's tokens, newest first."""
    return list_api_tokens(session, account.user_id)


def revoke_api_token(session: Session, account: Account, token_id: str) -> None:
    """Revoke one of the account's own tokens; NotFound for any other id."""
    if not delete_api_token(session, account.user_id, token_id[:64]):
        raise NotFound(f"token {token_id[:40]!r} is not one of yours: nothing was revoked")
