"""The routine page: today's exercises, each with its dose, why, and today's step; or why none."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from backstride.domain.plain_sources import for_people
from backstride.domain.routine_builder import GOALS
from backstride.domain.screening import Level
from backstride.domain.triage_texts import SAFETY_NET
from backstride.errors import InvalidInput, SafetyRefusal
from backstride.services.handout import handout_document, handout_pdf
from backstride.services.routine import safety_now, todays_routine
from backstride.services.routine_result import routine_result
from backstride.web.auth import runner_action, signed_in
from backstride.web.errors import status_of
from backstride.web.refusal import refusal_context
from backstride.web.templating import page

router = APIRouter()
GOAL_WORDS = {"ease": "ease the pain now", "prevent": "stop it coming back"}
DECISION_WORDS = {
    "progress": "Step up",
    "hold": "Same dose",
    "regress": "Step down",
    "stop": "Stop",
}
"""Today's progression decision in a runner's words."""


def parse_minutes(typed: str) -> int | None:
    """The minutes typed in the form; empty means the usual 20, anything else a whole number."""
    text = typed.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 6:
        raise InvalidInput(
            f"minutes {typed[:20]!r} is not a whole number of minutes: give 5 to 120",
            field="minutes",
        )
    return int(text)


@router.get("/routine")
def routine(request: Request, minutes: str = "", goal: str = "") -> Response:
    """Today's routine for the time and goal asked for, with the reason for every choice."""
    who = signed_in(request)
    asked = {"minutes": minutes[:20], "goal": goal[:20]}
    with runner_action(request, who, write=False) as action:
        try:
            plan = todays_routine(action, parse_minutes(minutes), goal[:100] or None)
        except SafetyRefusal as refusal:
            return _refusal_page(request, refusal, safety_now(action).level, asked)
        except InvalidInput as error:
            try:
                todays_routine(action)  # a refusal comes before any complaint about the form
            except SafetyRefusal as refusal:
                return _refusal_page(request, refusal, safety_now(action).level, asked)
            return _routine_page(
                request, status_of(error), asked=asked, error=str(error), field=error.field
            )
    return _routine_page(request, 200, asked=asked, plan=plan, shown=routine_result(plan))


HANDOUT_HEADERS = {
    # A document of its own (as the PDF is): its style sheet and drawings are inline, and it
    # runs no script.
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "img-src data:; frame-ancestors 'none'",
    "cache-control": "no-store",
}


@router.get("/routine/handout")
def routine_handout(request: Request) -> Response:
    """Today's programme as a page to print: exercises, doses, drawings, cautions, safety net."""
    who = signed_in(request)
    with runner_action(request, who, write=False) as action:
        document = handout_document(action)
    return HTMLResponse(document, headers=HANDOUT_HEADERS)


@router.get("/routine/handout.pdf")
def routine_handout_pdf(request: Request) -> Response:
    """The same handout as a PDF download."""
    who = signed_in(request)
    with runner_action(request, who, write=False) as action:
        pdf = handout_pdf(action)
        day = action.today
    headers = {
        **HANDOUT_HEADERS,
        "content-disposition": f'attachment; filename="backstride-handout-{day}.pdf"',
    }
    return Response(pdf, media_type="application/pdf", headers=headers)


def _refusal_page(
    request: Request, refusal: SafetyRefusal, level: Level | None, asked: dict[str, str]
) -> Response:
    return _routine_page(request, 200, asked=asked, **refusal_context(refusal, level))


def _routine_page(request: Request, status_code: int, **context: object) -> Response:
    context.setdefault("plan", None)
    context.setdefault("refusal", None)
    context.setdefault("level", None)
    return page(
        request,
        "routine.html",
        status_code,
        title="Today's routine",
        goals=GOALS,
        goal_words=GOAL_WORDS,
        decision_words=DECISION_WORDS,
        safety_net=SAFETY_NET["self_care"],
        safety_open=bool(context.get("refusal")),
        plain=for_people,
        **context,
    )
