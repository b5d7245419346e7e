"""A guided session: the routine as a timeline of timed steps (the player is in player.py)."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from backstride.domain.exercise import Exercise
from backstride.domain.prescription import Prescription
from backstride.domain.routines import Routine, RoutineItem
from backstride.errors import DataError

StepKind = Literal["get_ready", "hold", "reps", "rest", "switch_side"]
Side = Literal["left", "right", "alternating"]

# backstride's choices: the seeds give no timings for these.
GET_READY_S = 10  # time to get into position before each exercise block
SWITCH_SIDE_S = 5  # time to turn over or change legs
REST_BETWEEN_HOLDS_S = 5  # used when a dose names no rest between holds
MOVE_S = 2  # moving into and out of the hold of a reps-with-hold rep
REP_S = 3  # one plain rep at a steady, controlled pace
COUNTDOWN_FROM = 3  # "3, 2, 1" before a hold, rest or get-ready step ends
COUNTDOWN_KINDS: tuple[StepKind, ...] = ("get_ready", "hold", "rest")


@dataclass(frozen=True, slots=True)
class Step:
    """One timed step of a session: what to do, on which side, in which set and round."""

    kind: StepKind
    exercise_id: str | None
    exercise_name: str
    level_id: str
    side: Side | None
    set: int
    sets_total: int
    round: int
    rounds_total: int
    duration_s: float
    reps: int | None = None
    tempo_s: float | None = None
    hold_s: int | None = None
    cue: str = ""
    label: str = ""
    ends_exercise: bool = False


def timeline(routine: Routine) -> list[Step]:
    """Every step in order: rounds of the whole list, rests between exercises, none at the end."""
    steps: list[Step] = []
    for round_ in range(1, routine.rounds + 1):
        for position, item in enumerate(routine.items):
            if steps and routine.rest_between_exercises_s > 0:
                steps.append(_rest_before(routine, item, round_, position == 0))
            steps.extend(_block(item, round_, routine.rounds))
    return steps


def total_duration_s(steps: Sequence[Step]) -> float:
    """The planned length of a session in seconds."""
    return sum(step.duration_s for step in steps)


def block_duration_s(item: RoutineItem) -> float:
    """How long one round of one exercise takes (get ready, the work, any side switch)."""
    return total_duration_s(_block(item, 1, 1))


def routine_duration_s(blocks_s: Sequence[float], rounds: int, rest_between_s: float) -> float:
    """What `total_duration_s(timeline(...))` gives, from each exercise's `block_duration_s`.

    A block lasts the same in every round, and a rest comes before every block but the first,
    so the routine builder can try many fits without building a timeline for each.
    """
    if not blocks_s or rounds < 1:
        return 0.0
    rests = rounds * len(blocks_s) - 1 if rest_between_s > 0 else 0
    return rounds * sum(blocks_s) + rests * rest_between_s


def _block(item: RoutineItem, round_: int, rounds_total: int) -> list[Step]:
    """One exercise in one round: get ready, the work (each side in turn), the last step marked."""
    exercise = item.exercise
    first_side = _first_side(exercise)
    sets_total = _sets_total(item, first_side)
    label = _get_ready_label(item, first_side)
    steps = [
        _step(item, "get_ready", round_, rounds_total, label, GET_READY_S, first_side, sets_total)
    ]
    if exercise.sides == "each_side":
        steps.extend(_work(item, "left", round_, rounds_total))
        switch: StepKind = "switch_side"
        steps.append(
            _step(
                item,
                switch,
                round_,
                rounds_total,
                "Switch sides",
                SWITCH_SIDE_S,
                "right",
                sets_total,
            )
        )
        steps.extend(_work(item, "right", round_, rounds_total))
    else:
        steps.extend(_work(item, first_side, round_, rounds_total))
    steps[-1] = replace(steps[-1], ends_exercise=True)
    return steps


def _work(item: RoutineItem, side: Side | None, round_: int, rounds_total: int) -> list[Step]:
    """The holds (with rests between) or the one reps step of an exercise on one side."""
    if item.exercise.mode in ("hold", "timed_rounds"):
        return _holds(item, side, round_, rounds_total)
    return [_reps(item, side, round_, rounds_total)]


def _holds(item: RoutineItem, side: Side | None, round_: int, rounds_total: int) -> list[Step]:
    """Hold, rest, hold...: one hold per round when the dose counts holds across the circuit."""
    p = item.prescription
    hold_s = _hold_s(item)
    rest_s = p.rest_between_reps_s if p.rest_between_reps_s is not None else REST_BETWEEN_HOLDS_S
    total = _count(p, side)
    name = item.level_name
    steps: list[Step] = []
    for number in range(1, total + 1):
        if number > 1 and rest_s > 0:
            label = f"Rest - next: {name} ({number} of {total})"
            steps.append(
                _step(
                    item, "rest", round_, rounds_total, label, rest_s, side, total, number, cue=""
                )
            )
        label = f"Hold: {name}" + (f" ({number} of {total})" if total > 1 else "")
        label += _side_words(side)
        steps.append(
            _step(item, "hold", round_, rounds_total, label, hold_s, side, total, number, hold_s)
        )
    return steps


def _reps(item: RoutineItem, side: Side | None, round_: int, rounds_total: int) -> Step:
    """One step for all the reps, paced by a tempo that includes any hold and rest per rep."""
    p = item.prescription
    hold_s = _hold_s(item) if item.exercise.mode == "reps_with_hold" else None
    move_s = hold_s + MOVE_S if hold_s is not None else REP_S
    rest_s = p.rest_between_reps_s or 0
    reps = _count(p, side)
    duration_s = reps * move_s + rest_s * (reps - 1)
    label = _reps_label(item, reps, side, hold_s, rest_s)
    step = _step(item, "reps", round_, rounds_total, label, duration_s, side, hold_s=hold_s)
    return replace(step, reps=reps, tempo_s=float(move_s + rest_s))


def _rest_before(routine: Routine, item: RoutineItem, round_: int, new_round: bool) -> Step:
    """The rest between exercises, or between rounds; named after what comes next."""
    side = _first_side(item.exercise)
    name = item.level_name
    label = (
        f"Round {round_} of {routine.rounds} - next: {name}"
        if new_round
        else f"Rest - next: {name}"
    )
    rest_s = routine.rest_between_exercises_s
    sets_total = _sets_total(item, side)
    return _step(item, "rest", round_, routine.rounds, label, rest_s, side, sets_total, cue="")


def _step(
    item: RoutineItem,
    kind: StepKind,
    round_: int,
    rounds_total: int,
    label: str,
    duration_s: float,
    side: Side | None,
    sets_total: int = 1,
    set_: int = 1,
    hold_s: int | None = None,
    cue: str | None = None,
) -> Step:
    """A step of this item, built once (a session page builds a timeline on every request)."""
    return Step(
        kind=kind,
        exercise_id=item.exercise.id,
        exercise_name=item.level_name,
        level_id=item.prescription.level_id,
        side=side,
        set=set_,
        sets_total=sets_total,
        round=round_,
        rounds_total=rounds_total,
        duration_s=float(duration_s),
        hold_s=hold_s,
        cue=item.exercise.cues[0] if cue is None else cue,
        label=label,
    )


def _first_side(exercise: Exercise) -> Side | None:
    if exercise.sides == "each_side":
        return "left"
    return "alternating" if exercise.sides == "alternating" else None


def _count(p: Prescription, side: Side | None) -> int:
    """Holds or reps in one go: one per round across the circuit, doubled when alternating."""
    count = 1 if p.reps_scope == "whole_circuit" else p.reps
    return count * 2 if side == "alternating" else count


def _sets_total(item: RoutineItem, side: Side | None) -> int:
    """How many holds one side of a block has; a reps block is one set."""
    if item.exercise.mode in ("hold", "timed_rounds"):
        return _count(item.prescription, side)
    return 1


def _hold_s(item: RoutineItem) -> int:
    hold_s = item.prescription.hold_s
    if hold_s is None:
        raise DataError(f"{item.exercise.id}: mode {item.exercise.mode} needs a hold in seconds")
    return hold_s


def _side_words(side: Side | None) -> str:
    if side == "alternating":
        return ", alternating sides"
    return f", {side} side" if side is not None else ""


def _get_ready_label(item: RoutineItem, side: Side | None) -> str:
    return f"Get ready: {item.level_name}{_side_words(side)}"


def _reps_label(
    item: RoutineItem, reps: int, side: Side | None, hold_s: int | None, rest_s: int
) -> str:
    if side == "alternating":
        label = f"{item.level_name}: {reps} reps, alternating sides ({reps // 2} each side)"
    else:
        label = f"{item.level_name}: {reps} reps{_side_words(side)}"
    if hold_s is not None:
        label += f", hold {hold_s} s each"
    if rest_s:
        label += f", rest {rest_s} s between"
    return label
