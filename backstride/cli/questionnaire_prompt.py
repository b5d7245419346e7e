"""The interactive screening in the terminal: one question at a time, keyboard only."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, tzinfo
from typing import Any

from rich.console import Console
from rich.text import Text

from backstride.domain.questionnaire import QUESTIONS, Question
from backstride.domain.questionnaire_walk import answered, step_after, taken_back
from backstride.domain.replies import parse_reply
from backstride.domain.safety_status import SafetyStatus
from backstride.domain.screening import Screening
from backstride.errors import Cancelled, InvalidInput
from backstride.services.screening import finish_questionnaire

BACK = ("<", "back")  # "b" is already "better" in the trend question

Ask = Callable[[Question, str], str]
"""Reads one reply: given the question and the prompt to show, returns what was typed."""


def terminal_ask(console: Console) -> Ask:
    """Read replies from the keyboard through the console."""

    def ask(_question: Question, prompt: str) -> str:
        return console.input(Text(prompt, style="bold"))

    return ask


SCREEN_INTRO = (
    "A few questions about warning signs come first, then about your pain. "
    "Answer with the letter or number shown; < (or back) goes back one question; for a "
    "warning sign, ? means not sure (taken as yes, to be safe). Ctrl-C stops; nothing is kept."
)
KEEP_OR_BACK = "   Typed that by mistake? < changes that answer; Enter keeps it. > "
CONFIRM_EMERGENCY = Question(
    "confirm_emergency", "Keep that answer, or go back to change it?", "choice"
)
"""Asked once after an answer that is an emergency sign: a stray key can be taken back."""


@dataclass(frozen=True, slots=True)
class ScreeningOutcome:
    """A stored screening or check-in and the level now that it leads to."""

    result: Screening
    status: SafetyStatus
    zone: tzinfo = UTC
    """The runner's zone, for the dates the result shows."""

    @property
    def exercises_allowed(self) -> bool:
        """Whether any exercise may follow: decided by the level now, not this result alone."""
        return self.status.exercises_allowed


def run_questionnaire(
    ask: Ask,
    console: Console,
    questions: tuple[Question, ...] = QUESTIONS,
    intro: str = SCREEN_INTRO,
    finish: Callable[[dict[str, Any]], Screening] = finish_questionnaire,
) -> Screening:
    """Ask until done or until an answer is an emergency; Ctrl-C or end of input cancels."""
    console.print(Text(intro, style="dim"))
    answers: dict[str, Any] = {}
    try:
        while not (step := step_after(answers, questions)).finished:
            if step.emergency is not None:
                if _keep_emergency(ask, console):
                    return step.emergency
                answers = taken_back(answers)
                continue
            assert step.question is not None
            reply = _ask_until_valid(step.question, step.number, ask, console, step.can_go_back)
            if reply is _GO_BACK:
                answers = taken_back(answers)
                continue
            answers = answered(answers, step.question, reply)
    except (KeyboardInterrupt, EOFError):
        console.print()
        raise Cancelled("screening stopped before the end; nothing was kept") from None
    return finish(answers)


_GO_BACK = object()


def _keep_emergency(ask: Ask, console: Console) -> bool:
    """An emergency answer stops the questions; a typo on it can still be taken back."""
    console.print(Text("   That answer is a sign that needs help now.", style="bold white on red"))
    try:
        reply = ask(CONFIRM_EMERGENCY, KEEP_OR_BACK)
    except EOFError:
        return True
    return reply.strip().lower() not in BACK


def _ask_until_valid(
    question: Question, number: int, ask: Ask, console: Console, can_go_back: bool = False
) -> Any:
    console.print()
    console.print(Text.assemble((f"{number}. ", "bold cyan"), (question.text, "bold")))
    if question.hint:
        console.print(Text(f"   {question.hint}", style="dim"))
    for option in question.options:
        console.print(Text.assemble(("   " + option.key, "bold"), f"  {option.label}"))
    while True:
        reply = ask(question, _prompt(question))
        if reply.strip().lower() in BACK:
            if can_go_back:
                return _GO_BACK
            console.print(Text("   This is the first question.", style="yellow"))
            continue
        try:
            return parse_reply(question, reply)
        except InvalidInput as problem:
            console.print(Text(f"   {problem}", style="yellow"))


def _prompt(question: Question) -> str:
    if question.takes_not_sure:
        return "   [y/n/? not sure] > "
    if question.kind == "yes_no":
        return "   [y/n] > "
    if question.kind in ("integer", "number"):
        low, high = int(question.minimum), int(question.maximum)
        return f"   [{low}-{high}] > "
    return "   > "


def screen_and_save(intro: str = SCREEN_INTRO) -> ScreeningOutcome:
    """The full questionnaire (asking first about a doctor while an alarm stands), stored."""
    from backstride.cli.local_action import local_action
    from backstride.services.questionnaire import record_questionnaire, screening_questionnaire

    with local_action() as action:
        questionnaire = screening_questionnaire(action)
    console = out_console()
    result = run_questionnaire(
        terminal_ask(console), console, questions=questionnaire.questions, intro=intro
    )
    with local_action() as action:
        _, status = record_questionnaire(action, questionnaire, result)
        return ScreeningOutcome(result, status, action.zone)


def check_in_and_save(intro: str) -> ScreeningOutcome:
    """Ask the warning-sign questions on top of the stored answers, and store the result.

    With no full screening stored yet, the first check-in is a full screening (DOMAIN.md 2.1.4).
    """
    from backstride.cli.local_action import local_action
    from backstride.services.questionnaire import check_in_questionnaire, record_questionnaire

    with local_action() as action:
        questionnaire = check_in_questionnaire(action)
    console = out_console()
    if questionnaire is None:
        console.print(
            Text(
                "No full screening is stored yet, so this check-in is the full screening.",
                style="bold",
            )
        )
        return screen_and_save()
    result = run_questionnaire(
        terminal_ask(console),
        console,
        questions=questionnaire.questions,
        intro=intro,
        finish=questionnaire.finish,
    )
    with local_action() as action:
        _, status = record_questionnaire(action, questionnaire, result)
        return ScreeningOutcome(result, status, action.zone)


def out_console() -> Console:
    """The console replies are read from (imported late: tests swap it)."""
    from backstride.cli.console import out_console as console

    return console()
