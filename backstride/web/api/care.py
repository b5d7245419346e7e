"""The API's care links: the runner's links, invitations and audit trail; a clinician's link
requests, clients and each client's records by scope (every one through the authorize gate)."""

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Request

from backstride.domain.care import INVITE_DAYS, SCOPES, checked_scopes
from backstride.services.care import (
    accept_invitation,
    care_audit,
    care_links,
    change_scopes,
    invite_clinician,
    revoke_link,
)
from backstride.services.care_alerts import acknowledge_alert, my_alerts
from backstride.services.care_dashboard import dashboard
from backstride.services.care_requests import accept_request, ask_runner
from backstride.services.care_result import (
    AlertResult,
    AuditEntryResult,
    CareInviteResult,
    CareLinkResult,
    CareRequestResult,
    ClientResult,
    ClientSessionResult,
    alert_result,
    audit_entry_result,
    care_link_result,
    client_result,
    client_session_result,
)
from backstride.services.client_records import (
    client_load,
    client_pain,
    client_routine,
    client_runs,
    client_screenings,
    client_sessions,
)
from backstride.services.load_result import LoadResult, load_result
from backstride.services.pain_result import StoredPainResult, stored_pain_result
from backstride.services.routine_result import RoutineResult, routine_result
from backstride.services.run_result import RunResult, run_result
from backstride.services.screening_result import StoredScreeningResult, stored_screening_result
from backstride.web.api.body import json_text, model_body_doc, validated
from backstride.web.api.caller import Reader, Writer, api_action
from backstride.web.api.problems import ApiRoute
from backstride.web.api.requests import CareCode, CareRequestAnswer, CareScopes
from backstride.web.care_action import client_action

router = APIRouter(route_class=ApiRoute, tags=["care"])
Body = Annotated[str, Depends(json_text)]


@router.get("/care/links", response_model=list[CareLinkResult])
def list_links(request: Request, caller: Reader) -> list[CareLinkResult]:
    """Every care link the runner made, live and revoked, oldest first."""
    with api_action(request, caller, write=False) as action:
        return [care_link_result(link) for link in care_links(action)]


@router.post(
    "/care/invites",
    status_code=201,
    response_model=CareInviteResult,
    openapi_extra=model_body_doc(CareScopes),
)
def post_invite(request: Request, caller: Writer, body: Body) -> CareInviteResult:
    """A new invitation code for a clinician (shown once; works once; ends in 7 days)."""
    wanted = validated(CareScopes, body)
    with api_action(request, caller, write=True) as action:
        code = invite_clinician(action, wanted.scopes)
        expires = action.now + timedelta(days=INVITE_DAYS)
    chosen = checked_scopes(wanted.scopes)
    ordered = [scope for scope in SCOPES if scope in chosen]
    return CareInviteResult(code=code, scopes=ordered, expires_at=expires)


@router.patch(
    "/care/links/{link_id}", response_model=CareLinkResult, openapi_extra=model_body_doc(CareScopes)
)
def patch_link(request: Request, caller: Writer, link_id: str, body: Body) -> CareLinkResult:
    """Give a live link new scopes, in force from the clinician's next request."""
    wanted = validated(CareScopes, body)
    with api_action(request, caller, write=True) as action:
        return care_link_result(change_scopes(action, link_id, wanted.scopes))


@router.delete("/care/links/{link_id}", response_model=CareLinkResult)
def delete_link(request: Request, caller: Writer, link_id: str) -> CareLinkResult:
    """Revoke a link at once; it stays listed as revoked, with its audit trail."""
    with api_action(request, caller, write=True) as action:
        return care_link_result(revoke_link(action, link_id))


@router.post(
    "/care/accept",
    status_code=201,
    response_model=CareLinkResult,
    openapi_extra=model_body_doc(CareCode),
)
def post_accept(request: Request, caller: Writer, body: Body) -> CareLinkResult:
    """Accept a runner's invitation code as their clinician."""
    sent = validated(CareCode, body)
    with api_action(request, caller, write=True) as action:
        return care_link_result(accept_invitation(action, sent.code))


@router.post("/care/requests", status_code=201, response_model=CareRequestResult)
def post_request(request: Request, caller: Writer) -> CareRequestResult:
    """A new link request for a runner to accept, as their clinician (shown once; works once;
    ends in 7 days); the runner chooses the scopes."""
    with api_action(request, caller, write=True) as action:
        made = ask_runner(action)
    return CareRequestResult(code=made.code, expires_at=made.expires_at)


@router.post(
    "/care/requests/accept",
    status_code=201,
    response_model=CareLinkResult,
    openapi_extra=model_body_doc(CareRequestAnswer),
)
def post_request_accept(request: Request, caller: Writer, body: Body) -> CareLinkResult:
    """Accept a clinician's link request, giving exactly these scopes."""
    sent = validated(CareRequestAnswer, body)
    with api_action(request, caller, write=True) as action:
        return care_link_result(accept_request(action, sent.code, sent.scopes))


@router.get("/care/audit", response_model=list[AuditEntryResult])
def list_audit(request: Request, caller: Reader) -> list[AuditEntryResult]:
    """Every clinician read and change of the runner's data, newest first."""
    with api_action(request, caller, write=False) as action:
        return [audit_entry_result(entry) for entry in care_audit(action)]


@router.get("/clients", response_model=list[ClientResult])
def list_clients(request: Request, caller: Reader) -> list[ClientResult]:
    """The runners who link to the caller, most in need first (the dashboard's order), with why;
    each client's shared scopes are read through the gate and audited."""
    with api_action(request, caller, write=True) as action:
        return [client_result(item) for item in dashboard(action)]


@router.get("/alerts", response_model=list[AlertResult])
def list_alerts(request: Request, caller: Reader, open_only: bool = False) -> list[AlertResult]:
    """The caller's care alerts, newest first (open_only: those not acknowledged yet); only
    alerts on live links whose scopes still show them."""
    with api_action(request, caller, write=False) as action:
        return [alert_result(alert) for alert in my_alerts(action, open_only=open_only)]


@router.post("/alerts/{alert_id}/acknowledge", response_model=AlertResult)
def post_acknowledge(request: Request, caller: Writer, alert_id: str) -> AlertResult:
    """Mark one of the caller's alerts seen (again: no change); 404 when it is not theirs to see."""
    with api_action(request, caller, write=True) as action:
        return alert_result(acknowledge_alert(action, alert_id))


@router.get("/clients/{runner_id}/screenings", response_model=list[StoredScreeningResult])
def client_screening_list(
    request: Request, caller: Reader, runner_id: str
) -> list[StoredScreeningResult]:
    """A client's screenings and check-ins, newest first (scope: screening)."""
    with client_action(request, caller.user_id, runner_id) as action:
        return [stored_screening_result(item) for item in client_screenings(action)]


@router.get("/clients/{runner_id}/pain-entries", response_model=list[StoredPainResult])
def client_pain_list(request: Request, caller: Reader, runner_id: str) -> list[StoredPainResult]:
    """A client's pain entries, oldest first (scope: pain_sessions)."""
    with client_action(request, caller.user_id, runner_id) as action:
        return [stored_pain_result(item) for item in client_pain(action)]


@router.get("/clients/{runner_id}/sessions", response_model=list[ClientSessionResult])
def client_session_list(
    request: Request, caller: Reader, runner_id: str
) -> list[ClientSessionResult]:
    """A client's exercise sessions with the pain at each exercise (scope: pain_sessions)."""
    with client_action(request, caller.user_id, runner_id) as action:
        return [client_session_result(item) for item in client_sessions(action)]


@router.get("/clients/{runner_id}/runs", response_model=list[RunResult])
def client_run_list(request: Request, caller: Reader, runner_id: str) -> list[RunResult]:
    """A client's runs, oldest first (scope: runs_load)."""
    with client_action(request, caller.user_id, runner_id) as action:
        return [run_result(run, action.zone) for run in client_runs(action)]


@router.get("/clients/{runner_id}/load", response_model=LoadResult)
def client_load_view(request: Request, caller: Reader, runner_id: str) -> LoadResult:
    """A client's training load (scope: runs_load)."""
    with client_action(request, caller.user_id, runner_id) as action:
        return load_result(client_load(action))


@router.get("/clients/{runner_id}/routine", response_model=RoutineResult)
def client_routine_view(request: Request, caller: Reader, runner_id: str) -> RoutineResult:
    """A client's routine today with the reason for every choice, as their own Today builds it
    (scope: programme; 409 with the reason when there must be none, the read still audited)."""
    with client_action(request, caller.user_id, runner_id) as action:
        found = client_routine(action)
    if found.plan is None:
        assert found.refusal is not None
        raise found.refusal
    return routine_result(found.plan)
