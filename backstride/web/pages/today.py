"""The runner's day: the level first, today's routine and why, the morning-pain question.

The morning score is sent to POST /pain (pages/journal.py), which comes back here.
"""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from backstride.domain.plain_sources import for_people
from backstride.domain.triage_texts import HEADLINES, NEXT_STEPS, SAFETY_NET
from backstride.services.routine import TodayOverview, today_overview
from backstride.services.routine_result import routine_result
from backstride.web.auth import runner_action, signed_in
from backstride.web.templating import page

router = APIRouter()
SCORES = tuple(range(11))


@router.get("/today")
def today(request: Request) -> Response:
    """The level now; the routine, or why there is none today; the one next step."""
    return today_page(request)


def today_page(request: Request, status_code: int = 200, pain_error: str | None = None) -> Response:
    """Today's page, with a refused morning score's message when there is one."""
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
        zone=zone,
        pain_error=pain_error,
        plain=for_people,
    )


def plan_missing(overview: TodayOverview) -> bool:
    """The safety net opens by itself when there is no routine to look at (or none yet)."""
    return overview.plan is None
