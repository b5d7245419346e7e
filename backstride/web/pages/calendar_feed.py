"""The plan's private calendar feed: made and revoked from the plan page, read by its link."""

from datetime import UTC
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from backstride.errors import NotFound
from backstride.services.calendar_feeds import (
    feed_owner,
    make_calendar_feed,
    plan_ics,
    revoke_calendar_feed,
)
from backstride.services.context import Action, runner_zone
from backstride.web.auth import (
    FORM_FIELD,
    check_form_token,
    database,
    now,
    runner_action,
    signed_in,
)
from backstride.web.pages.plan import (
    DEFAULT_SESSIONS,
    DEFAULT_WEEKS,
    PlanAsk,
    plan_page,
    whole_number,
)

router = APIRouter()
Text = Annotated[str, Form(max_length=20)]
Token = Annotated[str | None, Form(alias=FORM_FIELD)]
GONE = "no calendar at this address: its link was revoked, or never made"


@router.get("/calendar/{secret}.ics")
def feed(request: Request, secret: str) -> Response:
    """The plan of the runner whose feed this is, for calendar apps; no sign-in, read only."""
    moment = now(request)
    with database(request).transaction(write=False) as session:
        found = feed_owner(session, secret)
        if found is None:
            raise NotFound(GONE)
        zone = runner_zone(session, found.user_id, UTC)
        action = Action(session, found.user_id, found.user_id, moment, zone)
        content = plan_ics(action, None, found.weeks, found.sessions)
    return Response(
        content,
        media_type="text/calendar; charset=utf-8",
        headers={"cache-control": "private, no-cache", "x-robots-tag": "noindex"},
    )


@router.post("/plan/calendar-feed")
def make_feed(
    request: Request,
    weeks: Text = DEFAULT_WEEKS,
    sessions: Text = DEFAULT_SESSIONS,
    token: Token = None,
) -> Response:
    """A new private feed of this plan; its link is shown once, the old link stops working."""
    check_form_token(request, token)
    who = signed_in(request)
    ask = PlanAsk(weeks, sessions)
    number = whole_number("weeks", ask.weeks, "choose 1 to 12 weeks")
    per_week = whole_number("sessions", ask.sessions, "choose 2 or 3 strength sessions a week")
    with runner_action(request, who, write=True) as action:
        secret = make_calendar_feed(action, number, per_week)
    address = f"{str(request.base_url).rstrip('/')}/calendar/{secret}.ics"
    return plan_page(request, ask, new_feed=address)


@router.post("/plan/calendar-feed/revoke")
def revoke_feed(request: Request, token: Token = None) -> Response:
    """Stop the runner's feed at once: calendar apps get nothing more from its link."""
    check_form_token(request, token)
    who = signed_in(request)
    with runner_action(request, who, write=True) as action:
        revoke_calendar_feed(action)
    return RedirectResponse("/plan?feed=revoked#feed-heading", status_code=303)
