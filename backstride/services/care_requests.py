"""A clinician asks a runner to link them; the runner accepts, choosing the scopes themselves.

The other way round from an invitation (services/care.py): the clinician makes a one-time code
(128 random bits, shown once, only its SHA-256 stored, ended after domain.care.INVITE_DAYS) and
gives it to the runner; the runner enters it with the scopes they choose. The code names only
who asked: what they may see is the runner's choice alone. A code is taken by one guarded
UPDATE, so two acceptances at once store one link.
"""

import secrets
from collections.abc import Iterable
from datetime import timedelta

from backstride.domain.care import INVITE_DAYS, SCOPES, CareLink, LinkRequest, checked_scopes
from backstride.errors import InvalidInput, NotAllowed, NotFound
from backstride.services.accounts import session_hash
from backstride.services.care import CODE_PREFIX, REQUEST_PREFIX, grant_link, login_of
from backstride.services.clinician_role import check_may_be_clinician, may_be_clinician
from backstride.services.context import Action
from backstride.storage.care_requests import (
    add_care_request,
    open_care_request,
    open_care_requests,
    take_care_request,
)

REQUEST_GONE = (
    "this link request code is not valid: it was used already, has expired, or was mistyped; "
    "ask the clinician for a new one"
)
NOT_A_REQUEST = (
    "this code is a runner's invitation, not a clinician's link request: the clinician enters "
    "it on their 'Accept an invitation' page"
)
NO_SCOPE = (
    "choose at least one scope to give {login}: {scopes}; if you do not want to link them, "
    "leave the code unused and it ends by itself"
)
OWN_REQUEST = "this is your own link request: give the code to the runner who should link you"
ASKER_NOT_MARKED = (
    "{login!r}, who made this request, may not be a clinician here now: the admin allows only "
    "accounts marked as clinicians; ask them or the admin"
)


def ask_runner(action: Action) -> LinkRequest:
    """A new link request for a runner to accept (shown once; works once; ends in 7 days)."""
    check_may_be_clinician(action.session, action.actor_id)
    code = REQUEST_PREFIX + secrets.token_urlsafe(16)
    expires = action.now + timedelta(days=INVITE_DAYS)
    add_care_request(action.session, session_hash(code), action.actor_id, action.now, expires)
    return LinkRequest(code, expires)


def may_ask_runners(action: Action) -> bool:
    """Whether the acting account may ask runners to link it (the admin may restrict the role)."""
    return may_be_clinician(action.session, action.actor_id)


def open_requests(action: Action) -> int:
    """How many of the acting clinician's link requests are still unused and unexpired."""
    return open_care_requests(action.session, action.actor_id, action.now)


def _asker(action: Action, code: str) -> tuple[str, str]:
    """The hash of a typed code and the clinician whose open request it is, checked for the
    runner acting: InvalidInput (the code unusable, or their own) otherwise."""
    if action.actor_id != action.runner_id:
        raise NotFound("no care links here")
    typed = code.strip()
    if typed.startswith(CODE_PREFIX):
        raise InvalidInput(NOT_A_REQUEST, field="code")
    if not typed.startswith(REQUEST_PREFIX) or len(typed) > 80:
        raise InvalidInput(REQUEST_GONE, field="code")
    hashed = session_hash(typed)
    clinician_id = open_care_request(action.session, hashed, action.now)
    if clinician_id is None:
        raise InvalidInput(REQUEST_GONE, field="code")
    if clinician_id == action.runner_id:
        raise InvalidInput(OWN_REQUEST, field="code")
    return hashed, clinician_id


def request_from(action: Action, code: str) -> str:
    """The login of the clinician asking, for the runner to see before choosing (takes nothing)."""
    _, clinician_id = _asker(action, code)
    return login_of(action, clinician_id)


def accept_request(action: Action, code: str, scopes: Iterable[str]) -> CareLink:
    """The runner accepts a clinician's request: a live link to them with exactly these scopes
    (a live link already there gets these scopes instead). Nothing is used up on a refusal."""
    given = list(scopes)
    hashed, clinician_id = _asker(action, code)
    if not given:
        raise InvalidInput(
            NO_SCOPE.format(login=login_of(action, clinician_id), scopes=", ".join(SCOPES)),
            field="scopes",
        )
    chosen = checked_scopes(given)
    if not may_be_clinician(action.session, clinician_id):
        raise NotAllowed(ASKER_NOT_MARKED.format(login=login_of(action, clinician_id)))
    if not take_care_request(action.session, hashed, clinician_id, action.now):
        raise InvalidInput(REQUEST_GONE, field="code")  # taken by a concurrent acceptance
    return grant_link(action, action.runner_id, clinician_id, chosen)
