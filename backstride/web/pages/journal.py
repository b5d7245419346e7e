"""The pain journal: a score in two taps, entries edited or deleted, the history and its trend."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from backstride.documents.pain_chart import pain_chart
from backstride.domain.choices import spelled
from backstride.domain.pain import PAIN_REACHES, PAIN_SIDES, PAIN_WHENS, PainEntry
from backstride.domain.plain_sources import for_people
from backstride.errors import BackstrideError, InvalidInput
from backstride.services.pain import (
    CHART_DAYS,
    PainHistory,
    StoredPain,
    delete_pain_entry,
    edit_pain_entry,
    log_pain,
    pain_entries_by_id,
    pain_entry_of,
    pain_history,
    parse_score,
)
from backstride.web.auth import FORM_FIELD, check_form_token, runner_action, signed_in
from backstride.web.errors import status_of
from backstride.web.pages.today import today_page
from backstride.web.templating import page

router = APIRouter()
SCORES = tuple(range(11))
BACK_TO = {"today": "/today?logged=1", "pain": "/pain?logged=1"}
"""The pages a logged score may return to, by the name a form sends."""
WHEN_WORDS = {
    "morning": "morning",
    "during_run": "during a run",
    "after_run": "after a run",
    "during_exercise": "during exercises",
    "after_session": "after a session",
    "evening": "evening",
}
REACH_WORDS = {
    "back": "back only",
    "buttock": "buttock",
    "thigh": "thigh",
    "below_knee": "below the knee",
}
SIDE_WORDS = {"central": "in the middle", "left": "left", "right": "right", "both": "both sides"}
SHOWN_ENTRIES = 50
SHOWN_WEEKS = 12
WORD = 32
"""Longer than any moment, reach or side a form sends."""


@dataclass(frozen=True, slots=True)
class Fields:
    """What a pain form holds: shown again, as typed, when it is refused."""

    score: str = ""
    when: str = ""
    where: str = "back"
    side: str = "central"
    note: str = ""


def _choices(words: dict[str, str], valid: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(spelled(value), words[value]) for value in valid]


CHOICES = {
    "whens": _choices(WHEN_WORDS, PAIN_WHENS),
    "reaches": _choices(REACH_WORDS, PAIN_REACHES),
    "sides": _choices(SIDE_WORDS, PAIN_SIDES),
    "scores": SCORES,
}


def _moment_now(hour: int) -> str:
    """The moment the form offers first: morning before 11, evening from 18, else none."""
    return "morning" if hour < 11 else "evening" if hour >= 18 else ""


def _chart_rows(first_day: date, daily: list[float | None]) -> list[tuple[date, float | None]]:
    return [(first_day + timedelta(days=i), value) for i, value in enumerate(daily)]


def _chart_description(rows: list[tuple[date, float | None]]) -> str:
    known = [(day, value) for day, value in rows if value is not None]
    if not known:
        return f"No pain logged in the last {len(rows)} days."
    lowest = min(value for _, value in known)
    highest = max(value for _, value in known)
    day, value = known[-1]
    return (
        f"{len(known)} of the last {len(rows)} days have entries; daily means from "
        f"{lowest:.1f} to {highest:.1f} out of 10; the latest, {day:%a %d %b}, is {value:.1f}. "
        "Days without entries are gaps. The table beside the chart lists every day."
    )


def journal_page(
    request: Request,
    status_code: int = 200,
    error: str | None = None,
    fields: Fields | None = None,
    show: str = "",
) -> Response:
    """The journal: the two-tap form, the latest entries, weekly means, the chart, the trend."""
    who = signed_in(request)
    history: PainHistory | None = None
    with runner_action(request, who, write=False) as action:
        records = pain_entries_by_id(action)
        today = action.today
        hour = action.local(action.now).hour
        try:
            history = pain_history(action, show or None)
        except InvalidInput as refused:
            error, status_code, show = str(refused), status_of(refused), ""
            history = pain_history(action)
    first_day = today - timedelta(days=CHART_DAYS - 1)
    rows = _chart_rows(first_day, history.daily)
    title = f"Daily mean pain, the last {CHART_DAYS} days"
    latest = records[-1].entry if records else None
    return page(
        request,
        "journal.html",
        status_code,
        title="Pain journal",
        error=error,
        fields=fields or Fields(when=_moment_now(hour)),
        history=history,
        records=list(reversed(records[-SHOWN_ENTRIES:])),
        total=len(records),
        weeks=history.weekly[-SHOWN_WEEKS:],
        chart=Markup(pain_chart(first_day, history.daily, title, _chart_description(rows))),
        chart_title=title,
        rows=rows,
        explanation=for_people(history.trend.explanation),
        logged=request.query_params.get("logged") == "1" and latest is not None,
        nudge=latest is not None and _calls_for_check_in(latest),
        deleted=request.query_params.get("deleted") == "1",
        show=show,
        words=WHEN_WORDS | REACH_WORDS | SIDE_WORDS,
        **CHOICES,
    )


def _calls_for_check_in(entry: PainEntry) -> bool:
    return entry.score >= 7 or entry.reaches == "below_knee"


@router.get("/pain")
def journal(request: Request, show: Annotated[str, Query(max_length=WORD)] = "") -> Response:
    """The pain journal; `show` keeps one moment of the day in the history (as `--when`)."""
    return journal_page(request, show=show)


@router.post("/pain")
def add_pain(
    request: Request,
    score: Annotated[str, Form(max_length=8)] = "",
    when: Annotated[str, Form(max_length=WORD)] = "morning",
    where: Annotated[str, Form(max_length=WORD)] = "back",
    side: Annotated[str, Form(max_length=WORD)] = "central",
    note: Annotated[str, Form()] = "",
    back_to: Annotated[str, Form(max_length=WORD)] = "today",
    token: Annotated[str | None, Form(alias=FORM_FIELD)] = None,
) -> Response:
    """Log one pain score (0-10) at a moment of the day; back to today's page or the journal."""
    check_form_token(request, token)
    who = signed_in(request)
    fields = Fields(score, when, where, side, note)
    if back_to not in BACK_TO:
        message = f"unknown page {back_to[:40]!r} to go back to: valid: {', '.join(BACK_TO)}"
        return journal_page(request, 422, message, fields)
    try:
        chosen = parse_score(score)
        with runner_action(request, who, write=True) as action:
            log_pain(action, chosen, when, where, side, note)
    except BackstrideError as error:
        if back_to == "today":
            return today_page(request, status_of(error), pain_error=str(error))
        return journal_page(request, status_of(error), str(error), fields)
    return RedirectResponse(BACK_TO[back_to], status_code=303)


def _edit_page(
    request: Request,
    record: StoredPain,
    fields: Fields,
    status_code: int = 200,
    error: str | None = None,
) -> Response:
    return page(
        request,
        "journal_edit.html",
        status_code,
        title="Change a pain entry",
        record=record,
        fields=fields,
        error=error,
        words=WHEN_WORDS,
        **CHOICES,
    )


def _fields_of(entry: PainEntry) -> Fields:
    return Fields(
        str(entry.score), spelled(entry.when), spelled(entry.reaches), entry.side, entry.note
    )


@router.get("/pain/{entry_id}/edit")
def edit_form(request: Request, entry_id: str) -> Response:
    """One of the runner's entries in a form to change; another runner's id is 404."""
    who = signed_in(request)
    with runner_action(request, who, write=False) as action:
        record = pain_entry_of(action, entry_id)
    return _edit_page(request, record, _fields_of(record.entry))


@router.post("/pain/{entry_id}/edit")
def save_edit(
    request: Request,
    entry_id: str,
    score: Annotated[str, Form(max_length=8)] = "",
    when: Annotated[str, Form(max_length=WORD)] = "",
    where: Annotated[str, Form(max_length=WORD)] = "back",
    side: Annotated[str, Form(max_length=WORD)] = "central",
    note: Annotated[str, Form()] = "",
    token: Annotated[str | None, Form(alias=FORM_FIELD)] = None,
) -> Response:
    """Store the changed entry; a refused value shows the form again and changes nothing."""
    check_form_token(request, token)
    who = signed_in(request)
    with runner_action(request, who, write=False) as action:
        record = pain_entry_of(action, entry_id)
    try:
        chosen = parse_score(score)
        with runner_action(request, who, write=True) as action:
            edit_pain_entry(
                action, entry_id, score=chosen, when=when, reaches=where, side=side, note=note
            )
    except InvalidInput as error:
        fields = Fields(score, when, where, side, note)
        return _edit_page(request, record, fields, status_of(error), str(error))
    return RedirectResponse("/pain?changed=1", status_code=303)


@router.post("/pain/{entry_id}/delete")
def remove(
    request: Request,
    entry_id: str,
    token: Annotated[str | None, Form(alias=FORM_FIELD)] = None,
) -> Response:
    """Delete one of the runner's entries; another runner's id is 404 and deletes nothing."""
    check_form_token(request, token)
    who = signed_in(request)
    with runner_action(request, who, write=True) as action:
        delete_pain_entry(action, entry_id)
    return RedirectResponse("/pain?deleted=1", status_code=303)
