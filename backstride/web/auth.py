"""Who is asking: the session cookie read and checked, the form token, the Action built.

Cookies: `backstride_session` holds the session's random id (HttpOnly, SameSite=Lax, Secure
over https, expiring with the session); `backstride_form` holds the form token every form
echoes back in a hidden field (double submit, beside the origin check in guards.py).
"""

import hmac
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from fastapi import Request, Response

from backstride.config import Settings
from backstride.services.accounts import (
    Current,
    SignIn,
    keep_up_session,
    look_up_session,
)
from backstride.services.context import Action, runner_zone
from backstride.storage.database import Database

Clock = Callable[[], datetime]
SESSION_COOKIE = "backstride_session"
FORM_COOKIE = "backstride_form"
FORM_FIELD = "form_token"


class SignInNeeded(Exception):
    """The page needs a signed-in account: the browser is sent to the sign-in page."""


class FormTokenMissing(Exception):
    """A form came back without the token its page carried: refused (403)."""


def database(request: Request) -> Database:
    """The app's database (opened at start-up)."""
    db: Database = request.app.state.database
    return db


def settings(request: Request) -> Settings:
    """The app's settings."""
    found: Settings = request.app.state.settings
    return found


def now(request: Request) -> datetime:
    """The moment this request is handled, in UTC: the adapter reads the clock, not services."""
    clock: Clock = request.app.state.clock
    return clock()


def current(request: Request) -> Current | None:
    """The signed-in account of this request, or None; cached on the request."""
    if "current" in request.state._state:
        cached: Current | None = request.state.current
        return cached
    token = request.cookies.get(SESSION_COOKIE)
    found = None
    if token:
        moment = now(request)
        policy = settings(request).sign_in
        with database(request).transaction(write=False) as session:
            lookup = look_up_session(session, token, moment, policy)
        if lookup.upkeep is not None:
            with database(request).transaction() as session:
                keep_up_session(session, token, lookup.upkeep, moment)
        found = lookup.current
    request.state.current = found
    return found


def signed_in(request: Request) -> Current:
    """The signed-in account, or SignInNeeded (a redirect to the sign-in page)."""
    found = current(request)
    if found is None:
        raise SignInNeeded()
    return found


@contextmanager
def runner_action(request: Request, who: Current, *, write: bool) -> Iterator[Action]:
    """One transaction acting as the signed-in runner on their own data, in their zone."""
    moment = now(request)
    user_id = who.account.user_id
    with database(request).transaction(write=write) as session:
        yield Action(session, user_id, user_id, moment, runner_zone(session, user_id, UTC))


def set_session_cookie(request: Request, response: Response, sign_in: SignIn) -> None:
    """Give the browser its new session id."""
    response.set_cookie(
        SESSION_COOKIE,
        sign_in.token,
        max_age=settings(request).sign_in.absolute_s,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


def clear_session_cookie(response: Response) -> None:
    """Make the browser forget its session id."""
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")


def form_token(request: Request) -> str:
    """The form token of this browser (made on its first page); forms carry it back."""
    token = request.cookies.get(FORM_COOKIE) or getattr(request.state, "new_form_token", None)
    if token is None:
        token = secrets.token_urlsafe(24)
        request.state.new_form_token = token
    return token


def keep_form_token(request: Request, response: Response) -> None:
    """Send a form token made for this page to the browser."""
    token = getattr(request.state, "new_form_token", None)
    if token is not None:
        response.set_cookie(
            FORM_COOKIE,
            token,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            path="/",
        )


def check_form_token(request: Request, sent: str | None) -> None:
    """Refuse a form whose token does not match this browser's cookie."""
    expected = request.cookies.get(FORM_COOKIE)
    if not expected or not sent or not hmac.compare_digest(expected, sent):
        raise FormTokenMissing()


def device_of(request: Request) -> str:
    """How a session is described in the list of sessions: the browser's own words."""
    return request.headers.get("user-agent", "unknown browser")[:200]


def client_of(request: Request) -> str:
    """The client's address, for throttling sign-ins per client."""
    return request.client.host if request.client else "unknown"
