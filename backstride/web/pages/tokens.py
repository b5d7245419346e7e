"""The account page's API tokens: make one (its secret shown once), revoke one."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from backstride.errors import BackstrideError
from backstride.services.api_tokens import create_api_token, revoke_api_token
from backstride.web.auth import FORM_FIELD, check_form_token, database, now, signed_in
from backstride.web.errors import status_of
from backstride.web.pages.accounts import account_page

router = APIRouter()
Text = Annotated[str, Form(max_length=1024)]
Token = Annotated[str | None, Form(alias=FORM_FIELD)]


@router.post("/account/tokens")
def new_token(request: Request, name: Text = "", scope: Text = "", token: Token = None) -> Response:
    """Make a token; the page shows its secret this once (only its hash is kept)."""
    check_form_token(request, token)
    who = signed_in(request)
    try:
        with database(request).transaction() as session:
            made = create_api_token(session, who.account, name, scope, now(request))
    except BackstrideError as error:
        return account_page(request, status_of(error), tokens_error=str(error))
    response = account_page(request, 201, new_token=made)
    response.headers["cache-control"] = "no-store"
    return response


@router.post("/account/tokens/revoke")
def revoke(request: Request, key: Text, token: Token = None) -> Response:
    """Revoke one of one's tokens: it is refused from the next request on."""
    check_form_token(request, token)
    who = signed_in(request)
    try:
        with database(request).transaction() as session:
            revoke_api_token(session, who.account, key)
    except BackstrideError as error:
        return account_page(request, status_of(error), tokens_error=str(error))
    return RedirectResponse("/account#tokens-heading", status_code=303)
