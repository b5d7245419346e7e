"""The plan page: the week(s) ahead with reasons, moves checked against the rules, the calendar."""

from dataclasses import dataclass
from datetime import tzinfo
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from backstride.domain.plain_sources import for_people
from backstride.domain.profile import DAY_NAMES, WEEKDAYS
from backstride.domain.triage_texts import SAFETY_NET
from backstride.errors import BackstrideError, InvalidInput, SafetyRefusal
from backstride.services.calendar_feeds import calendar_feed, plan_ics
from backstride.services.plans import PlanView, week_plan
from backstride.services.programme_changes import sessions_a_week
from backstride.services.routine import safety_now
from backstride.web.auth import FORM_FIELD, check_form_token, runner_action, signed_in
from backstride.web.errors import status_of
from backstride.web.next_steps import link_of
from backstride.web.refusal import RED_LEVELS, refusal_context
from backstride.web.templating import page

router = APIRouter()
Text = Annotated[str, Form(max_length=200)]
Token = Annotated[str | None, Form(alias=FORM_FIELD)]
DEFAULT_WEEKS, DEFAULT_SESSIONS = "1", "3"
SEPARATORS = (",", "@", ":")
ACTION_WORDS = {"progress": "step up", "hold": "same dose", "regress": "step down", "stop": "stop"}
OFF_DAY = (
    "No run and no strength, so your back and legs can settle (S003, app policy); a 10-15 s "
    "draw-in is still fine if you like (S003)."
)


@dataclass(frozen=True, slots=True)
class PlanAsk:
    """The plan's form fields as typed: weeks, strength sessions a week, the running week."""

    weeks: str = DEFAULT_WEEKS
    sessions: str = DEFAULT_SESSIONS
    runs: str = ""

    def query(self) -> str:
        """The fields as the query string of the plan page and the calendar link."""
        fields = {"weeks": self.weeks, "sessions": self.sessions}
        if self.runs.strip():
            fields["runs"] = self.runs
        return urlencode(fields)


def whole_number(field: str, typed: str, valid: str) -> int:
    """A whole number typed in the form; anything else names the field and what is valid."""
    text = typed.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 6:
        raise InvalidInput(f"{field} {typed[:20]!r} is not a whole number: {valid}", field=field)
    return int(text)


def move_spec(from_day: str, to_day: str, start: str) -> str:
    """The move chosen in the form, in the form the CLI's --move takes (FROM:TO[@HH:MM])."""
    parts = (from_day.strip(), to_day.strip(), start.strip())
    if any(mark in part for part in parts for mark in SEPARATORS[:2]) or ":" in "".join(parts[:2]):
        raise InvalidInput(
            f"move {from_day[:20]!r} to {to_day[:20]!r} at {start[:20]!r} is not valid: pick "
            "a day with a strength session, the day to move it to, and a time HH:MM if you like",
            field="move",
        )
    return f"{parts[0]}:{parts[1]}" + (f"@{parts[2]}" if parts[2] else "")


def _plan_of(request: Request, ask: PlanAsk, move: str | None = None) -> tuple[PlanView, tzinfo]:
    weeks = whole_number("weeks", ask.weeks, "choose 1 to 12 weeks")
    sessions = whole_number("sessions", ask.sessions, "choose 2 or 3 strength sessions a week")
    who = signed_in(request)
    with runner_action(request, who, write=move is not None) as action:
        view = week_plan(action, ask.runs.strip() or None, weeks, sessions, move)
        return view, action.zone


@router.get("/plan")
def plan(
    request: Request,
    weeks: str = DEFAULT_WEEKS,
    sessions: str | None = None,
    runs: str = "",
    moved: str = "",
    feed: str = "",
) -> Response:
    """The plan from this week's Monday, with the reason for every day (the strength sessions a
    week as a clinician set them, unless asked for; an empty field is named as not a number)."""
    who = signed_in(request)
    if sessions is None:
        with runner_action(request, who, write=False) as action:
            sessions = str(sessions_a_week(action, None, int(DEFAULT_SESSIONS)))
    ask = PlanAsk(weeks[:20], sessions[:20], runs[:500])
    return plan_page(request, ask, moved=moved[:40], feed_revoked=feed == "revoked")


@router.post("/plan/move")
def move(
    request: Request,
    move_from: Text = "",
    move_to: Text = "",
    move_at: Text = "",
    weeks: Text = DEFAULT_WEEKS,
    sessions: Text = DEFAULT_SESSIONS,
    runs: Annotated[str, Form(max_length=500)] = "",
    token: Token = None,
) -> Response:
    """Move one strength session; checked against the plan's rules, kept only if none breaks."""
    check_form_token(request, token)
    signed_in(request)
    ask = PlanAsk(weeks, sessions, runs)
    try:
        spec = move_spec(move_from, move_to, move_at)
        _plan_of(request, ask, spec)
    except BackstrideError as error:
        return plan_page(request, ask, status_of(error), move_error=error)
    return RedirectResponse(f"/plan?{ask.query()}&{urlencode({'moved': spec})}", status_code=303)


@router.post("/plan/moves/reset")
def reset_moves(
    request: Request,
    weeks: Text = DEFAULT_WEEKS,
    sessions: Text = DEFAULT_SESSIONS,
    runs: Annotated[str, Form(max_length=500)] = "",
    token: Token = None,
) -> Response:
    """Forget the moved sessions: back to the plan's own placement."""
    check_form_token(request, token)
    who = signed_in(request)
    ask = PlanAsk(weeks, sessions, runs)
    try:
        number = whole_number("weeks", ask.weeks, "choose 1 to 12 weeks")
        per_week = whole_number("sessions", ask.sessions, "choose 2 or 3 strength sessions a week")
        with runner_action(request, who, write=True) as action:
            week_plan(action, ask.runs.strip() or None, number, per_week, None, reset_moves=True)
    except BackstrideError as error:
        return plan_page(request, ask, status_of(error), move_error=error)
    return RedirectResponse(f"/plan?{ask.query()}", status_code=303)


@router.get("/plan.ics")
def calendar(
    request: Request, weeks: str = DEFAULT_WEEKS, sessions: str = DEFAULT_SESSIONS, runs: str = ""
) -> Response:
    """The plan as the same iCalendar file `backstride plan --ics` writes, in the runner's zone."""
    who = signed_in(request)
    ask = PlanAsk(weeks[:20], sessions[:20], runs[:500])
    number = whole_number("weeks", ask.weeks, "choose 1 to 12 weeks")
    per_week = whole_number("sessions", ask.sessions, "choose 2 or 3 strength sessions a week")
    with runner_action(request, who, write=False) as action:
        content = plan_ics(action, ask.runs.strip() or None, number, per_week)
    return Response(
        content,
        media_type="text/calendar; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="backstride-plan.ics"'},
    )


def plan_page(
    request: Request,
    ask: PlanAsk,
    status_code: int = 200,
    *,
    moved: str = "",
    move_error: BackstrideError | None = None,
    new_feed: str = "",
    feed_revoked: bool = False,
) -> Response:
    """The page for these fields: the plan, the form's error, or the refusal after red flags.

    `new_feed`: the address of a calendar feed just made (shown this once).
    """
    context: dict[str, object] = {"view": None, "error": None, "field": None}
    who = signed_in(request)
    with runner_action(request, who, write=False) as action:
        context.update(feed=calendar_feed(action), new_feed=new_feed, feed_revoked=feed_revoked)
    try:
        view, _ = _plan_of(request, ask)
        context.update(_view_context(view))
    except SafetyRefusal as refusal:
        who = signed_in(request)
        with runner_action(request, who, write=False) as action:
            context.update(refusal_context(refusal, safety_now(action).level))
        move_error = None
    except InvalidInput as error:
        who = signed_in(request)
        with runner_action(request, who, write=False) as action:
            level = safety_now(action).level
        if level in RED_LEVELS:  # the refusal comes before any complaint about the form
            return plan_page(request, PlanAsk(), 200)
        status_code = status_of(error)
        context.update(error=str(error), field=error.field)
    if move_error is not None:
        context.update(
            move_error=str(move_error),
            move_link=link_of(move_error.hint),
        )
    return page(
        request,
        "plan.html",
        status_code,
        title="Your plan",
        ask=ask,
        moved=moved,
        weekdays=list(zip(WEEKDAYS, DAY_NAMES, strict=True)),
        action_words=ACTION_WORDS,
        safety_net=SAFETY_NET["self_care"],
        safety_open=bool(context.get("refusal")),
        plain=for_people,
        **context,
    )


def _view_context(view: PlanView) -> dict[str, object]:
    """What the page shows of a plan: weeks of days, off-day reasons kept out of the notes."""
    off_reasons: dict[str, str] = {}
    notes = []
    for note in view.notes:
        head, _, rest = note.partition(": full off day, ")
        day = head.lower()[:3]
        if rest and head.capitalize() == head and day in WEEKDAYS:
            off_reasons[day] = rest[:1].upper() + rest[1:]
        elif note != view.dose_note:
            notes.append(note)
    weeks = [view.days[start : start + 7] for start in range(0, len(view.days), 7)]
    first_week = view.days[:7]
    strength_days = [plan.day for _, plan in first_week if plan.strength is not None]
    return {
        "view": view,
        "weeks": weeks,
        "off_reasons": off_reasons,
        "off_day": OFF_DAY,
        "notes": notes,
        "strength_days": strength_days,
    }
