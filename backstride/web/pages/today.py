"""The runner's day: the level first, today's routine and why, the morning-pain question."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from backstride.domain.plain_sources import for_people
from backstride.domain.triage_texts import HEADLINES, NEXT_STEPS, SAFETY_NET
from backstride.errors import BackstrideError
from backstride.services.pain import log_pain, parse_score
from backstride.services.routine import TodayOverview, today_overview
from backstride.services.routine_result import routine_result
from backstride.web.auth import FORM_FIELD, check_form_token, runner_action, signed_in
from backstride.web.errors import status_of
from backstride.web.templating import page

router = APIRouter()
SCORES = tuple(range(11))


@router.get("/today")
def today(request: Request) -> Response:
    """The level now; the routine, or why there is none today; the one next step."""
    return _today_page(request)


def _today_page(
    request: Request, status_code: int = 200, pain_error: str | None = None
) -> Response:
    who = signed_in(request)
    with runner_action(request, who, write=False) as action:
        overview = today_overview(action)
        zone = action.zone
    status = overview.status
    level = status.level
    return page(
        request,
        "today.html",
        status_code,
        title="Today",
        overview=overview,
        level=level,
        headline=HEADLINES[level] if level else None,
        next_steps=NEXT_STEPS[level] if level else None,
        safety_net=SAFETY_NET["self_care"],
        safety_open=plan_missing(overview),
        reasons=[for_people(rule.reason) for rule in status.reasons],
        notes=[for_people(note) for note in status.notes],
        routine=routine_result(overview.plan) if overview.plan else None,
        plan=overview.plan,
        refusal=for_people(overview.refusal) if overview.refusal else None,
        screened_on=status.screened_at.astimezone(zone).strftime("%d %b %Y")
        if status.screened_at
        else None,
        scores=SCORES,
        pain_error=pain_error,
        plain=for_people,
    )


def plan_missing(overview: TodayOverview) -> bool:
    """The safety net opens by itself when there is no routine to look at (or none yet)."""
    return overview.plan is None


@router.post("/pain")
def add_pain(
    request: Request,
    score: Annotated[str, Form(max_length=8)],
    when: Annotated[str, Form(max_length=32)] = "morning",
    token: Annotated[str | None, Form(alias=FORM_FIELD)] = None,
) -> Response:
    """Log one pain score (0-10) at a moment of the day, in one tap from today's page."""
    check_form_token(request, token)
    who = signed_in(request)
    try:
        chosen = parse_score(score)
        with runner_action(request, who, write=True) as action:
            log_pain(action, chosen, when)
    except BackstrideError as error:
        return _today_page(request, status_of(error), pain_error=str(error))
    return RedirectResponse("/today?logged=1", status_code=303)
