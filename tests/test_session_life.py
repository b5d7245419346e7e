"""A session has a life in storage: started with its plan, finished later, by its owner only."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from rich.console import RenderableType
from screening_base import CALM
from test_go import Clock, Keys

from backstride.cli.app import run
from backstride.cli.go_loop import play_session
from backstride.cli.local_action import local_action
from backstride.cli.sounds import Sounds
from backstride.domain.played_session import PlayedSession
from backstride.domain.player import Completion
from backstride.domain.screening import screen
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.domain.session import timeline
from backstride.domain.session_outcome import summarise
from backstride.errors import InvalidInput
from backstride.services.context import Action
from backstride.services.routine import todays_routine
from backstride.services.screening import record_screening
from backstride.services.sessions import finish_session, start_session
from backstride.storage.exercise_sessions import list_sessions, load_session
from backstride.storage.users import ensure_user

NOW = datetime.now(UTC)


@pytest.fixture
def screened(capsys: pytest.CaptureFixture[str]) -> None:
    with local_action(NOW - timedelta(days=3)) as action:
        record_screening(action, screen(ScreeningAnswers.model_validate(CALM)), "screen")
    assert run(["profile", "--equipment", "mat"]) == 0
    capsys.readouterr()


def _played(started: datetime, reached_end: bool = True) -> tuple[str, PlayedSession]:
    """Start a session in one transaction (one request) and play it; returns its id."""
    with local_action(started) as action:
        plan = todays_routine(action, 10, "prevent")
        session_id = start_session(action, plan)
    steps = timeline(plan.routine)
    completions = [Completion(i, False) for i in range(len(steps))]
    ends = [i for i, s in enumerate(steps) if s.ends_exercise]
    outcomes = summarise(steps, completions, [(i, 2) for i in ends], None)
    ended = started + timedelta(minutes=10)
    return session_id, PlayedSession(started, ended, 600.0, reached_end, outcomes, 4)


def test_start_then_finish_in_two_transactions_stores_the_plan_and_the_result(
    screened: None,
) -> None:
    session_id, played = _played(NOW - timedelta(hours=1))
    with local_action() as action:
        opened = load_session(action.session, action.runner_id, session_id)
        assert opened is not None and opened.ended_at is None and not opened.completed
        assert opened.logs and all(log.planned for log in opened.logs)
        assert list_sessions(action.session, action.runner_id) == []  # not history yet
    with local_action() as action:
        finished = finish_session(action, session_id, played)
    assert finished.completed and finished.ended_by == "end" and not finished.already_finished
    with local_action() as action:
        (stored,) = list_sessions(action.session, action.runner_id)
    assert stored.id == session_id and stored.completed and stored.rpe == 4
    assert all(log.done["work_done"] > 0 and log.pain_during == 2 for log in stored.logs)


def test_finishing_twice_changes_nothing_the_second_time(screened: None) -> None:
    session_id, played = _played(NOW - timedelta(hours=1))
    with local_action() as action:
        finish_session(action, session_id, played)
    quit_early = PlayedSession(played.started_at, played.ended_at, 5.0, False, [], None)
    with local_action() as action:
        again = finish_session(action, session_id, quit_early)
    assert again.already_finished and again.completed
    with local_action() as action:
        (stored,) = list_sessions(action.session, action.runner_id)
    assert stored.completed and stored.duration_s == 600.0


def test_another_runner_cannot_finish_or_read_someone_elses_session(screened: None) -> None:
    session_id, played = _played(NOW - timedelta(hours=1))
    with local_action() as action:
        other = ensure_user(action.session, "someone-else", action.now)
        intruder = Action(action.session, other, other, action.now)
        with pytest.raises(InvalidInput, match="not one of yours"):
            finish_session(intruder, session_id, played)
        assert load_session(action.session, other, session_id) is None
    with local_action() as action:
        opened = load_session(action.session, action.runner_id, session_id)
    assert opened is not None and opened.ended_at is None  # untouched by the intruder


def test_an_unknown_session_id_is_refused_by_name(screened: None) -> None:
    _, played = _played(NOW - timedelta(hours=1))
    with local_action() as action, pytest.raises(InvalidInput, match="'no-such-id'"):
        finish_session(action, "no-such-id", played)


def test_ctrl_c_in_the_player_ends_it_as_an_interrupted_quit(screened: None) -> None:
    with local_action() as action:
        plan = todays_routine(action, 10, "prevent")
    steps = timeline(plan.routine)
    clock = Clock()
    keys = Keys(clock, {})

    def read_key(timeout_s: float) -> str | None:
        if clock.now - keys.start > 30:
            raise KeyboardInterrupt
        return keys(timeout_s)

    def show(_: RenderableType) -> None:
        pass

    result = play_session(steps, clock, read_key, show, Sounds(io.StringIO(), True))
    assert result.interrupted and result.ended_by == "quit" and not result.reached_end
    assert result.completions  # the first 30 s were played and are kept


def test_the_screen_is_drawn_only_when_it_changes(screened: None) -> None:
    with local_action() as action:
        plan = todays_routine(action, 10, "prevent")
    steps = timeline(plan.routine)[:6]
    clock = Clock()
    drawn: list[RenderableType] = []
    enter_now_and_then = Keys(clock, {float(t): "\n" for t in range(5, 3000, 5)})  # skips pain
    result = play_session(
        steps, clock, enter_now_and_then, drawn.append, Sounds(io.StringIO(), True)
    )
    loops = round((clock.now - 1000.0) / 0.05)
    seconds = sum(step.duration_s for step in steps)
    # At most about one frame per second shown (the clock's digits), never one per 50 ms tick.
    assert result.frames_drawn == len(drawn)
    assert len(drawn) <= 2 * seconds + 2 * len(steps) + 10
    assert len(drawn) * 5 < loops


def test_minutes_given_to_one_session_do_not_stick_to_the_next_day(screened: None) -> None:
    started = NOW - timedelta(days=1)
    with local_action(started) as action:
        plan = todays_routine(action, 8, "prevent")
        session_id = start_session(action, plan)
    with local_action(started + timedelta(minutes=9)) as action:
        finish_session(
            action,
            session_id,
            PlayedSession(started, started + timedelta(minutes=8), 480.0, False, [], None),
        )
    with local_action() as action:
        assert todays_routine(action).minutes == 20
