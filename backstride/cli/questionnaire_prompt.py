"""The interactive screening in the terminal: one question at a time, keyboard only."""

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.text import Text

from backstride.domain.questionnaire import QUESTIONS, Question, emergency_so_far, next_question
from backstride.domain.replies import parse_reply
from backstride.domain.screening import Screening
from backstride.errors import Cancelled, InvalidInput
from backstride.services.screening import finish_questionnaire

Ask = Callable[[Question, str], str]
"""Reads one reply: given the question and the prompt to show, returns what was typed."""


def terminal_ask(console: Console) -> Ask:
    """Read replies from the keyboard through the console."""

    def ask(_question: Question, prompt: str) -> str:
        return console.input(Text(prompt, style="bold"))

    return ask


SCREEN_INTRO = (
    "A few questions about warning signs come first, then about your pain. "
    "Answer with the letter or number shown. Ctrl-C stops; nothing is kept."
)


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
    number = 0
    try:
        while (question := next_question(answers, questions)) is not None:
            number += 1
            answers[question.id] = _ask_until_valid(question, number, ask, console)
            emergency = emergency_so_far(answers)
            if emergency is not None:
                return emergency
    except (KeyboardInterrupt, EOFError):
        console.print()
        raise Cancelled("screening stopped before the end; nothing was kept") from None
    return finish(answers)


def _ask_until_valid(question: Question, number: int, ask: Ask, console: Console) -> Any:
    console.print()
    console.print(Text.assemble((f"{number}. ", "bold cyan"), (question.text, "bold")))
    if question.hint:
        console.print(Text(f"   {question.hint}", style="dim"))
    for option in question.options:
        console.print(Text.assemble(("   " + option.key, "bold"), f"  {option.label}"))
    while True:
        reply = ask(question, _prompt(question))
        try:
            return parse_reply(question, reply)
        except InvalidInput as problem:
            console.print(Text(f"   {problem}", style="yellow"))


def _prompt(question: Question) -> str:
    if question.kind == "yes_no":
        return "   [y/n] > "
    if question.kind in ("integer", "number"):
        low, high = int(question.minimum), int(question.maximum)
        return f"   [{low}-{high}] > "
    return "   > "


def check_in_and_save(intro: str) -> Screening:
    """Ask the warning-sign questions on top of the stored answers, and store the result."""
    from backstride.cli.console import out_console
    from backstride.services.context import local_action
    from backstride.services.screening import (
        check_in_questions,
        finish_check_in,
        previous_answers,
        record_screening,
    )

    with local_action() as action:
        previous = previous_answers(action)
    console = out_console()
    result = run_questionnaire(
        terminal_ask(console),
        console,
        questions=check_in_questions(previous),
        intro=intro,
        finish=finish_check_in(previous),
    )
    with local_action() as action:
        record_screening(action, result, "check_in")
    return result
