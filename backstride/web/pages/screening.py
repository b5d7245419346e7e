"""The screening and the check-in as a wizard: one question a page, the stop, the result, the past.

The draft answers travel in the form's hidden fields (web/questionnaire_form.py): nothing is kept
on the server until the questionnaire ends, as in the terminal, and every worker can take the
next step. Each step reads the draft again from the first question and asks the domain what
comes next; the result is screened and stored by the same services the CLI uses.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from backstride.domain.check_in import NEEDS_FULL_SCREENING
from backstride.domain.patterns import PATTERN_LABELS
from backstride.domain.plain_sources import for_people
from backstride.domain.questionnaire import QUESTIONS, Question
from backstride.domain.questionnaire_walk import (
    Step,
    answered,
    replayed,
    step_after,
    taken_back,
)
from backstride.domain.replies import parse_reply, reply_text
from backstride.domain.screening import Screening
from backstride.domain.triage_texts import HEADLINES, NEXT_STEPS, PATTERN_REASONS
from backstride.errors import Conflict, InvalidInput
from backstride.services.context import Action
from backstride.services.questionnaire import (
    Questionnaire,
    check_in_questionnaire,
    record_questionnaire,
    screening_questionnaire,
    stored_reasons,
    stored_screening,
)
from backstride.services.routine import safety_now
from backstride.services.screening import screening_history
from backstride.web.auth import check_form_token, runner_action, signed_in
from backstride.web.errors import status_of
from backstride.web.questionnaire_form import Sent, draft_fields, read_sent, sent_form, sent_token
from backstride.web.templating import page

router = APIRouter()
Form = Annotated[FormData, Depends(sent_form)]
OUT_OF_DATE = (
    "this page is out of date (the questions changed since it was shown, or it was sent "
    "twice); start again from the first question"
)
LABELS: dict[str, str] = {str(key): label for key, label in PATTERN_LABELS.items()}
NOT_SURE_TEXT = {q.id: q.text for q in QUESTIONS if q.takes_not_sure}


@dataclass(frozen=True, slots=True)
class Flow:
    """One wizard: where it lives, what it is called, and the questionnaire it walks."""

    path: str
    title: str
    intro: str
    build: Callable[[Action], Questionnaire | None]


SCREEN = Flow(
    "/screen",
    "Screening",
    "Questions about warning signs come first, then questions about your pain: one question "
    "a page. Back takes you one question back. On a warning-sign question you can answer "
    "“Not sure”: it counts as yes, to be safe, and the result says so. Nothing is kept until "
    "the last answer.",
    screening_questionnaire,
)
CHECK_IN = Flow(
    "/check-in",
    "Check-in",
    "Anything new since your last screening? The warning-sign questions again: answer for how "
    "things are now. “Not sure” counts as yes, to be safe. Nothing is kept until the last "
    "answer.",
    check_in_questionnaire,
)


def _no_store(response: Response) -> Response:
    """Answers about one's health are not kept in any cache (a shared computer's back button)."""
    response.headers["cache-control"] = "no-store"
    return response


@router.get("/screen")
def screen_start(request: Request, after: str = "") -> Response:
    """The first question of the full screening (the doctor question while an alarm stands)."""
    note = NEEDS_FULL_SCREENING if after == "check-in" else None
    return _start(request, SCREEN, note)


@router.post("/screen")
def screen_step(request: Request, form: Form) -> Response:
    """One step of the screening: an answer, back, or keeping an emergency answer."""
    check_form_token(request, sent_token(form))
    return _step(request, SCREEN, form)


@router.get("/check-in")
def check_in_start(request: Request) -> Response:
    """The first warning-sign question of a check-in; without a full screening, the screening."""
    return _start(request, CHECK_IN, None)


@router.post("/check-in")
def check_in_step(request: Request, form: Form) -> Response:
    """One step of the check-in."""
    check_form_token(request, sent_token(form))
    return _step(request, CHECK_IN, form)


def _start(request: Request, flow: Flow, note: str | None) -> Response:
    who = signed_in(request)
    with runner_action(request, who, write=False) as action:
        questionnaire = flow.build(action)
    if questionnaire is None:
        return RedirectResponse("/screen?after=check-in", status_code=303)
    step = step_after({}, questionnaire.questions)
    return _question_page(request, flow, questionnaire, {}, step, note=note)


def _step(request: Request, flow: Flow, form: FormData) -> Response:
    who = signed_in(request)
    with runner_action(request, who, write=False) as action:
        questionnaire = flow.build(action)
    if questionnaire is None:
        return RedirectResponse("/screen?after=check-in", status_code=303)
    try:
        sent = read_sent(form)
        answers = replayed(sent.draft, questionnaire.questions)
    except InvalidInput as error:
        return _problem(request, flow, error)
    step = step_after(answers, questionnaire.questions)
    if sent.move == "back":
        return _back(request, flow, questionnaire, answers)
    if step.emergency is not None:
        if sent.move == "keep":
            return _record(request, flow, questionnaire, lambda _: step.emergency)
        return _emergency_page(request, flow, questionnaire, answers, step.emergency)
    if sent.move == "keep":
        return _problem(request, flow, InvalidInput("there is no emergency answer to keep here"))
    if step.question is None:
        return _record(request, flow, questionnaire, lambda q: q.finish(answers))
    if sent.question != step.question.id:
        return _problem(request, flow, Conflict(OUT_OF_DATE))
    return _answer(request, flow, questionnaire, answers, step.question, sent)


def _answer(
    request: Request,
    flow: Flow,
    questionnaire: Questionnaire,
    answers: dict[str, Any],
    question: Question,
    sent: Sent,
) -> Response:
    try:
        value = parse_reply(question, sent.reply)
    except InvalidInput as error:
        step = step_after(answers, questionnaire.questions)
        return _question_page(
            request, flow, questionnaire, answers, step, sent.parts, str(error), status_of(error)
        )
    answers = answered(answers, question, value)
    step = step_after(answers, questionnaire.questions)
    if step.emergency is not None:
        return _emergency_page(request, flow, questionnaire, answers, step.emergency)
    if step.question is None:
        return _record(request, flow, questionnaire, lambda q: q.finish(answers))
    return _question_page(request, flow, questionnaire, answers, step)


def _back(
    request: Request, flow: Flow, questionnaire: Questionnaire, answers: dict[str, Any]
) -> Response:
    """One question back: that answer is taken away, and shown chosen on its page again."""
    kept = taken_back(answers)
    step = step_after(kept, questionnaire.questions)
    chosen: tuple[str, ...] = ()
    if answers and step.question is not None and step.question.id in answers:
        chosen = tuple(reply_text(step.question, answers[step.question.id]).split(","))
    return _question_page(request, flow, questionnaire, kept, step, chosen)


def _record(
    request: Request,
    flow: Flow,
    asked: Questionnaire,
    end: Callable[[Questionnaire], Screening | None],
) -> Response:
    """Screen and store in one transaction, on the questionnaire as it stands at that moment."""
    who = signed_in(request)
    with runner_action(request, who, write=True) as action:
        questionnaire = flow.build(action)
        if questionnaire is None or questionnaire.questions != asked.questions:
            raise Conflict(OUT_OF_DATE)
        result = end(questionnaire)
        assert result is not None
        record_id, _ = record_questionnaire(action, questionnaire, result)
    query = f"?{urlencode({'unsure': ','.join(result.unsure)})}" if result.unsure else ""
    return RedirectResponse(f"/screen/result/{record_id}{query}", status_code=303)


def _options(question: Question) -> list[tuple[str, str]]:
    """Each choice as (the value sent, its label)."""
    if question.kind == "yes_no":
        choices = [("y", "Yes"), ("n", "No")]
        return [*choices, ("?", "Not sure")] if question.takes_not_sure else choices
    return [
        (option.key, option.label[:1].upper() + option.label[1:]) for option in question.options
    ]


def _question_page(
    request: Request,
    flow: Flow,
    questionnaire: Questionnaire,
    answers: dict[str, Any],
    step: Step,
    chosen: tuple[str, ...] = (),
    error: str | None = None,
    status_code: int = 200,
    note: str | None = None,
) -> Response:
    question = step.question
    if question is None:  # only a tampered "back" from a finished draft lands here
        return _problem(request, flow, Conflict(OUT_OF_DATE))
    return _no_store(
        page(
            request,
            "screening_question.html",
            status_code,
            title=f"{flow.title}: question {step.number}",
            flow=flow,
            step=step,
            question=question,
            options=_options(question),
            chosen=chosen,
            draft=draft_fields(answers, questionnaire.questions),
            error=error,
            note=note,
        )
    )


def _emergency_page(
    request: Request,
    flow: Flow,
    questionnaire: Questionnaire,
    answers: dict[str, Any],
    emergency: Screening,
) -> Response:
    """What to do now, the rules in plain words, the safety net; keep the answer or take it back."""
    latest = next(reversed(answers))
    question = next(q for q in questionnaire.questions if q.id == latest)
    label = dict(_options(question)).get(reply_text(question, answers[latest]), "")
    return _no_store(
        page(
            request,
            "screening_emergency.html",
            title="Get help now",
            flow=flow,
            question=question,
            label=label,
            reasons=[for_people(rule.reason) for rule in emergency.fired],
            headline=HEADLINES["emergency"],
            next_steps=for_people(NEXT_STEPS["emergency"]),
            safety_net=emergency.safety_net,
            unsure=[NOT_SURE_TEXT[qid] for qid in emergency.unsure if qid in NOT_SURE_TEXT],
            draft=draft_fields(answers, questionnaire.questions),
        )
    )


def _problem(request: Request, flow: Flow, error: InvalidInput | Conflict) -> Response:
    """A draft that cannot be read: said plainly, nothing stored, a way to start again."""
    return _no_store(
        page(
            request,
            "screening_problem.html",
            status_of(error),
            title="That did not work",
            flow=flow,
            message=str(error),
        )
    )


@router.get("/screen/result/{record_id}")
def screening_result(request: Request, record_id: str, unsure: str = "") -> Response:
    """A stored result: the level now first, then this result's reasons, steps and pattern."""
    who = signed_in(request)
    with runner_action(request, who, write=False) as action:
        record = stored_screening(action, record_id[:64])
        status = safety_now(action)
        zone = action.zone
    level = status.level
    assert level is not None  # a stored record makes a level
    shows_pattern = record.kind == "screen" and record.triage in ("see_clinician", "self_care")
    return _no_store(
        page(
            request,
            "screening_result.html",
            title="Your result",
            record=record,
            taken_on=record.taken_at.astimezone(zone).strftime("%d %b %Y, %H:%M"),
            level=level,
            status=status,
            held_on=status.held.taken_at.astimezone(zone).strftime("%d %b %Y")
            if status.held
            else None,
            headline=HEADLINES[level],
            next_steps=for_people(NEXT_STEPS[level]),
            level_reasons=[for_people(rule.reason) for rule in status.reasons],
            record_headline=HEADLINES[record.triage],
            record_reasons=[for_people(reason) for reason in stored_reasons(record)],
            record_steps=for_people(NEXT_STEPS[record.triage]),
            pattern=LABELS.get(record.pattern) if shows_pattern else None,
            pattern_reason=PATTERN_REASONS.get(record.pattern) if shows_pattern else None,
            unsure=[NOT_SURE_TEXT[q] for q in unsure.split(",")[:60] if q in NOT_SURE_TEXT],
        )
    )


@router.get("/screen/history")
def history(request: Request) -> Response:
    """Every past screening and check-in, newest first, dated on the runner's clock."""
    who = signed_in(request)
    with runner_action(request, who, write=False) as action:
        past = screening_history(action)
        zone = action.zone
    rows = [
        (
            record,
            record.taken_at.astimezone(zone).strftime("%d %b %Y, %H:%M"),
            "-" if record.kind == "screen_stopped" else record.pattern.replace("_", " "),
        )
        for record in past
    ]
    return _no_store(page(request, "screening_history.html", title="Past screenings", rows=rows))
