"""The guided session: the timeline built from a routine, and the player on a fake clock."""

import json
import random
from dataclasses import replace
from itertools import accumulate

import pytest

from backstride.domain.catalogue import load_catalogue
from backstride.domain.player import Completion, Event, Player
from backstride.domain.prescription import starting_prescription
from backstride.domain.routines import Routine, RoutineItem
from backstride.domain.session import (
    GET_READY_S,
    REST_BETWEEN_HOLDS_S,
    SWITCH_SIDE_S,
    Step,
    block_duration_s,
    routine_duration_s,
    timeline,
    total_duration_s,
)
from backstride.errors import DataError
from backstride.services.session_timeline_result import (
    SessionTimelineResult,
    session_timeline_result,
)

CATALOGUE = load_catalogue()


class FakeClock:
    """A monotonic clock that only moves when a test moves it."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def item(exercise_id: str) -> RoutineItem:
    exercise = CATALOGUE.get(exercise_id)
    return RoutineItem(exercise, starting_prescription(exercise), False, "test")


def routine(*exercise_ids: str, rounds: int = 1, rest_s: int = 30) -> Routine:
    return Routine(tuple(item(i) for i in exercise_ids), rounds, rest_s, False, ())


def kinds(steps: list[Step]) -> list[str]:
    return [step.kind for step in steps]


def started(steps: list[Step], clock: FakeClock) -> Player:
    player = Player(steps, clock)
    player.start()
    return player


def play(exercise_ids: tuple[str, ...], rounds: int = 1) -> tuple[Player, FakeClock]:
    clock = FakeClock()
    player = Player(timeline(routine(*exercise_ids, rounds=rounds)), clock)
    player.start()
    return player, clock


def hold(duration_s: float) -> Step:
    return Step("hold", "plank", "Forearm plank", "plank", None, 1, 1, 1, 1, duration_s)


# --- the timeline ------------------------------------------------------------------------------


def test_whole_circuit_plank_is_one_hold_per_round_with_round_rests() -> None:
    steps = timeline(routine("plank", rounds=3))
    assert kinds(steps) == ["get_ready", "hold", "rest"] * 2 + ["get_ready", "hold"]
    holds = [step for step in steps if step.kind == "hold"]
    assert [(h.round, h.set, h.sets_total, h.duration_s) for h in holds] == [
        (1, 1, 1, 45.0),
        (2, 1, 1, 45.0),
        (3, 1, 1, 45.0),
    ]
    assert [s.label for s in steps if s.kind == "rest"] == [
        "Round 2 of 3 - next: Forearm plank",
        "Round 3 of 3 - next: Forearm plank",
    ]
    assert all(h.ends_exercise for h in holds)


def test_reps_with_hold_and_rest_is_one_reps_step_paced_by_its_tempo() -> None:
    steps = timeline(routine("glute-bridge"))
    assert kinds(steps) == ["get_ready", "reps"]
    bridge = steps[1]
    # 8 reps x (6 s hold + 2 s to move) + 7 rests of 10 s between reps
    assert (bridge.reps, bridge.hold_s, bridge.tempo_s, bridge.duration_s) == (8, 6, 18.0, 134.0)
    assert bridge.side is None
    assert bridge.cue == CATALOGUE.get("glute-bridge").cues[0]
    assert bridge.ends_exercise


def test_reps_with_a_short_hold_and_no_rest() -> None:
    crunch = timeline(routine("partial-crunch"))[1]
    assert (crunch.reps, crunch.hold_s, crunch.tempo_s, crunch.duration_s) == (8, 1, 3.0, 24.0)


def test_plain_reps_take_three_seconds_each() -> None:
    squat = timeline(routine("squat"))[1]
    assert (squat.kind, squat.reps, squat.hold_s, squat.tempo_s) == ("reps", 8, None, 3.0)
    assert squat.duration_s == 24.0


def test_alternating_is_one_step_with_the_reps_of_both_sides() -> None:
    steps = timeline(routine("bird-dog"))
    assert kinds(steps) == ["get_ready", "reps"]
    assert {step.side for step in steps} == {"alternating"}
    bird_dog = steps[1]
    assert (bird_dog.reps, bird_dog.tempo_s, bird_dog.duration_s) == (16, 7.0, 16 * 7.0)


@pytest.mark.parametrize("exercise_id", ["knee-to-chest", "towel-hamstring-stretch"])
def test_each_side_plays_the_block_left_then_right(exercise_id: str) -> None:
    steps = timeline(routine(exercise_id))
    holds_per_side = starting_prescription(CATALOGUE.get(exercise_id)).reps
    one_side = ["hold"] + ["rest", "hold"] * (holds_per_side - 1)
    assert kinds(steps) == ["get_ready", *one_side, "switch_side", *one_side]
    switch = steps.index(next(s for s in steps if s.kind == "switch_side"))
    assert {s.side for s in steps[:switch]} == {"left"}
    assert {s.side for s in steps[switch:]} == {"right"}
    assert steps[switch].duration_s == SWITCH_SIDE_S
    assert steps[switch].label == "Switch sides"
    assert [s.set for s in steps[switch:] if s.kind == "hold"] == list(range(1, holds_per_side + 1))
    rests = [s for s in steps if s.kind == "rest"]
    assert all(s.duration_s == REST_BETWEEN_HOLDS_S and s.cue == "" for s in rests)
    assert [s.ends_exercise for s in steps] == [False] * (len(steps) - 1) + [True]


def test_timed_rounds_alternate_holds_with_the_doses_rest() -> None:
    steps = timeline(routine("locust"))
    assert kinds(steps) == ["get_ready", "hold", "rest", "hold", "rest", "hold"]
    assert [s.duration_s for s in steps[1:]] == [30.0, 5.0, 30.0, 5.0, 30.0]
    assert [(s.set, s.sets_total) for s in steps if s.kind == "hold"] == [(1, 3), (2, 3), (3, 3)]
    assert steps[2].label == "Rest - next: Locust pose (2 of 3)"


def test_a_circuit_rests_between_exercises_and_rounds_but_not_at_the_end() -> None:
    steps = timeline(routine("plank", "glute-bridge", "knee-to-chest", rounds=2, rest_s=30))
    get_ready = [s for s in steps if s.kind == "get_ready"]
    assert [s.exercise_id for s in get_ready] == ["plank", "glute-bridge", "knee-to-chest"] * 2
    assert all(s.duration_s == GET_READY_S for s in get_ready)
    assert get_ready[0].label == "Get ready: Forearm plank"
    between = [s for s in steps if s.kind == "rest" and s.duration_s == 30]
    assert [s.label for s in between] == [
        "Rest - next: Glute bridge",
        "Rest - next: Single knee-to-chest",
        "Round 2 of 2 - next: Forearm plank",
        "Rest - next: Glute bridge",
        "Rest - next: Single knee-to-chest",
    ]
    assert [s.round for s in between] == [1, 1, 2, 2, 2]
    assert steps[-1].kind == "hold" and steps[-1].ends_exercise
    assert sum(s.ends_exercise for s in steps) == 6
    assert {s.rounds_total for s in steps} == {2}
    assert total_duration_s(steps) == sum(s.duration_s for s in steps)


def test_no_rest_steps_when_the_routine_gives_no_rest() -> None:
    steps = timeline(routine("plank", "squat", rounds=2, rest_s=0))
    assert "rest" not in kinds(steps)


def test_a_hold_without_seconds_is_a_data_error() -> None:
    broken = replace(item("plank"), prescription=replace(item("plank").prescription, hold_s=None))
    with pytest.raises(DataError, match="plank"):
        timeline(Routine((broken,), 1, 30, False, ()))


def test_steps_serialise_to_the_dry_run_json_shape() -> None:
    steps = timeline(routine("knee-to-chest", "glute-bridge"))
    result = session_timeline_result(steps)
    document = json.loads(json.dumps(result.model_dump(mode="json")))
    first = document["steps"][1]
    assert list(first)[:6] == ["kind", "exercise", "side", "set", "round", "duration_s"]
    assert first["kind"] == "hold" and first["exercise"] == "knee-to-chest"
    assert first["side"] == "left" and first["duration_s"] == 15.0
    assert {s["kind"] for s in document["steps"]} == {
        "get_ready",
        "hold",
        "rest",
        "switch_side",
        "reps",
    }
    assert SessionTimelineResult.model_validate(document) == result  # what the API will return
    assert [s.exercise for s in result.steps] == [s.exercise_id for s in steps]


# --- the player --------------------------------------------------------------------------------


def test_start_begins_the_first_step_and_ticks_walk_through_on_deadlines() -> None:
    player, clock = play(("plank", "squat"))
    assert player.state == "running" and player.index == 0
    assert player.started_at == 1000.0
    assert player.current is not None and player.current.kind == "get_ready"
    assert player.upcoming is not None and player.upcoming.kind == "hold"
    assert player.tick()[0] == Event("step_started", 0, 1000.0)
    clock.advance(GET_READY_S)
    player.tick()
    assert player.index == 1 and player.deadline_at == 1000.0 + GET_READY_S + 45.0
    assert player.completed_steps == (Completion(0, False),)


def test_before_start_nothing_runs() -> None:
    clock = FakeClock()
    player = Player(timeline(routine("plank")), clock)
    assert player.state == "ready" and player.current is None
    assert player.upcoming is not None and player.upcoming.kind == "get_ready"
    player.pause()
    player.skip()
    assert player.tick() == [] and player.progress == 0.0 and player.elapsed_s == 0.0


def test_pause_freezes_the_step_and_resume_shifts_its_deadline() -> None:
    player, clock = play(("plank",))
    clock.advance(3)
    player.pause()
    states = [player.state]
    clock.advance(100)
    assert player.tick() == [Event("step_started", 0, 1000.0)]
    assert player.index == 0 and player.remaining_s == GET_READY_S - 3
    player.resume()
    states.append(player.state)
    assert states == ["paused", "running"]
    assert player.deadline_at == 1000.0 + GET_READY_S + 100
    assert player.elapsed_s == 3
    clock.advance(GET_READY_S - 3)
    player.tick()
    assert player.index == 1 and player.remaining_s == 45.0


def test_toggle_pause_flips_between_running_and_paused() -> None:
    player, _ = play(("plank",))
    states = []
    for _ in range(2):
        player.toggle_pause()
        states.append(player.state)
    assert states == ["paused", "running"]


def test_skip_ends_the_step_now_and_starts_the_next() -> None:
    player, clock = play(("plank", "squat"))
    player.tick()
    clock.advance(GET_READY_S + 10)
    player.tick()
    player.skip()
    assert player.index == 2 and player.deadline_at == clock.now + 30
    events = player.tick()
    assert Event("exercise_done", 1, clock.now, skipped=True) in events
    assert player.completed_steps == (Completion(0, False), Completion(1, True))


def test_skip_while_paused_starts_the_next_step_paused() -> None:
    player, clock = play(("plank", "squat"))
    player.pause()
    clock.advance(5)
    player.skip()
    assert player.state == "paused" and player.index == 1 and player.remaining_s == 45.0
    clock.advance(7)
    player.resume()
    assert player.deadline_at == clock.now + 45.0
    assert player.elapsed_s == 0.0


def test_skipping_the_last_step_finishes_now() -> None:
    player, clock = play(("squat",))
    player.skip()
    clock.advance(4)
    player.skip()
    assert player.state == "finished" and player.finished_at == clock.now
    assert player.progress == 1.0 and player.current is None
    assert player.tick()[-1] == Event("finished", 1, clock.now)


def test_back_restarts_the_step_after_two_seconds_and_goes_back_before() -> None:
    player, clock = play(("plank", "squat"))
    clock.advance(GET_READY_S + 2.5)
    player.tick()
    player.back()
    assert player.index == 1 and player.remaining_s == 45.0
    assert player.deadline_at == clock.now + 45.0
    clock.advance(1)
    player.back()
    assert player.index == 0 and player.remaining_s == GET_READY_S
    clock.advance(1)
    player.back()
    assert player.index == 0 and player.deadline_at == clock.now + GET_READY_S


def test_back_restarting_a_step_replays_its_countdown() -> None:
    player, clock = play(("plank",))
    clock.advance(GET_READY_S - 0.5)
    player.back()
    events = player.tick()
    assert [e.seconds_left for e in events if e.kind == "countdown"] == [3, 2, 1]
    clock.advance(GET_READY_S)
    events = player.tick()
    assert [e.seconds_left for e in events if e.kind == "countdown"] == [3, 2, 1]


def test_quit_stops_for_good_and_keeps_what_was_done() -> None:
    player, clock = play(("plank",))
    clock.advance(GET_READY_S + 20)
    player.tick()
    player.quit()
    assert player.state == "quit" and player.current is None
    assert player.completed_steps == (Completion(0, False),)
    clock.advance(500)
    assert player.tick() == [] and player.state == "quit"
    assert player.elapsed_s == GET_READY_S + 20
    assert 0 < player.progress < 1
    player.resume()
    player.skip()
    assert player.state == "quit" and player.finished_at is None


def test_quit_while_paused_excludes_the_pause_from_elapsed_time() -> None:
    player, clock = play(("plank",))
    clock.advance(4)
    player.pause()
    clock.advance(60)
    player.quit()
    assert player.elapsed_s == 4


def test_countdown_fires_three_two_one_once_each() -> None:
    clock = FakeClock()
    player = started([hold(10.0)], clock)
    events: list[Event] = []
    for _ in range(250):
        clock.advance(0.05)
        events.extend(player.tick())
    countdown = [e for e in events if e.kind == "countdown"]
    assert [(e.seconds_left, e.due_at) for e in countdown] == [
        (3, 1007.0),
        (2, 1008.0),
        (1, 1009.0),
    ]
    assert [e.kind for e in events][-1] == "finished"


def test_no_countdown_on_short_steps_or_side_switches() -> None:
    steps = [hold(3.0), replace(hold(10.0), kind="switch_side")]
    clock = FakeClock()
    player = started(steps, clock)
    clock.advance(20)
    assert "countdown" not in [e.kind for e in player.tick()]


def test_reps_step_counts_each_rep_on_its_tempo() -> None:
    player, clock = play(("glute-bridge",))
    reps: list[Event] = []
    for _ in range(GET_READY_S + 134):
        clock.advance(1)
        reps.extend(e for e in player.tick() if e.kind == "rep")
    assert [e.rep for e in reps] == list(range(1, 9))
    assert [e.due_at - reps[0].due_at for e in reps] == [18.0 * n for n in range(8)]


def test_exercise_done_then_finished_at_the_end() -> None:
    player, clock = play(("squat",))
    clock.advance(GET_READY_S + 24)
    events = player.tick()
    assert [e.kind for e in events if e.kind in ("exercise_done", "finished")] == [
        "exercise_done",
        "finished",
    ]
    assert player.state == "finished" and player.finished_at == 1000.0 + GET_READY_S + 24
    assert player.tick() == []


def test_an_empty_timeline_finishes_at_once() -> None:
    clock = FakeClock()
    player = Player([], clock)
    player.start()
    assert player.state == "finished" and player.finished_at == clock.now
    assert player.tick() == [Event("finished", 0, clock.now)]


def test_progress_follows_the_planned_duration() -> None:
    steps = [hold(10.0), hold(30.0)]
    clock = FakeClock()
    player = started(steps, clock)
    clock.advance(20)
    player.tick()
    assert player.progress == pytest.approx(0.5)


# --- no drift ----------------------------------------------------------------------------------

LONG_ROUTINE = ("plank", "glute-bridge", "bird-dog", "knee-to-chest", "locust", "partial-crunch")


def test_a_thirty_minute_session_with_jittered_ticks_keeps_the_exact_schedule() -> None:
    steps = timeline(routine(*LONG_ROUTINE, rounds=3))
    planned_s = total_duration_s(steps)
    assert planned_s >= 30 * 60
    clock = FakeClock()
    player = started(steps, clock)
    jitter = random.Random(20240601)
    starts: list[float] = []
    while player.state == "running":
        clock.advance(jitter.uniform(0.010, 0.090))
        starts.extend(e.due_at for e in player.tick() if e.kind == "step_started")
    assert player.started_at is not None and player.finished_at is not None
    assert abs(player.finished_at - player.started_at - planned_s) < 0.05
    offsets = list(accumulate((s.duration_s for s in steps[:-1]), initial=0.0))
    assert starts[1:] == pytest.approx([player.started_at + o for o in offsets[1:]], abs=1e-6)
    assert player.elapsed_s == pytest.approx(planned_s)


def test_a_very_late_tick_crosses_several_steps_on_schedule() -> None:
    steps = timeline(routine(*LONG_ROUTINE))
    offsets = list(accumulate((s.duration_s for s in steps), initial=0.0))
    player, clock = play(LONG_ROUTINE)
    clock.advance(100)
    events = player.tick()
    expected = max(i for i, offset in enumerate(offsets) if offset <= 100)
    assert player.index == expected >= 3
    assert [e.due_at - 1000.0 for e in events if e.kind == "step_started"] == offsets[
        : expected + 1
    ]
    assert player.deadline_at == 1000.0 + offsets[expected + 1]
    assert player.remaining_s == pytest.approx(offsets[expected + 1] - 100)
    clock.advance(total_duration_s(steps) - 100 + 0.7)
    player.tick()
    assert player.finished_at == 1000.0 + total_duration_s(steps)


# --- dropping an exercise (pain above 5 ends it, DOMAIN.md 2.1.4) ------------------------------


def play_to_first_exercise_done(player: Player, clock: FakeClock) -> list[Event]:
    """Tick a second at a time until the first exercise block has ended."""
    events: list[Event] = []
    while not any(e.kind == "exercise_done" for e in events):
        clock.advance(1)
        events.extend(player.tick())
    return events


def test_a_dropped_exercise_is_not_played_again_in_later_rounds() -> None:
    steps = timeline(routine("plank", "squat", rounds=3, rest_s=30))
    player, clock = play(("plank", "squat"), rounds=3)
    play_to_first_exercise_done(player, clock)
    assert player.current is not None and player.current.exercise_id == "squat"
    dropped_at = clock.now
    player.drop_exercise("plank")
    started: list[int] = []
    while player.state == "running":
        clock.advance(0.5)
        started.extend(e.step_index for e in player.tick() if e.kind == "step_started")
    assert {steps[i].exercise_id for i in started} == {"squat"}
    later_plank = [i for i, s in enumerate(steps) if s.exercise_id == "plank" and s.round > 1]
    assert player.dropped_steps == tuple(later_plank)
    assert len(later_plank) == 6  # the round rest, get-ready and hold of rounds 2 and 3
    assert player.dropped_exercises == frozenset({"plank"})
    assert not {c.step_index for c in player.completed_steps} & set(later_plank)
    played_s = total_duration_s(steps) - sum(steps[i].duration_s for i in later_plank)
    assert player.state == "finished" and player.finished_at == 1000.0 + played_s
    assert player.elapsed_s == played_s and dropped_at < player.finished_at


def test_dropping_keeps_the_schedule_exact_for_the_steps_that_remain() -> None:
    steps = timeline(routine("plank", "squat", rounds=2, rest_s=30))
    player, clock = play(("plank", "squat"), rounds=2)
    player.tick()
    player.drop_exercise("plank")  # before the first step ends: plank is left at once
    assert player.current is not None and player.current.exercise_id == "squat"
    squat_steps = [s for s in steps if s.exercise_id == "squat"]
    clock.advance(total_duration_s(squat_steps) + 0.3)
    events = player.tick()
    assert player.state == "finished"
    assert player.finished_at == 1000.0 + total_duration_s(squat_steps)
    assert [steps[e.step_index].exercise_id for e in events if e.kind == "step_started"] == [
        "squat"
    ] * len(squat_steps)
    assert "plank" not in {steps[c.step_index].exercise_id for c in player.completed_steps}


def test_dropping_the_step_under_way_while_paused_moves_on_still_paused() -> None:
    steps = timeline(routine("plank", rounds=2))
    player, clock = play(("plank",), rounds=2)
    play_to_first_exercise_done(player, clock)
    player.pause()
    assert player.current is not None and player.current.kind == "rest"  # the round rest is plank's
    player.drop_exercise("plank")
    assert player.state == "finished" and player.finished_at == clock.now
    assert player.dropped_steps == tuple(range(2, len(steps)))
    assert player.completed_steps == (Completion(0, False), Completion(1, False))


def test_pause_carries_over_when_the_dropped_exercise_was_under_way() -> None:
    player, clock = play(("plank", "squat"))
    clock.advance(GET_READY_S + 5)
    player.tick()
    player.pause()
    clock.advance(20)
    player.drop_exercise("plank")
    assert player.state == "paused" and player.current is not None
    assert (player.current.exercise_id, player.current.kind) == ("squat", "rest")
    assert player.remaining_s == 30.0
    player.resume()
    assert player.deadline_at == clock.now + 30.0
    assert player.completed_steps == (Completion(0, False),)


def test_back_and_upcoming_pass_over_a_dropped_exercise() -> None:
    player, clock = play(("plank", "squat", "glute-bridge"), rounds=2)
    play_to_first_exercise_done(player, clock)  # plank done; the rest before squat is under way
    clock.advance(GET_READY_S + 30 + 24 - 1)
    player.tick()
    assert player.current is not None and player.current.exercise_id == "squat"
    player.drop_exercise("squat")
    assert player.current is not None and player.current.exercise_id == "glute-bridge"
    player.back()  # within two seconds of the step's start: the previous playable step is plank's
    assert player.current is not None and player.current.exercise_id == "plank"
    assert player.current.kind == "hold"
    clock.advance(45)
    player.tick()
    assert player.current is not None and player.current.exercise_id == "glute-bridge"
    upcoming_ids = set()
    while player.state == "running":
        if player.upcoming is not None:
            upcoming_ids.add(player.upcoming.exercise_id)
        clock.advance(1)
        player.tick()
    assert "squat" not in upcoming_ids


def test_dropping_after_the_end_or_a_quit_changes_nothing() -> None:
    player, clock = play(("squat",))
    player.quit()
    player.drop_exercise("squat")
    assert player.state == "quit" and player.dropped_steps == ()


def test_the_routine_length_from_blocks_is_the_timeline_length() -> None:
    """The builder's shortcut (one block per exercise) agrees with the whole timeline."""
    shuffled = random.Random(7)
    items = [item(exercise.id) for exercise in CATALOGUE.exercises] + [
        RoutineItem(exercise, starting_prescription(exercise, level.id), False, "test")
        for exercise in CATALOGUE.exercises
        for level in exercise.ladder
    ]
    for _ in range(300):
        chosen = shuffled.sample(items, shuffled.randint(1, 6))
        rounds = shuffled.randint(1, 4)
        rest_s = shuffled.choice([0, 15, 30])
        whole = total_duration_s(timeline(Routine(tuple(chosen), rounds, rest_s, False, ())))
        blocks = [block_duration_s(one) for one in chosen]
        assert routine_duration_s(blocks, rounds, rest_s) == pytest.approx(whole)
    assert routine_duration_s([], 3, 30) == 0.0
