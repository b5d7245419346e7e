"""Care alerts on the web: a clinician acknowledges one; an account says where alerts are
emailed; the admin restricts the clinician role to marked accounts."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from backstride.errors import BackstrideError
from backstride.services.alert_mail import set_alert_address
from backstride.services.care_alerts import acknowledge_alert
from backstride.services.clinician_role import set_clinicians_restricted
from backstride.web.auth import FORM_FIELD, check_form_token, database, runner_action, signed_in
from backstride.web.errors import status_of
from backstride.web.pages.accounts import account_page

router = APIRouter()
Text = Annotated[str, Form(max_length=1024)]
Token = Annotated[str | None, Form(alias=FORM_FIELD)]


@router.post("/clients/alerts/{alert_id}/acknowledge")
def acknowledge(request: Request, alert_id: str, token: Token = None) -> Response:
    """Mark an alert seen; it leaves the top of the dashboard (404 when it is not yours)."""
    check_form_token(request, token)
    who = signed_in(request)
    with runner_action(request, who, write=True) as action:
        acknowledge_alert(action, alert_id)
    return RedirectResponse("/clients#alerts-heading", status_code=303)


@router.post("/account/alert-email")
def alert_email(request: Request, alert_email: Text = "", token: Token = None) -> Response:
    """Where this account's care alerts are emailed (empty: nowhere)."""
    check_form_token(request, token)
    who = signed_in(request)
    try:
        with database(request).transaction() as session:
            set_alert_address(session, who.account.user_id, alert_email)
    except BackstrideError as error:
        return account_page(request, status_of(error), alert_email_error=str(error))
    return RedirectResponse("/account#alerts-email-heading", status_code=303)


@router.post("/admin/clinicians")
def clinicians(request: Request, restricted: Text = "", token: Token = None) -> Response:
    """The admin restricts the clinician role to accounts marked as clinicians, or opens it."""
    check_form_token(request, token)
    who = signed_in(request)
    with database(request).transaction() as session:
        set_clinicians_restricted(session, who.account, restricted == "yes")
    return RedirectResponse("/account#admin-heading", status_code=303)
