"""Account pages: the first account, sign-in, registration, sign-out, and one's own account."""

from datetime import UTC
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from backstride.domain.api_tokens import SCOPES
from backstride.errors import BackstrideError, Conflict, InvalidInput
from backstride.jobs.kept_files import forget_uploads
from backstride.services.accounts import (
    change_password,
    create_account,
    delete_account,
    end_invitations,
    end_other_session,
    invitations,
    make_invite,
    needs_first_account,
    registration_open,
    set_registration,
    sign_in,
    sign_out,
    signed_in_sessions,
)
from backstride.services.api_tokens import api_tokens_of
from backstride.services.care import care_audit
from backstride.services.clinician_role import clinicians_restricted
from backstride.services.context import Action, runner_zone
from backstride.services.portability import export_data, export_json
from backstride.web.auth import (
    FORM_FIELD,
    check_form_token,
    clear_session_cookie,
    client_of,
    current,
    database,
    device_of,
    now,
    runner_action,
    set_session_cookie,
    settings,
    signed_in,
)
from backstride.web.errors import status_of
from backstride.web.templating import page

router = APIRouter()
Text = Annotated[str, Form(max_length=1024)]
Token = Annotated[str | None, Form(alias=FORM_FIELD)]


def _after_sign_in(next_path: str | None) -> str:
    """Where to go once signed in: a path on this site only (never another site's address)."""
    if next_path and next_path.startswith("/") and not next_path.startswith(("//", "/\\")):
        return next_path
    return "/today"


def _see_other(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


@router.get("/")
def home(request: Request) -> Response:
    """The first visit sets up the admin; then today, or the sign-in page."""
    with database(request).transaction(write=False) as session:
        first = needs_first_account(session)
    if first:
        return _see_other("/setup")
    return _see_other("/today" if current(request) else "/login")


@router.get("/setup")
def setup_form(request: Request) -> Response:
    """The form for the first account (the admin), shown only while there is none."""
    with database(request).transaction(write=False) as session:
        if not needs_first_account(session):
            return _see_other("/login")
    return page(request, "setup.html", title="Set up backstride")


@router.post("/setup")
def setup(
    request: Request, login: Text, password: Text, time_zone: Text = "", token: Token = None
) -> Response:
    """Create the first account and sign it in; refused once there is one."""
    check_form_token(request, token)
    with database(request).transaction(write=False) as session:
        if not needs_first_account(session):
            raise Conflict("backstride is already set up here: sign in, or ask the admin")
    return _register(request, login, password, time_zone, "setup.html", "Set up backstride")


@router.get("/register")
def register_form(request: Request, invite: str | None = None) -> Response:
    """The registration form, while registration is open or with the admin's invitation."""
    with database(request).transaction(write=False) as session:
        if needs_first_account(session):
            return _see_other("/setup")
        is_open = registration_open(session)
    chosen = (invite or "")[:128] or None
    return page(
        request,
        "register.html",
        title="Create an account",
        closed=not (is_open or chosen),
        invite=chosen,
    )


@router.post("/register")
def register(
    request: Request,
    login: Text,
    password: Text,
    time_zone: Text = "",
    invite: Text = "",
    token: Token = None,
) -> Response:
    """Create an account (with an invitation, if the link carried one) and sign it in."""
    check_form_token(request, token)
    return _register(
        request, login, password, time_zone, "register.html", "Create an account", invite
    )


def _register(
    request: Request,
    login: str,
    password: str,
    time_zone: str,
    template: str,
    title: str,
    invite: str = "",
) -> Response:
    moment = now(request)
    try:
        with database(request).transaction() as session:
            create_account(
                session, login, password, moment, time_zone=time_zone or None, invite=invite or None
            )
            started = sign_in(
                session,
                login,
                password,
                client_of(request),
                device_of(request),
                moment,
                settings(request).sign_in,
            ).result()
    except BackstrideError as error:
        field = error.field if isinstance(error, InvalidInput) else None
        return page(
            request,
            template,
            status_of(error),
            title=title,
            error=str(error),
            field=field,
            login=login,
            closed=False,
            invite=invite or None,
        )
    response = _see_other("/today")
    set_session_cookie(request, response, started)
    return response


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    """The sign-in form."""
    with database(request).transaction(write=False) as session:
        if needs_first_account(session):
            return _see_other("/setup")
        is_open = registration_open(session)
    return page(request, "login.html", title="Sign in", next=next, open=is_open)


@router.post("/login")
def login(
    request: Request, login: Text, password: Text, next: Text = "", token: Token = None
) -> Response:
    """Check the login and password; the same message whatever was wrong."""
    check_form_token(request, token)
    with database(request).transaction() as session:
        attempt = sign_in(
            session,
            login,
            password,
            client_of(request),
            device_of(request),
            now(request),
            settings(request).sign_in,
        )
    try:
        started = attempt.result()
    except BackstrideError as error:
        response = page(
            request,
            "login.html",
            status_of(error),
            title="Sign in",
            error=str(error),
            login=login,
            next=next,
            open=True,
        )
        retry = getattr(error, "retry_after_s", None)
        if retry is not None:
            response.headers["retry-after"] = str(retry)
        return response
    redirect = _see_other(_after_sign_in(next))
    set_session_cookie(request, redirect, started)
    return redirect


@router.post("/logout")
def logout(request: Request, token: Token = None) -> Response:
    """End this browser's session."""
    check_form_token(request, token)
    who = current(request)
    if who is not None:
        with database(request).transaction() as session:
            sign_out(session, who)
    response = _see_other("/login")
    clear_session_cookie(response)
    return response


@router.get("/account")
def account(request: Request) -> Response:
    """One's account: password, signed-in devices, data download, deletion; admin settings."""
    return _account_page(request)


def account_page(request: Request, status_code: int = 200, **extra: object) -> Response:
    """The account page, with what a form just did (its error, or a new token shown once)."""
    return _account_page(request, status_code, **extra)


def _account_page(request: Request, status_code: int = 200, **extra: object) -> Response:
    me = signed_in(request)
    with database(request).transaction(write=False) as session:
        sessions = signed_in_sessions(session, me)
        is_open = registration_open(session)
        restricted = clinicians_restricted(session)
        tokens = api_tokens_of(session, me.account)
        invites = invitations(session, me.account, now(request)) if me.account.is_admin else []
        zone = runner_zone(session, me.account.user_id, UTC)
        own = Action(session, me.account.user_id, me.account.user_id, now(request))
        trail = care_audit(own)
    return page(
        request,
        "account.html",
        status_code,
        title="Your account",
        sessions=sessions,
        registration_open=is_open,
        clinicians_restricted=restricted,
        tokens=tokens,
        scopes=SCOPES,
        invites=invites,
        zone=zone,
        trail=trail,
        **extra,
    )


@router.post("/account/password")
def new_password(
    request: Request, current_password: Text, new_password: Text, token: Token = None
) -> Response:
    """Change the password: every session ends, this browser gets a fresh one."""
    check_form_token(request, token)
    who = signed_in(request)
    try:
        with database(request).transaction() as session:
            started = change_password(
                session,
                who,
                current_password,
                new_password,
                device_of(request),
                now(request),
                settings(request).sign_in,
            )
    except BackstrideError as error:
        return _account_page(request, status_of(error), password_error=str(error))
    response = _see_other("/account?changed=password")
    set_session_cookie(request, response, started)
    return response


@router.post("/account/sessions/end")
def end_session(request: Request, key: Text, token: Token = None) -> Response:
    """Sign out one of one's other devices."""
    check_form_token(request, token)
    who = signed_in(request)
    try:
        with database(request).transaction() as session:
            end_other_session(session, who, key)
    except BackstrideError as error:
        return _account_page(request, status_of(error), sessions_error=str(error))
    return _see_other("/account")


@router.get("/account/export")
def download(request: Request) -> Response:
    """Everything recorded, as the same JSON document `backstride export` writes."""
    who = signed_in(request)
    with runner_action(request, who, write=False) as action:
        document = export_json(export_data(action))
    return Response(
        document,
        media_type="application/json",
        headers={"content-disposition": 'attachment; filename="backstride-export.json"'},
    )


@router.post("/account/delete")
def delete(request: Request, password: Text, token: Token = None) -> Response:
    """Delete the account and everything in it, once the password confirms it."""
    check_form_token(request, token)
    who = signed_in(request)
    try:
        with database(request).transaction() as session:
            delete_account(session, who, password)
    except BackstrideError as error:
        return _account_page(request, status_of(error), delete_error=str(error))
    forget_uploads(settings(request).data_dir, who.account.user_id)
    database(request).forget_deleted()
    response = _see_other("/login?deleted=1")
    clear_session_cookie(response)
    return response


@router.post("/admin/invites")
def new_invite(request: Request, token: Token = None) -> Response:
    """The admin makes an invitation link (shown once; it lasts 7 days and works once)."""
    check_form_token(request, token)
    who = signed_in(request)
    with database(request).transaction() as session:
        secret = make_invite(session, who.account, now(request))
    link = f"{str(request.base_url).rstrip('/')}/register?invite={secret}"
    response = account_page(request, new_invite=link)
    response.headers["cache-control"] = "no-store"
    return response


@router.post("/admin/invites/end")
def end_invites(request: Request, token: Token = None) -> Response:
    """The admin ends every open invitation link."""
    check_form_token(request, token)
    who = signed_in(request)
    with database(request).transaction() as session:
        end_invitations(session, who.account)
    return _see_other("/account")


@router.post("/admin/registration")
def registration(request: Request, open: Text = "", token: Token = None) -> Response:
    """The admin opens or closes registration."""
    check_form_token(request, token)
    who = signed_in(request)
    with database(request).transaction() as session:
        set_registration(session, who.account, open == "yes")
    return _see_other("/account")
