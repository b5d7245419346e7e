"""The guided session: the player loop on a fake clock, saving it, and tomorrow's decision."""

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console, RenderableType
from screening_base import CALM

from backstride.cli.app import run
from backstride.cli.go_loop import LoopResult, play_session
from backstride.cli.sounds import Sounds
from backstride.domain.player import Completion
from backstride.domain.session import Step, timeline
from backstride.domain.session_outcome import summarise
from backstride.services.context import local_action
from backstride.services.pain import log_pain
from backstride.services.routine import todays_routine
from backstride.services.sessions import PlayedSession, record_session


class Clock:
    """Monotonic seconds that move only when the key reader waits."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Keys:
    """Scripted key presses at session times; waiting advances the clock."""

    def __init__(self, clock: Clock, script: dict[float, str]) -> None:
        self.clock = clock
        self.script = sorted(script.items())
        self.start = clock.now

    def __call__(self, timeout_s: float) -> str | None:
        self.clock.now += timeout_s
        if self.script and self.clock.now - self.start >= self.script[0][0]:
            return self.script.pop(0)[1]
        return None


def run_loop(steps: list[Step], script: dict[float, str]) -> tuple[LoopResult, list[str]]:
    clock = Clock()
    shown: list[str] = []

    def show(panel: RenderableType) -> None:
        console = Console(file=io.StringIO(), width=100)
        console.print(panel)
        shown.append(console.file.getvalue())  # type: ignore[attr-defined]

    result = play_session(steps, clock, Keys(clock, script), show, Sounds(io.StringIO(), True))
    return result, shown


def plan_steps(minutes: int = 10) -> tuple[object, list[Step]]:
    with local_action() as action:
        plan = todays_routine(action, minutes, "prevent")
    return plan, timeline(plan.routine)


@pytest.fixture
def screened(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(CALM), encoding="utf-8")
    assert run(["screen", "--answers", str(answers)]) == 0
    assert run(["profile", "--equipment", "mat"]) == 0
    capsys.readouterr()


def test_a_session_runs_to_the_end_asking_pain_after_each_exercise(screened: None) -> None:
    _, steps = plan_steps()
    clock = Clock()
    shown: list[str] = []
    typed: list[str] = []

    def show(panel: RenderableType) -> None:
        console = Console(file=io.StringIO(), width=100)
        console.print(panel)
        shown.append(console.file.getvalue())  # type: ignore[attr-defined]

    def keys(timeout_s: float) -> str | None:
        clock.now += timeout_s
        if "Pain in your back now" in shown[-1]:
            typed.append("2" if not typed or typed[-1] == "\n" else "\n")
            return typed[-1]
        return None

    result = play_session(steps, clock, keys, show, Sounds(io.StringIO(), True))
    ends = [i for i, s in enumerate(steps) if s.ends_exercise]
    assert result.completed
    assert len(result.completions) == len(steps)
    assert [index for index, _ in result.pain_answers] == ends
    assert {score for _, score in result.pain_answers} == {2}
    total = sum(s.duration_s for s in steps)
    assert result.active_s == pytest.approx(total, abs=0.2)


def test_pause_skip_back_and_quit(screened: None) -> None:
    _, steps = plan_steps()
    result, shown = run_loop(steps, {1.0: " ", 5.0: " ", 6.0: "n", 6.5: "n", 7.0: "b", 8.0: "q"})
    assert not result.completed
    assert any("PAUSED" in screen for screen in shown)
    skipped = [c for c in result.completions if c.skipped]
    assert skipped and result.completions[0].step_index == 0


def test_pain_answer_is_recorded_and_high_pain_advises(screened: None) -> None:
    _, steps = plan_steps()
    first_end = next(i for i, s in enumerate(steps) if s.ends_exercise)
    skips = {0.5 + 0.1 * k: "n" for k in range(first_end + 1)}
    t = 0.5 + 0.1 * (first_end + 2)
    result, shown = run_loop(steps, {**skips, t: "7", t + 0.1: "\n", t + 0.5: "q"})
    assert result.pain_answers == [(first_end, 7)]
    assert any("Pain above 5" in screen for screen in shown)
    outcome = summarise(steps, result.completions, result.pain_answers, None)[0]
    assert outcome.pain_during_max == 7


def test_leg_symptoms_stop_the_session(screened: None) -> None:
    _, steps = plan_steps()
    first_end = next(i for i, s in enumerate(steps) if s.ends_exercise)
    skips = {0.5 + 0.1 * k: "n" for k in range(first_end + 1)}
    t = 0.5 + 0.1 * (first_end + 2)
    result, _ = run_loop(steps, {**skips, t: "l"})
    assert result.leg_symptoms_step == first_end
    assert not result.completed
    outcomes = summarise(steps, result.completions, [], result.leg_symptoms_step)
    assert outcomes[0].leg_symptoms


def _play_and_record(
    day: datetime, pain_during: int, morning_before: int, skip_all: bool = False
) -> None:
    with local_action(day - timedelta(hours=2)) as action:
        log_pain(action, morning_before, "morning")
    with local_action(day) as action:
        plan = todays_routine(action, 10, "prevent")
    steps = timeline(plan.routine)
    completions = [Completion(i, skip_all) for i in range(len(steps))]
    ends = [i for i, s in enumerate(steps) if s.ends_exercise]
    outcomes = summarise(steps, completions, [(i, pain_during) for i in ends], None)
    with local_action(day) as action:
        record_session(
            action, plan, PlayedSession(day, day + timedelta(minutes=10), 600.0, True, outcomes, 4)
        )


def test_two_green_sessions_raise_tomorrows_dose_with_the_reason(screened: None) -> None:
    start = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(days=3)
    with local_action(start - timedelta(days=2)) as action:
        log_pain(action, 3, "morning")
    _play_and_record(start, pain_during=2, morning_before=3)
    _play_and_record(start + timedelta(days=1), pain_during=2, morning_before=3)
    with local_action(start + timedelta(days=2, hours=-2)) as action:
        log_pain(action, 3, "morning")
    with local_action(start + timedelta(days=2)) as action:
        plan = todays_routine(action, 10, "prevent")
    decisions = {chain: d.action for chain, d in plan.decisions.items()}
    assert "progress" in decisions.values(), decisions
    plank = plan.decisions["plank"]
    assert plank.action == "progress"
    assert "2" in plank.reason and "3" in plank.reason
    item = next(i for i in plan.routine.items if i.exercise.id == "plank")
    assert (item.prescription.reps, item.prescription.hold_s) == (3, 50)


def test_sessions_with_every_step_skipped_do_not_raise_the_dose(screened: None) -> None:
    start = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(days=3)
    with local_action(start - timedelta(days=2)) as action:
        log_pain(action, 3, "morning")
    _play_and_record(start, pain_during=2, morning_before=3, skip_all=True)
    _play_and_record(start + timedelta(days=1), pain_during=2, morning_before=3, skip_all=True)
    with local_action(start + timedelta(days=2, hours=-2)) as action:
        log_pain(action, 3, "morning")
    with local_action(start + timedelta(days=2)) as action:
        plan = todays_routine(action, 10, "prevent")
    assert "progress" not in {d.action for d in plan.decisions.values()}
    plank = plan.decisions["plank"]
    assert (plank.rule, plank.numbers) == ("H2", {"work_done": 0})
    item = next(i for i in plan.routine.items if i.exercise.id == "plank")
    assert (item.prescription.reps, item.prescription.hold_s) == (3, 45)


def test_high_pain_during_regresses_and_leg_symptoms_stop(screened: None) -> None:
    start = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(days=2)
    _play_and_record(start, pain_during=6, morning_before=3)
    with local_action(start + timedelta(days=1)) as action:
        plan = todays_routine(action, 10, "prevent")
    assert plan.decisions["plank"].action == "regress"
    assert "6" in plan.decisions["plank"].reason


def test_routine_and_dry_run_from_the_command_line(
    screened: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["routine", "--json", "--minutes", "15"]) == 0
    routine = json.loads(capsys.readouterr().out)
    assert routine["rounds"] >= 3 and routine["items"]
    assert all(item["reason"] and item["dose_source"] for item in routine["items"])
    assert run(["go", "--dry-run", "--json", "--minutes", "15"]) == 0
    steps = json.loads(capsys.readouterr().out)["steps"]
    kinds = {step["kind"] for step in steps}
    assert {"get_ready", "hold", "rest"} <= kinds
    assert kinds <= {"get_ready", "hold", "reps", "rest", "switch_side"}
    assert all({"kind", "exercise", "side", "set", "round", "duration_s"} <= set(s) for s in steps)


def test_no_screening_means_exit_3(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["routine"]) == 3
    assert "run 'backstride screen' first" in capsys.readouterr().err
    assert run(["go", "--dry-run"]) == 3


def test_go_needs_a_terminal(screened: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["go"]) == 2
    assert "--dry-run" in capsys.readouterr().err


def test_today_shows_the_routine_and_asks_for_morning_pain(
    screened: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["today"]) == 0
    flat = " ".join(capsys.readouterr().out.split())
    assert "Latest screening: self care" in flat
    assert "--when morning" in flat
    assert "Today's routine" in flat
    assert "Next: backstride go" in flat
