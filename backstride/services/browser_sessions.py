"""A session played in a browser: started over the API, its played steps sent back exactly once.

The browser plays the stored timeline and reports what happened by step index; the outcomes
are summarised here with the terminal player's rules (domain.session_outcome), so the two
players store the same thing. A report sent again (a phone syncing after a dropped reply)
changes nothing when it matches what is stored, and is refused when it does not.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from backstride.domain.played_session import finished_record
from backstride.domain.player import Completion
from backstride.domain.progression import Action as DoseAction
from backstride.domain.progression_history import chain_of
from backstride.domain.session import Step, timeline
from backstride.domain.session_outcome import summarise
from backstride.domain.session_record import SessionRecord
from backstride.domain.session_safety import SessionEnd
from backstride.domain.stored_timeline import stored_steps
from backstride.errors import Conflict, InvalidInput, NotFound, SafetyRefusal
from backstride.services.context import Action
from backstride.services.exercises import catalogue
from backstride.services.routine import read_record, todays_routine
from backstride.services.session_gate import check_in_needed
from backstride.services.sessions import PlayedSession, finish_session, start_session
from backstride.storage.exercise_sessions import load_session

CLOCK_SLACK = timedelta(minutes=10)
"""How far ahead of the server a phone's clock may run before its end time is refused."""


@dataclass(frozen=True, slots=True)
class OpenedSession:
    """A session stored as started: its id, when, and the timeline the browser will play."""

    session_id: str
    started_at: datetime
    steps: list[Step]


@dataclass(frozen=True, slots=True)
class PlayedSteps:
    """What a browser player reports, by step index into the stored timeline."""

    started_at: datetime
    ended_at: datetime
    active_s: float
    reached_end: bool
    ended_by: SessionEnd | None
    rpe: int | None
    completions: tuple[Completion, ...]
    pain_answers: tuple[tuple[int, int], ...]
    leg_symptoms_step: int | None
    dropped_steps: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class NextDose:
    """What the progression rules decide for one exercise now that the session is stored."""

    exercise_id: str
    action: DoseAction
    reason: str


def open_session(action: Action, minutes: int | None, goal: str | None) -> OpenedSession:
    """Store today's routine as a started session, after the same gate as `backstride go`.

    SafetyRefusal, and nothing stored, when the level allows no exercise (emergency, urgent),
    a session already ended today for safety, or the check-in must come first.
    """
    plan = todays_routine(action, minutes, goal)
    need = check_in_needed(action, plan)
    if need.required:
        raise SafetyRefusal(f"check-in first: {need.reason}", hint="check_in")
    session_id = start_session(action, plan)
    return OpenedSession(session_id, action.now, timeline(plan.routine))


def session_of(action: Action, session_id: str) -> SessionRecord:
    """One of the runner's sessions, open or finished (NotFound for any other id)."""
    stored = load_session(action.session, action.runner_id, session_id[:200])
    if stored is None:
        raise NotFound(f"session {session_id[:40]!r} is not one of yours")
    return stored


def finish_played(action: Action, session_id: str, report: PlayedSteps) -> SessionRecord:
    """Store what the browser played onto its open session; the stored session comes back.

    The same report sent again returns the stored session unchanged; a different one is a
    Conflict (the first report stands).
    """
    stored = session_of(action, session_id)
    steps = stored_steps(stored.routine)
    if steps is None:
        raise Conflict(f"session {session_id!r} was not started with a timeline to report on")
    played = played_session(action, steps, report)
    if stored.ended_at is not None:
        if finished_record(stored, played) != stored:
            raise Conflict(
                f"session {session_id!r} was already reported with a different result: "
                "the first report stands"
            )
        return stored
    finish_session(action, session_id, played)
    return session_of(action, session_id)


def played_session(action: Action, steps: list[Step], report: PlayedSteps) -> PlayedSession:
    """The report checked against the timeline and summarised with the terminal's rules."""
    _check_report(action, len(steps), report)
    outcomes = summarise(
        steps,
        report.completions,
        report.pain_answers,
        report.leg_symptoms_step,
        report.dropped_steps,
    )
    return PlayedSession(
        started_at=report.started_at,
        ended_at=report.ended_at,
        active_s=report.active_s,
        reached_end=report.reached_end,
        outcomes=outcomes,
        rpe=report.rpe,
        ended_by=report.ended_by,
    )


def _check_report(action: Action, count: int, report: PlayedSteps) -> None:
    named = [("completions", c.step_index) for c in report.completions]
    named += [("pain_answers", index) for index, _ in report.pain_answers]
    named += [("dropped_steps", index) for index in report.dropped_steps]
    if report.leg_symptoms_step is not None:
        named.append(("leg_symptoms_step", report.leg_symptoms_step))
    for field, index in named:
        if not 0 <= index < count:
            raise InvalidInput(
                f"{field} step {index} is not in this session: give 0 to {count - 1}", field=field
            )
    for _, score in report.pain_answers:
        if not 0 <= score <= 10:
            raise InvalidInput(f"pain {score} is out of range: give 0 to 10", field="pain_answers")
    if report.ended_at < report.started_at:
        raise InvalidInput(
            "ended_at is before started_at: give the end after the start", field="ended_at"
        )
    if report.ended_at > action.now + CLOCK_SLACK:
        raise InvalidInput(
            f"ended_at {report.ended_at.isoformat()} is in the future: give the time it ended",
            field="ended_at",
        )
    if not 0 <= report.active_s <= 24 * 3600:
        raise InvalidInput(
            f"active_s {report.active_s} is out of range: give 0 to 86400", field="active_s"
        )


def next_doses(action: Action, record: SessionRecord) -> list[NextDose]:
    """Each exercise's dose decision as it stands now, this session included (DOMAIN.md 2.4).

    Tomorrow morning's pain entry is read by the same rules, so it can still change these.
    """
    cat = catalogue()
    decisions = read_record(action, cat).decisions
    doses = []
    for log in record.logs:
        decision = decisions.get(chain_of(cat, log.exercise_id))
        if decision is not None:
            doses.append(NextDose(log.exercise_id, decision.action, decision.reason))
    return doses
