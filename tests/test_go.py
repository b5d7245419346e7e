"""The guided session: the player loop on a fake clock, saving it, and tomorrow's decision."""

import io
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console, RenderableType
from screening_base import CALM, answers_with

from backstride.cli import go_session
from backstride.cli.app import run
from backstride.cli.go_loop import LoopResult, play_session
from backstride.cli.local_action import local_action
from backstride.cli.questionnaire_prompt import ScreeningOutcome
from backstride.cli.sounds import Sounds
from backstride.domain.played_session import PlayedSession
from backstride.domain.player import Completion
from backstride.domain.safety_status import ScreeningRecord, safety_status
from backstride.domain.screening import screen
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.domain.session import Step, timeline
from backstride.domain.session_outcome import summarise
from backstride.domain.session_record import SessionRecord
from backstride.domain.session_safety import SessionEnd
from backstride.errors import InvalidInput, SafetyRefusal
from backstride.services.pain import log_pain
from backstride.services.routine import todays_routine
from backstride.services.screening import record_screening
from backstride.services.session_gate import CheckInNeed, check_in_needed, safety_stop_today
from backstride.services.sessions import record_session
from backstride.storage.exercise_sessions import list_sessions


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


NOW_UTC = datetime.now(UTC)


def plan_steps(minutes: int = 10) -> tuple[object, list[Step]]:
    with local_action() as action:
        plan = todays_routine(action, minutes, "prevent")
    return plan, timeline(plan.routine)


@pytest.fixture
def screened(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Ten days ago: the tests below play sessions on earlier days, and a screening dated after
    # an action's "now" is not trusted (DOMAIN.md 2.1.4).
    with local_action(datetime.now(UTC) - timedelta(days=10)) as action:
        record_screening(action, screen(ScreeningAnswers.model_validate(CALM)), "screen")
    assert run(["profile", "--equipment", "mat"]) == 0
    capsys.readouterr()


def test_a_session_runs_to_the_end_asking_pain_after_each_exercise(screened: None) -> None:
    _, steps = plan_steps()
    result, _ = answer_every_question(steps, "2")
    ends = [i for i, s in enumerate(steps) if s.ends_exercise]
    assert result.reached_end and result.ended_by == "end"
    assert len(result.completions) == len(steps)
    assert [index for index, _ in result.pain_answers] == ends
    assert [score for _, score in result.pain_answers] == [2] + [1] * (len(ends) - 1)
    total = sum(s.duration_s for s in steps)
    assert result.active_s == pytest.approx(total, abs=1.0)


def test_pause_skip_back_and_quit(screened: None) -> None:
    _, steps = plan_steps()
    result, shown = run_loop(steps, {1.0: " ", 5.0: " ", 6.0: "n", 6.5: "n", 7.0: "b", 8.0: "q"})
    assert not result.reached_end
    assert any("PAUSED" in screen for screen in shown)
    skipped = [c for c in result.completions if c.skipped]
    assert skipped and result.completions[0].step_index == 0


def test_pain_answer_is_recorded_and_a_low_score_carries_on(screened: None) -> None:
    _, steps = plan_steps()
    first_end = next(i for i, s in enumerate(steps) if s.ends_exercise)
    skips = {0.5 + 0.1 * k: "n" for k in range(first_end + 1)}
    t = 0.5 + 0.1 * (first_end + 2)
    result, shown = run_loop(steps, {**skips, t: "5", t + 0.1: "\n", t + 0.5: "q"})
    assert result.pain_answers == [(first_end, 5)]
    assert result.dropped_steps == () and result.ended_by == "quit"
    assert not any("over for today" in screen for screen in shown)
    outcome = summarise(steps, result.completions, result.pain_answers, None)[0]
    assert outcome.pain_during_max == 5 and outcome.stopped_for_pain is None


def answer_every_question(steps: list[Step], first: str) -> tuple[LoopResult, list[str]]:
    """Play to the end in real time; `first` answers the first pain question, 1 the others."""
    clock = Clock()
    shown: list[str] = []
    typed: list[str] = []

    def show(panel: RenderableType) -> None:
        console = Console(file=io.StringIO(), width=100)
        console.print(panel)
        shown.append(console.file.getvalue())  # type: ignore[attr-defined]

    def keys(timeout_s: float) -> str | None:
        clock.now += 1.0  # a second a key read: the schedule stays exact, the test quick
        if "Pain in your back now" not in shown[-1]:
            return None
        if typed and typed[-1] != "\n":
            typed.append("\n")
        else:
            typed.append(first if not typed else "1")
        return typed[-1]

    result = play_session(steps, clock, keys, show, Sounds(io.StringIO(), True))
    return result, shown


def test_pain_above_five_ends_that_exercise_for_every_later_round(screened: None) -> None:
    _, steps = plan_steps()
    first_end = next(i for i, s in enumerate(steps) if s.ends_exercise)
    hurt = steps[first_end].exercise_id or ""
    assert steps[first_end].rounds_total > 1  # there are later rounds to leave it out of
    result, shown = answer_every_question(steps, "6")
    assert result.reached_end and result.ended_by == "end"
    later = [i for i, s in enumerate(steps) if s.exercise_id == hurt and i > first_end]
    assert result.dropped_steps == tuple(later) and later
    asked = [steps[i].exercise_id for i, _ in result.pain_answers]
    assert asked.count(hurt) == 1  # asked once: it was never played again
    assert any(f"Pain 6: {steps[first_end].exercise_name} is over" in x for x in shown)
    outcomes = summarise(steps, result.completions, result.pain_answers, None, result.dropped_steps)
    by_id = {o.exercise_id: o for o in outcomes}
    assert by_id[hurt].stopped_for_pain == 6
    assert by_id[hurt].work_dropped == by_id[hurt].work_planned - by_id[hurt].work_done > 0
    assert all(o.stopped_for_pain is None for key, o in by_id.items() if key != hurt)


def test_pain_of_seven_ends_the_session(screened: None) -> None:
    _, steps = plan_steps()
    first_end = next(i for i, s in enumerate(steps) if s.ends_exercise)
    skips = {0.5 + 0.1 * k: "n" for k in range(first_end + 1)}
    t = 0.5 + 0.1 * (first_end + 2)
    result, _ = run_loop(steps, {**skips, t: "7", t + 0.1: "\n"})
    assert result.pain_answers == [(first_end, 7)]
    assert result.ended_by == "pain_7_plus" and not result.reached_end
    assert max(c.step_index for c in result.completions) == first_end


def test_leg_symptoms_stop_the_session(screened: None) -> None:
    _, steps = plan_steps()
    first_end = next(i for i, s in enumerate(steps) if s.ends_exercise)
    skips = {0.5 + 0.1 * k: "n" for k in range(first_end + 1)}
    t = 0.5 + 0.1 * (first_end + 2)
    result, _ = run_loop(steps, {**skips, t: "l"})
    assert result.leg_symptoms_step == first_end
    assert result.ended_by == "leg_symptoms"
    assert not result.reached_end
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
    assert "the screening comes first" in capsys.readouterr().err
    assert run(["go", "--dry-run"]) == 3


def test_go_needs_a_terminal(screened: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["go"]) == 2
    assert "--dry-run" in capsys.readouterr().err


def test_today_shows_the_routine_and_asks_for_morning_pain(
    screened: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["today"]) == 0
    flat = " ".join(capsys.readouterr().out.split())
    assert "Your level now: self care" in flat
    assert "--when morning" in flat
    assert "Today's routine" in flat
    assert "Next: backstride go" in flat


# --- what is stored, and the check-in after a safety stop ---------------------------------------


def _stored() -> list[SessionRecord]:
    with local_action() as action:
        return list_sessions(action.session, action.runner_id)


def _record(
    played_steps: list[Completion],
    pain: list[tuple[int, int]],
    *,
    reached_end: bool,
    ended_by: SessionEnd | None = None,
    leg_step: int | None = None,
) -> None:
    with local_action() as action:
        plan = todays_routine(action, 10, "prevent")
    outcomes = summarise(timeline(plan.routine), played_steps, pain, leg_step)
    now = datetime.now(UTC)
    played = PlayedSession(
        now, now + timedelta(minutes=10), 60.0, reached_end, outcomes, None, ended_by
    )
    with local_action() as action:
        record_session(action, plan, played)


def test_a_session_with_every_hold_skipped_is_stored_as_partial(screened: None) -> None:
    _, steps = plan_steps()
    _record([Completion(i, True) for i in range(len(steps))], [], reached_end=True)
    _record(
        [Completion(i, i != 1) for i in range(len(steps))], [], reached_end=True
    )  # one hold played in full is some work
    nothing, some = _stored()
    assert nothing.completed is False and nothing.routine["ended_by"] == "end"
    assert all(log.done["work_done"] == 0 for log in nothing.logs)
    assert some.completed is True


def test_a_session_ended_for_pain_of_seven_stores_the_reason(screened: None) -> None:
    _, steps = plan_steps()
    first_end = next(i for i, s in enumerate(steps) if s.ends_exercise)
    played = [Completion(i, False) for i in range(first_end + 1)]
    _record(played, [(first_end, 8)], reached_end=False, ended_by="pain_7_plus")
    (record,) = _stored()
    assert record.completed is False
    assert record.routine["ended_by"] == "pain_7_plus"
    hurt = steps[first_end].exercise_id
    assert record.routine["safety_stop"] == {
        "reason": "pain_7_plus",
        "exercise_id": hurt,
        "pain": 8,
        "rule": "DOMAIN.md 2.1.4",
    }
    log = next(log for log in record.logs if log.exercise_id == hurt)
    assert log.done["ended_session"] == "pain_7_plus" and log.done["stopped_for_pain"] == 8
    assert log.pain_during == 8
    others = [log for log in record.logs if log.exercise_id != hurt]
    assert all(log.done.get("ended_session") is None for log in others)


def test_a_session_ended_for_leg_symptoms_stores_the_reason(screened: None) -> None:
    _, steps = plan_steps()
    first_end = next(i for i, s in enumerate(steps) if s.ends_exercise)
    played = [Completion(i, False) for i in range(first_end + 1)]
    _record(played, [], reached_end=False, ended_by="leg_symptoms", leg_step=first_end)
    (record,) = _stored()
    assert record.completed is False and record.routine["ended_by"] == "leg_symptoms"
    assert record.routine["safety_stop"]["exercise_id"] == steps[first_end].exercise_id
    assert record.logs[0].done["ended_session"] == "leg_symptoms"


def test_a_session_that_did_not_reach_its_end_cannot_claim_it(screened: None) -> None:
    with pytest.raises(InvalidInput, match="end"):
        _record([], [], reached_end=False, ended_by="end")


def test_the_check_in_is_required_after_see_clinician(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(answers_with(duration_weeks=20)), encoding="utf-8")
    assert run(["screen", "--answers", str(answers)]) == 0
    with local_action() as action:
        plan = todays_routine(action, 10, "prevent")
        need = check_in_needed(action, plan)
    assert plan.status.level == "see_clinician"
    assert need.required and "clinician" in need.reason


def test_the_check_in_is_required_after_a_safety_stop_until_one_follows(
    screened: None, tmp_path: Path
) -> None:
    with local_action() as action:
        assert check_in_needed(action, todays_routine(action, 10, "prevent")) == CheckInNeed(False)
    _, steps = plan_steps()
    first_end = next(i for i, s in enumerate(steps) if s.ends_exercise)
    played = [Completion(i, False) for i in range(first_end + 1)]
    _record(played, [(first_end, 7)], reached_end=False, ended_by="pain_7_plus")
    tomorrow = datetime.now(UTC) + timedelta(days=1)  # no more exercise on the stop's own day
    with local_action(tomorrow) as action:
        need = check_in_needed(action, todays_routine(action, 10, "prevent"))
    assert need.required and "7 or more" in need.reason
    answers = tmp_path / "again.json"
    answers.write_text(json.dumps(CALM), encoding="utf-8")
    assert run(["screen", "--answers", str(answers)]) == 0
    with local_action(tomorrow) as action:
        assert not check_in_needed(action, todays_routine(action, 10, "prevent")).required


def _stop(monkeypatch: pytest.MonkeyPatch, answers: dict[str, object], ended_by: str) -> None:
    result = screen(ScreeningAnswers.model_validate(answers))
    record = ScreeningRecord("r1", NOW_UTC, "screen", result.answers, result.triage, ())
    outcome = ScreeningOutcome(result, safety_status([record], [], NOW_UTC))
    monkeypatch.setattr(go_session, "check_in_and_save", lambda intro: outcome)
    loop = LoopResult(reached_end=False, completions=(), ended_by=ended_by)  # type: ignore[arg-type]
    go_session._after_safety_stop(loop)


@pytest.mark.parametrize(
    ("changes", "headline"),
    [
        ({"history_of_cancer": True}, "See a doctor within the next few days."),
        ({"saddle_numbness": True}, "GO TO AN EMERGENCY DEPARTMENT NOW"),
        ({"duration_weeks": 20}, "Book a routine appointment"),
    ],
)
def test_after_a_safety_stop_the_check_in_result_is_shown_and_exercise_ends(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    changes: dict[str, object],
    headline: str,
) -> None:
    with pytest.raises(SafetyRefusal, match="no more exercise today"):
        _stop(monkeypatch, answers_with(**changes), "leg_symptoms")
    flat = " ".join(capsys.readouterr().out.split())
    assert "Leg symptoms: the session ends here" in flat
    assert headline in flat and "What to do" in flat and "Safety net" in flat
    assert "No more exercise today." in flat
    assert "Pain pattern" not in flat


def test_a_calm_check_in_after_pain_of_seven_is_shown_and_the_session_stays_over(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stop(monkeypatch, dict(CALM), "pain_7_plus")
    flat = " ".join(capsys.readouterr().out.split())
    assert "Pain of 7 or more: the session ends here" in flat
    assert "No warning signs found" in flat and "Safety net" in flat
    assert "no more exercise today" in flat and "--when morning" in flat


def test_no_second_session_on_the_day_one_ended_for_safety(
    screened: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with local_action() as action:
        assert safety_stop_today(action) is None
    _, steps = plan_steps()
    first_end = next(i for i, s in enumerate(steps) if s.ends_exercise)
    played = [Completion(i, False) for i in range(first_end + 1)]
    _record(played, [], reached_end=False, ended_by="leg_symptoms", leg_step=first_end)
    with local_action() as action:
        reason = safety_stop_today(action)
    assert reason is not None and "leg symptoms" in reason
    with local_action(datetime.now(UTC) + timedelta(days=1)) as action:
        assert safety_stop_today(action) is None
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert run(["go"]) == 3
    assert "no more exercise today" in capsys.readouterr().err


def test_after_a_safety_stop_today_and_routine_prescribe_nothing_more_that_day(
    screened: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 12: after L, `today` and `routine` prescribed a plank with "Next: backstride go"."""
    _, steps = plan_steps()
    first_end = next(i for i, s in enumerate(steps) if s.ends_exercise)
    played = [Completion(i, False) for i in range(first_end + 1)]
    _record(played, [(first_end, 7)], reached_end=False, ended_by="pain_7_plus")
    capsys.readouterr()
    assert run(["routine"]) == 3
    assert "no more exercise today" in capsys.readouterr().err
    assert run(["today"]) == 0
    flat = " ".join(capsys.readouterr().out.split())
    assert "No routine today" in flat and "Next: backstride go" not in flat


def test_routine_json_is_the_routine_result_model(
    screened: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from backstride.services.routine_result import RoutineResult

    assert run(["routine", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert RoutineResult.model_validate(payload).model_dump(mode="json") == payload


def test_the_player_draws_each_steps_pose_where_the_terminal_can(screened: None) -> None:
    from backstride.services.figures import figure_sketch

    _, steps = plan_steps()
    clock, shown, asked = Clock(), [], []

    def show(panel: RenderableType) -> None:
        console = Console(file=io.StringIO(), width=100)
        console.print(panel)
        shown.append(console.file.getvalue())  # type: ignore[attr-defined]

    def sketch_of(step: Step) -> tuple[str, ...]:
        asked.append(step.level_id)
        assert step.exercise_id is not None
        return figure_sketch(step.exercise_id, step.level_id)

    keys = Keys(clock, {0.5: "q"})
    play_session(steps, clock, keys, show, Sounds(io.StringIO(), True), sketch_of)
    first = steps[0]
    assert first.exercise_id is not None
    pose = figure_sketch(first.exercise_id, first.level_id)
    assert asked and asked[0] == first.level_id
    assert all(line.strip("\u2800") == "" or line.strip() in shown[0] for line in pose)
    assert any(ch in shown[0] for ch in "".join(pose) if ch not in " \u2800")
    result, plain = run_loop(steps, {0.5: "q"})  # without a sketch (a pipe): no braille
    assert not any("\u2801" <= ch <= "\u28ff" for ch in plain[0])
