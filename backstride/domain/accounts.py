"""Accounts as values: who can sign in, and the rules a login name and a password must meet."""

import re
from dataclasses import dataclass
from datetime import datetime

from backstride.errors import InvalidInput

LOGIN_PATTERN = re.compile(r"[a-z0-9][a-z0-9._@+-]{2,63}")
LOGIN_RULE = "3-64 characters: letters, digits and . _ @ + -, starting with a letter or digit"
PASSWORD_MIN_CHARS = 10
"""NIST SP 800-63B asks for at least 8 characters; 10 leaves room for passphrases' sake."""
PASSWORD_MAX_CHARS = 256
RESERVED_LOGINS = frozenset({"local"})
"""The CLI's own runner is called local: no web account may take that name."""


@dataclass(frozen=True, slots=True)
class Account:
    """A person who can sign in to the web app; `user_id` is the runner whose data they own."""

    user_id: str
    login: str
    is_admin: bool
    disabled: bool
    created_at: datetime
    password_changed_at: datetime
    is_clinician: bool = False
    """Marked by the admin as a clinician (needed when the admin restricts the role)."""
    alert_email: str | None = None
    """Where care alerts are emailed (None: on the dashboard only)."""


@dataclass(frozen=True, slots=True)
class SignedIn:
    """One signed-in browser of an account, as its owner sees it in the list of sessions."""

    key: str
    """A short public reference to the session (never the cookie's secret)."""
    device: str
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime


def login_name(typed: str) -> str:
    """The login as stored: trimmed and lower-case; InvalidInput naming the rule otherwise."""
    login = typed.strip().lower()
    if not LOGIN_PATTERN.fullmatch(login):
        raise InvalidInput(f"login {typed[:64]!r} is not valid: use {LOGIN_RULE}", field="login")
    if login in RESERVED_LOGINS:
        raise InvalidInput(f"login {login!r} is taken: choose another", field="login")
    return login


def checked_password(password: str, login: str) -> str:
    """A new password that meets the rules; InvalidInput saying which one it breaks."""
    if len(password) < PASSWORD_MIN_CHARS:
        raise InvalidInput(
            f"password is too short ({len(password)} characters): use at least "
            f"{PASSWORD_MIN_CHARS}; a few words in a row are easy to remember",
            field="password",
        )
    if len(password) > PASSWORD_MAX_CHARS:
        raise InvalidInput(
            f"password is too long ({len(password)} characters): use at most {PASSWORD_MAX_CHARS}",
            field="password",
        )
    if password.strip().lower() == login:
        raise InvalidInput("password may not be the login itself", field="password")
    return password
