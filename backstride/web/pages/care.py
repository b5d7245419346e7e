"""The runner's care page: invite a clinician, see every link, change its scopes, revoke it;
and the clinician's side: accept a code, the list of clients, a client's timeline."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from backstride.domain.care import INVITE_DAYS, SCOPE_WORDS, SCOPES
from backstride.domain.care_alerts import ALERT_WORDS
from backstride.errors import BackstrideError
from backstride.services.care import (
    accept_invitation,
    care_audit,
    care_links,
    change_scopes,
    invite_clinician,
    open_invitations,
    revoke_link,
)
from backstride.services.care_alerts import my_alerts
from backstride.services.care_dashboard import dashboard
from backstride.services.exercises import catalogue
from backstride.services.programme_changes import my_programme
from backstride.web.auth import FORM_FIELD, check_form_token, runner_action, signed_in
from backstride.web.dashboard_numbers import load_words, pain_line, pain_words
from backstride.web.errors import status_of
from backstride.web.pages.programme import client_page
from backstride.web.templating import page

router = APIRouter()
Text = Annotated[str, Form(max_length=1024)]
Scopes = Annotated[list[str], Form(max_length=len(SCOPES))]
Token = Annotated[str | None, Form(alias=FORM_FIELD)]


def _care_page(request: Request, status_code: int = 200, **extra: object) -> Response:
    who = signed_in(request)
    with runner_action(request, who, write=False) as action:
        links = care_links(action)
        invites = open_invitations(action)
        trail = care_audit(action)
        programme = my_programme(action)
        zone = action.zone
    cat = catalogue()
    response = page(
        request,
        "care.html",
        status_code,
        title="Care: who sees your data",
        links=links,
        open_invites=invites,
        trail=trail,
        zone=zone,
        scopes=SCOPES,
        scope_words=SCOPE_WORDS,
        invite_days=INVITE_DAYS,
        programme=programme,
        describe=lambda change: change.describe(cat),
        **extra,
    )
    response.headers["cache-control"] = "no-store"
    return response


@router.get("/care")
def care(request: Request) -> Response:
    """Every care link with its scopes, the invitation form, and the audit trail."""
    return _care_page(request)


@router.post("/care/invites")
def new_invite(request: Request, scopes: Scopes = [], token: Token = None) -> Response:  # noqa: B006
    """Make an invitation code; the page shows it this once (only its hash is kept)."""
    check_form_token(request, token)
    who = signed_in(request)
    try:
        with runner_action(request, who, write=True) as action:
            code = invite_clinician(action, scopes)
    except BackstrideError as error:
        return _care_page(request, status_of(error), invite_error=str(error))
    return _care_page(request, 201, new_code=code)


@router.post("/care/links/{link_id}/scopes")
def new_scopes(
    request: Request,
    link_id: str,
    scopes: Scopes = [],  # noqa: B006
    token: Token = None,
) -> Response:
    """Give a link new scopes, in force from the clinician's next request."""
    check_form_token(request, token)
    who = signed_in(request)
    try:
        with runner_action(request, who, write=True) as action:
            change_scopes(action, link_id, scopes)
    except BackstrideError as error:
        return _care_page(request, status_of(error), links_error=str(error))
    return RedirectResponse("/care#links-heading", status_code=303)


@router.post("/care/links/{link_id}/revoke")
def revoke(request: Request, link_id: str, token: Token = None) -> Response:
    """End a link at once (it stays listed, and so does its audit trail)."""
    check_form_token(request, token)
    who = signed_in(request)
    try:
        with runner_action(request, who, write=True) as action:
            revoke_link(action, link_id)
    except BackstrideError as error:
        return _care_page(request, status_of(error), links_error=str(error))
    return RedirectResponse("/care#links-heading", status_code=303)


@router.get("/care/accept")
def accept_form(request: Request) -> Response:
    """The form where a clinician enters a runner's invitation code."""
    signed_in(request)
    return page(request, "care_accept.html", title="Accept a runner's invitation")


@router.post("/care/accept")
def accept(request: Request, code: Text = "", token: Token = None) -> Response:
    """Accept a code: the runner becomes a client, with the scopes they chose."""
    check_form_token(request, token)
    who = signed_in(request)
    try:
        with runner_action(request, who, write=True) as action:
            link = accept_invitation(action, code)
    except BackstrideError as error:
        return page(
            request,
            "care_accept.html",
            status_of(error),
            title="Accept a runner's invitation",
            error=str(error),
        )
    return RedirectResponse(f"/clients/{link.runner_id}", status_code=303)


@router.get("/clients")
def clients(request: Request) -> Response:
    """The runners who link to this account, ordered by need, with why and what each shares."""
    who = signed_in(request)
    with runner_action(request, who, write=True) as action:  # each read is audited
        rows = dashboard(action)
        alerts = my_alerts(action, open_only=True)
        zone = action.zone
    response = page(
        request,
        "clients.html",
        title="Your clients",
        rows=rows,
        alerts=alerts,
        alert_words=ALERT_WORDS,
        zone=zone,
        scope_words=SCOPE_WORDS,
        pain_line=pain_line,
        pain_words=pain_words,
        load_words=load_words,
    )
    response.headers["cache-control"] = "no-store"
    return response


@router.get("/clients/{runner_id}")
def client(request: Request, runner_id: str) -> Response:
    """A client's timeline, read-only, from the scopes their link holds now (404 with none),
    and the programme changes the clinician may make (pages/programme.py)."""
    return client_page(request, runner_id)
