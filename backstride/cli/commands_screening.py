"""Commands for the safety screening: screen and check-in."""

from typing import Annotated

import typer

commands = typer.Typer(rich_markup_mode=None)


@commands.command()
def screen(
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Screen from a JSON answers file ('-' reads standard input); see "
            "screening-answers.md for the fields.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    no_save: Annotated[
        bool, typer.Option("--no-save", help="Only evaluate; do not store the result.")
    ] = False,
    history: Annotated[
        bool, typer.Option("--history", help="List past screenings and check-ins.")
    ] = False,
) -> None:
    """Check for warning signs that need a doctor, and find your pain pattern.

    Without --answers, asks the questions one at a time in the terminal.
    """
    from backstride.cli.local_action import local_action
    from backstride.cli.screening_views import render_history, render_screening
    from backstride.services.screening import record_screening, screening_history

    if history:
        with local_action() as action:
            render_history(screening_history(action), as_json=as_json, zone=action.zone)
        return
    if answers is None:
        from backstride.cli.console import out_console
        from backstride.cli.questionnaire_prompt import screen_and_save

        if no_save:
            from backstride.cli.questionnaire_prompt import run_questionnaire, terminal_ask

            console = out_console()
            result = run_questionnaire(terminal_ask(console), console)
            console.print()
            render_screening(result, as_json=as_json)
            return
        outcome = screen_and_save()
        out_console().print()
        render_screening(outcome.result, as_json=as_json, status=outcome.status, zone=outcome.zone)
        return
    from backstride.cli.answers_file import read_answers_text
    from backstride.services.screening import answers_from_json, screen_answers

    text, origin = read_answers_text(answers)
    result = screen_answers(answers_from_json(text, origin))
    if no_save:
        render_screening(result, as_json=as_json)
        return
    with local_action() as action:
        status = record_screening(action, result, "screen")
        zone = action.zone
    render_screening(result, as_json=as_json, status=status, zone=zone)


@commands.command("check-in")
def check_in(
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Check in from a JSON object of warning-sign answers ('-' reads standard "
            "input); fields left out keep their last value. Needs a full screening first.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Anything new since last time? The warning-sign questions again, before a session."""
    from backstride.cli.console import out_console
    from backstride.cli.screening_views import render_check_in, render_screening

    if answers is None:
        from backstride.cli.questionnaire_prompt import check_in_and_save

        outcome = check_in_and_save(
            "Anything new since last time? Answer for how things are now. < goes back; ? is "
            "not sure (taken as yes). Ctrl-C stops."
        )
        out_console().print()
        render_check_in(outcome, as_json=as_json)
        return
    from backstride.cli.answers_file import read_answers_text
    from backstride.cli.local_action import local_action
    from backstride.services.screening import check_in_from_json, record_screening

    text, origin = read_answers_text(answers)
    with local_action() as action:
        result = check_in_from_json(action, text, origin)
        status = record_screening(action, result, "check_in")
        zone = action.zone
    render_screening(result, as_json=as_json, show_pattern=False, status=status, zone=zone)
