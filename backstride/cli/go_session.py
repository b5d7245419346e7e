"""`backstride go` end to end: the safety gate, the full-screen player, saving the session."""

import sys
import time
from datetime import UTC, datetime

from rich.console import RenderableType
from rich.live import Live
from rich.table import Table
from rich.text import Text

from backstride.cli.console import out_console, print_json
from backstride.cli.go_loop import LoopResult, play_session
from backstride.cli.keys import KeyReader
from backstride.cli.questionnaire_prompt import check_in_and_save
from backstride.cli.screening_views import render_screening
from backstride.cli.sounds import Sounds
from backstride.domain.session import Step, timeline, total_duration_s
from backstride.domain.session_outcome import summarise
from backstride.errors import InvalidInput, SafetyRefusal
from backstride.services.context import local_action
from backstride.services.routine import RoutinePlan, todays_routine
from backstride.services.sessions import PlayedSession, record_session

CHECK_IN_INTRO = "Warning-sign questions before you start. Answer for how things are now."


def _plan(minutes: int | None, goal: str | None) -> RoutinePlan:
    with local_action() as action:
        return todays_routine(action, minutes, goal)


def dry_run_timeline(minutes: int | None, goal: str | None, *, as_json: bool) -> None:
    """Print the steps the player would play, without playing them."""
    steps = timeline(_plan(minutes, goal).routine)
    if as_json:
        print_json({"steps": [step.to_json() for step in steps]})
        return
    table = Table(title=f"{len(steps)} steps, {total_duration_s(steps) / 60:.1f} min")
    for column in ("#", "kind", "what", "round", "seconds"):
        table.add_column(column)
    for number, step in enumerate(steps, 1):
        table.add_row(str(number), step.kind, step.label, str(step.round), f"{step.duration_s:g}")
    out_console().print(table)


def run_guided_session(minutes: int | None, goal: str | None, *, quiet: bool) -> None:
    """Check, play, ask, save; a session stopped early is saved as partial."""
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        raise InvalidInput(
            "backstride go needs an interactive terminal; 'backstride go --dry-run' prints "
            "the timeline instead"
        )
    console = out_console()
    plan = _plan(minutes, goal)
    if _needs_check_in(plan):
        _check_in()
        plan = _plan(minutes, goal)
    steps = timeline(plan.routine)
    started = datetime.now(UTC)
    sounds = Sounds(sys.stdout, quiet)
    with KeyReader() as keys, Live(console=console, screen=True, auto_refresh=False) as live:

        def show(panel: RenderableType) -> None:
            live.update(panel, refresh=True)

        result = play_session(steps, time.monotonic, keys.read, show, sounds)
    if result.leg_symptoms_step is not None:
        console.print(
            Text(
                "Leg symptoms: the session stops here. A few warning-sign questions now.",
                style="bold yellow",
            )
        )
        _check_in()
    rpe = _ask_effort() if result.completions else None
    _save(plan, steps, result, started, rpe)
    _summary(result)


def _needs_check_in(plan: RoutinePlan) -> bool:
    """Always after see_clinician; otherwise when the runner says something has changed."""
    if plan.screening.triage == "see_clinician":
        return True
    typed = out_console().input(
        Text(
            "Anything new since your last screening: warning signs, or leg symptoms that are "
            "new or spreading? [y/N] ",
            style="bold",
        )
    )
    return typed.strip().lower() in ("y", "yes")


def _check_in() -> None:
    result = check_in_and_save(CHECK_IN_INTRO)
    if not result.exercises_allowed:
        render_screening(result, as_json=False, show_pattern=False)
        raise SafetyRefusal("no exercise today: follow the advice above")


def _ask_effort() -> int | None:
    terminal = out_console()
    while True:
        typed = terminal.input(
            Text("How hard was that, 0 (rest) to 10 (maximal)? Enter skips: ", style="bold")
        ).strip()
        if typed == "":
            return None
        if typed.isdigit() and 0 <= int(typed) <= 10:
            return int(typed)
        terminal.print(Text(f"{typed!r} is not 0 to 10", style="yellow"))


def _save(
    plan: RoutinePlan, steps: list[Step], result: LoopResult, started: datetime, rpe: int | None
) -> None:
    outcomes = summarise(steps, result.completions, result.pain_answers, result.leg_symptoms_step)
    played = PlayedSession(
        started_at=started,
        ended_at=datetime.now(UTC),
        active_s=result.active_s,
        completed=result.completed,
        outcomes=outcomes,
        rpe=rpe,
    )
    with local_action() as action:
        record_session(action, plan, played)


def _summary(result: LoopResult) -> None:
    terminal = out_console()
    state = "Session complete." if result.completed else "Session saved as partial."
    terminal.print(Text(state, style="bold green" if result.completed else "bold yellow"))
    terminal.print(
        Text.assemble(
            "Tomorrow morning, log how your back feels: ",
            ("backstride pain N --when morning", "bold green"),
            ". The next dose follows from it.",
        )
    )
