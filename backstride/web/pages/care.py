"""The runner's care page: invite a clinician, accept a clinician's request, see every link,
change its scopes, revoke it; and the clinician's side: accept a code, ask a runner to link
them, the list of clients, a client's timeline."""

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from backstride.domain.care import INVITE_DAYS, SCOPE_WORDS, SCOPES
from backstride.domain.care_alerts import ALERT_WORDS
from backstride.errors import BackstrideError
from backstride.services.accounts import Current
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
from backstride.services.care_requests import (
    accept_request,
    ask_runner,
    may_ask_runners,
    open_requests,
    request_from,
)
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
    link = f"{str(request.base_url).rstrip('/')}/care/accept?code={quote(code)}"
    return _care_page(request, 201, new_code=code, new_link=link)


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
def accept_form(request: Request, code: str = "") -> Response:
    """The form where a clinician enters a runner's invitation code (filled in from the
    runner's link; the code never leaves in a Referer header)."""
    signed_in(request)
    response = page(
        request, "care_accept.html", title="Accept a runner's invitation", code=code[:80]
    )
    response.headers["referrer-policy"] = "no-referrer"
    response.headers["cache-control"] = "no-store"
    return response


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


def _request_page(
    request: Request, status_code: int = 200, code: str = "", **extra: object
) -> Response:
    """The page where a runner accepts a clinician's request (the code in its address, if any,
    goes nowhere else: no referrer leaves this page, and it is never cached)."""
    response = page(
        request,
        "care_request.html",
        status_code,
        title="Link a clinician who asked",
        scopes=SCOPES,
        scope_words=SCOPE_WORDS,
        request_code=code,
        **extra,
    )
    response.headers["cache-control"] = "no-store"
    response.headers["referrer-policy"] = "no-referrer"
    return response


@router.get("/care/requests/accept")
def request_form(request: Request, code: str = "") -> Response:
    """The form for a clinician's request; with a code (the clinician's link), who asked."""
    who = signed_in(request)
    typed = code[:80]
    if not typed:
        return _request_page(request)
    try:
        with runner_action(request, who, write=False) as action:
            asker = request_from(action, typed)
    except BackstrideError as error:
        return _request_page(
            request, status_of(error), typed, request_error=str(error), request_field="code"
        )
    return _request_page(request, code=typed, asker=asker)


@router.post("/care/requests/accept")
def request_accept(
    request: Request,
    code: Text = "",
    scopes: Scopes = [],  # noqa: B006
    token: Token = None,
) -> Response:
    """Accept a clinician's request: a live link to them with exactly the scopes chosen."""
    check_form_token(request, token)
    who = signed_in(request)
    try:
        with runner_action(request, who, write=True) as action:
            accept_request(action, code, scopes)
    except BackstrideError as error:
        return _request_page(
            request,
            status_of(error),
            code.strip()[:80],
            request_error=str(error),
            request_field=getattr(error, "field", None) or "code",
            chosen=[scope for scope in scopes if scope in SCOPES],
            asker=_asker_or_none(request, who, code),
        )
    return RedirectResponse("/care#links-heading", status_code=303)


def _asker_or_none(request: Request, who: Current, code: str) -> str | None:
    """Who made a request, to name them again beside a refusal; None when the code is unusable."""
    try:
        with runner_action(request, who, write=False) as action:
            return request_from(action, code[:80])
    except BackstrideError:
        return None


@router.post("/clients/requests")
def new_request(request: Request, token: Token = None) -> Response:
    """Make a link request for a runner; the page shows its code and link this once."""
    check_form_token(request, token)
    who = signed_in(request)
    try:
        with runner_action(request, who, write=True) as action:
            made = ask_runner(action)
            zone = action.zone
    except BackstrideError as error:
        return page(
            request,
            "clients_request.html",
            status_of(error),
            title="Ask a runner to link you",
            error=str(error),
        )
    link = f"{str(request.base_url).rstrip('/')}/care/requests/accept?code={quote(made.code)}"
    response = page(
        request,
        "clients_request.html",
        201,
        title="Ask a runner to link you",
        made=made,
        link=link,
        zone=zone,
    )
    response.headers["cache-control"] = "no-store"
    return response


@router.get("/clients")
def clients(request: Request) -> Response:
    """The runners who link to this account, ordered by need, with why and what each shares;
    and the form to ask a runner to link this account."""
    who = signed_in(request)
    with runner_action(request, who, write=True) as action:  # each read is audited
        rows = dashboard(action)
        alerts = my_alerts(action, open_only=True)
        may_ask = may_ask_runners(action)
        requests_open = open_requests(action)
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
        may_ask=may_ask,
        open_requests=requests_open,
        invite_days=INVITE_DAYS,
    )
    response.headers["cache-control"] = "no-store"
    return response


@router.get("/clients/{runner_id}")
def client(request: Request, runner_id: str) -> Response:
    """A client's timeline, read-only, from the scopes their link holds now (404 with none),
    and the programme changes the clinician may make (pages/programme.py)."""
    return client_page(request, runner_id)
