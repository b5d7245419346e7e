"""`backstride go` end to end: the safety gate, the full-screen player, saving the session."""

import sys
import time
from datetime import UTC, datetime

from rich.console import RenderableType
from rich.live import Live
from rich.table import Table
from rich.text import Text

from backstride.cli.console import out_console, print_json
from backstride.cli.exercise_views import shows_braille
from backstride.cli.go_loop import LoopResult, play_session
from backstride.cli.keys import KeyReader
from backstride.cli.local_action import local_action
from backstride.cli.questionnaire_prompt import check_in_and_save
from backstride.cli.screening_views import render_check_in
from backstride.cli.sounds import Sounds
from backstride.domain.screening import Level
from backstride.domain.session import Step, timeline, total_duration_s
from backstride.domain.session_outcome import summarise
from backstride.domain.session_safety import SAFETY_ENDS
from backstride.errors import Cancelled, InvalidInput, SafetyRefusal
from backstride.services.figures import figure_sketch
from backstride.services.routine import RoutinePlan, todays_routine
from backstride.services.session_gate import check_in_needed, safety_stop_today
from backstride.services.session_timeline_result import session_timeline_result
from backstride.services.sessions import PlayedSession, finish_session, start_session

CHECK_IN_INTRO = "Warning-sign questions before you start. Answer for how things are now."
STOP_CHECK_IN_INTRO = "Warning-sign questions after that stop. Answer for how things are now."
STOP_HEADLINES = {
    "pain_7_plus": "Pain of 7 or more: the session ends here (DOMAIN.md 2.1.4).",
    "leg_symptoms": "Leg symptoms: the session ends here (DOMAIN.md 2.1.4).",
}


def _plan(minutes: int | None, goal: str | None) -> RoutinePlan:
    with local_action() as action:
        return todays_routine(action, minutes, goal)


def dry_run_timeline(minutes: int | None, goal: str | None, *, as_json: bool) -> None:
    """Print the steps the player would play, without playing them."""
    steps = timeline(_plan(minutes, goal).routine)
    if as_json:
        print_json(session_timeline_result(steps))
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
    with local_action() as action:
        stopped = safety_stop_today(action)
    if stopped is not None:
        raise SafetyRefusal(stopped + "; log tomorrow morning's pain, then 'backstride go'")
    plan = _plan(minutes, goal)
    if _needs_check_in(plan):
        _check_in_before()
        plan = _plan(minutes, goal)
    steps = timeline(plan.routine)
    with local_action() as action:
        session_id = start_session(action, plan)
    started = datetime.now(UTC)
    sounds = Sounds(sys.stdout, quiet)
    with KeyReader() as keys, Live(console=console, screen=True, auto_refresh=False) as live:

        def show(panel: RenderableType) -> None:
            live.update(panel, refresh=True)

        sketch_of = _pose_sketch if shows_braille() else None
        result = play_session(steps, time.monotonic, keys.read, show, sounds, sketch_of)
    if result.ended_by in SAFETY_ENDS:
        _save(session_id, steps, result, started, None)  # first: a cut-short check-in keeps it
        _after_safety_stop(result)
        return
    if result.interrupted:
        _save(session_id, steps, result, started, None)
        raise Cancelled("interrupted: what you did so far is saved as a partial session")
    rpe = _ask_effort() if result.completions else None
    completed = _save(session_id, steps, result, started, rpe)
    _summary(completed, result)


def _pose_sketch(step: Step) -> tuple[str, ...]:
    """The braille pose of the rung a step works on (drawn once per rung, then remembered)."""
    assert step.exercise_id is not None
    return figure_sketch(step.exercise_id, step.level_id)


def _needs_check_in(plan: RoutinePlan) -> bool:
    """The service's rule first (see services/session_gate.py); else ask the runner."""
    with local_action() as action:
        need = check_in_needed(action, plan)
    if need.required:
        out_console().print(Text(f"Check-in first: {need.reason}.", style="bold yellow"))
        return True
    typed = out_console().input(
        Text(
            "Anything new since your last screening: warning signs, or leg symptoms that are "
            "new or spreading? [y/N] ",
            style="bold",
        )
    )
    return typed.strip().lower() in ("y", "yes")


def _check_in_before() -> None:
    outcome = check_in_and_save(CHECK_IN_INTRO)
    if not outcome.exercises_allowed:
        render_check_in(outcome)
        raise SafetyRefusal("no exercise today: follow the advice above")


def _after_safety_stop(result: LoopResult) -> None:
    """Run the check-in, show its result whatever the level, and say what comes next."""
    console = out_console()
    console.print(Text(STOP_HEADLINES[result.ended_by], style="bold yellow"))
    console.print(Text("Session saved as partial. A few warning-sign questions now.", style="bold"))
    try:
        outcome = check_in_and_save(STOP_CHECK_IN_INTRO)
    except Cancelled:
        console.print(
            Text.assemble(
                "The session is saved. Run ",
                ("backstride check-in", "bold"),
                " before any more exercise.",
            )
        )
        raise
    render_check_in(outcome)
    _what_now(outcome.status.level or "emergency")


def _what_now(level: Level) -> None:
    """After a safety stop: no more exercise today, and what to do instead."""
    console = out_console()
    if level != "self_care":
        console.print(
            Text(
                "No more exercise today. Do what the check-in says under 'What to do' "
                "before your next session.",
                style="bold red",
            )
        )
        raise SafetyRefusal("no more exercise today: follow the check-in's advice above")
    console.print(
        Text(
            "No warning signs in the check-in, but this session is over: no more exercise today.",
            style="bold yellow",
        )
    )
    console.print(
        Text.assemble(
            "Tomorrow morning, log how your back feels: ",
            ("backstride pain N --when morning", "bold green"),
            ". If the pain or the leg symptoms get worse, run ",
            ("backstride check-in", "bold"),
            " again.",
        )
    )


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
    session_id: str, steps: list[Step], result: LoopResult, started: datetime, rpe: int | None
) -> bool:
    """Store the session; returns whether it was stored as completed."""
    outcomes = summarise(
        steps,
        result.completions,
        result.pain_answers,
        result.leg_symptoms_step,
        result.dropped_steps,
    )
    played = PlayedSession(
        started_at=started,
        ended_at=datetime.now(UTC),
        active_s=result.active_s,
        reached_end=result.reached_end,
        outcomes=outcomes,
        rpe=rpe,
        ended_by=result.ended_by,
    )
    with local_action() as action:
        return finish_session(action, session_id, played).completed


def _summary(completed: bool, result: LoopResult) -> None:
    terminal = out_console()
    if completed:
        terminal.print(Text("Session complete.", style="bold green"))
    elif result.reached_end:
        terminal.print(
            Text(
                "Session saved as partial: no hold or set of reps was played to its end.",
                style="bold yellow",
            )
        )
    else:
        terminal.print(Text("Session saved as partial.", style="bold yellow"))
    terminal.print(
        Text.assemble(
            "Tomorrow morning, log how your back feels: ",
            ("backstride pain N --when morning", "bold green"),
            ". The next dose follows from it.",
        )
    )
