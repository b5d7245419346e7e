"""Who calls the API: a personal access token (Authorization: Bearer), or the browser's session.

A token is looked up on every request, so a revoked one is refused at once (401); a read token
is refused on every write (403). A browser's session cookie works too; an unsafe request made
with only the cookie must carry the page's form token in an X-Form-Token header (403 otherwise),
beside the origin check every unsafe request passes (web/guards.py).
"""

import hmac
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC
from typing import Annotated

from fastapi import Depends, Request

from backstride.services.api_tokens import look_up_api_token, note_api_token_used
from backstride.services.context import Action, runner_zone
from backstride.web.api.problems import ApiRefusal
from backstride.web.auth import FORM_COOKIE, current, database, now
from backstride.web.guards import SAFE_METHODS

FORM_HEADER = "x-form-token"
NO_CREDENTIALS = (
    "sign in, or send a personal access token (made on your account page) as "
    "'Authorization: Bearer <token>'"
)
BAD_TOKEN = (
    "this token is not valid: it is unknown, was revoked, or its account is disabled; make a "
    "new one on your account page"
)
READ_ONLY = "this token may only read: make a read-write token on your account page to change data"
NO_FORM_TOKEN = (
    "a change made with the browser's session must carry the page's form token in an "
    "X-Form-Token header"
)


@dataclass(frozen=True, slots=True)
class Caller:
    """The runner a request acts for (their own data only)."""

    user_id: str


def _bearer(header: str) -> str:
    scheme, _, secret = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise ApiRefusal(401, "the Authorization header must be 'Bearer <token>'", "authorization")
    return secret.strip()


def _by_token(request: Request, header: str, write: bool) -> Caller:
    secret = _bearer(header)
    moment = now(request)
    with database(request).transaction(write=False) as session:
        use = look_up_api_token(session, secret, moment)
    if use is None:
        raise ApiRefusal(401, BAD_TOKEN, "authorization")
    if write and not use.token.may_write:
        raise ApiRefusal(403, READ_ONLY, "authorization")
    if use.touch:
        with database(request).transaction() as session:
            note_api_token_used(session, use, moment)
    return Caller(use.account.user_id)


def _by_cookie(request: Request) -> Caller:
    who = current(request)
    if who is None:
        raise ApiRefusal(401, NO_CREDENTIALS, "authorization")
    if request.method not in SAFE_METHODS:
        expected = request.cookies.get(FORM_COOKIE)
        sent = request.headers.get(FORM_HEADER)
        if not expected or not sent or not hmac.compare_digest(expected, sent):
            raise ApiRefusal(403, NO_FORM_TOKEN, FORM_HEADER)
    return Caller(who.account.user_id)


def _caller(request: Request, write: bool) -> Caller:
    header = request.headers.get("authorization")
    if header is not None:
        return _by_token(request, header, write)
    return _by_cookie(request)


def reader(request: Request) -> Caller:
    """The caller of a route that only reads."""
    return _caller(request, write=False)


def writer(request: Request) -> Caller:
    """The caller of a route that changes data: a read token is refused."""
    return _caller(request, write=True)


Reader = Annotated[Caller, Depends(reader)]
Writer = Annotated[Caller, Depends(writer)]


@contextmanager
def api_action(request: Request, caller: Caller, *, write: bool) -> Iterator[Action]:
    """One transaction acting as the caller on their own data, in their time zone."""
    moment = now(request)
    user_id = caller.user_id
    with database(request).transaction(write=write) as session:
        yield Action(session, user_id, user_id, moment, runner_zone(session, user_id, UTC))
