"""Building today's routine: which exercises, at which rung and dose, how many rounds, and why.

Safety first (DOMAIN.md 2.1.2, 2.1.4): no routine without a screening, none after an emergency
or urgent result, none for a child a clinician has not yet seen (L2); after see_clinician, or
when the safety status asks for it, only the low-load set (L1). The safety status's position
limits (L3 claudication, L4 flexion-sensitive leg pain, L5 pregnancy), a first session from the
bottom of each ladder (L6) and ladders left out by progression (L7) follow; routine_limits.py
holds each rule with its numbers and source, and every reason they add starts with its id.
Pattern rules (DOMAIN.md 2.2): a spasm starts with gentle range of movement; nerve-tensioning
moves are optional in radicular pain. The circuit (S000): fixed order, 3-5 rounds, 30 s rest
between exercises.
"""

from dataclasses import dataclass, field, replace
from typing import Literal

from backstride.domain.catalogue import Catalogue
from backstride.domain.exercise import Exercise
from backstride.domain.patterns import PATTERN_LABELS, Pattern
from backstride.domain.prescription import Prescription, starting_prescription
from backstride.domain.programme_limits import ProgrammeLimits
from backstride.domain.routine_limits import (
    FIRST_SESSION_PAIN_CUT,
    FLEXION_BIASED_FIRST,
    LOW_LOAD_MAX_MINUTES,
    LOW_LOAD_ORDER,
    LOW_LOAD_ROUNDS,
    PREGNANCY_SUPINE_MAX_S,
    Change,
    apply_limits,
    first_session_reason,
    limit_reasons,
    reason,
    supine_block_s,
)
from backstride.domain.routines import (
    CIRCUIT_SOURCE,
    REST_BETWEEN_EXERCISES_S,
    ROUNDS_MAX,
    ROUNDS_MIN,
    Routine,
    RoutineItem,
)
from backstride.domain.session import block_duration_s, routine_duration_s
from backstride.errors import InvalidInput, SafetyRefusal

Goal = Literal["ease", "prevent"]
GOALS: tuple[Goal, ...] = ("ease", "prevent")
HIGH_PAIN = 7  # issue 3: pain of 7 or more calls for a check-in and gentle work only
GENTLE_CATEGORIES = ("mobility", "stretch", "activation")
GENTLE_CORE = ("abdominal-draw-in", "core-engagement")

# Chains (by their easiest family) in the order a routine uses them, per goal.
# "prevent" opens with the S000 circuit in its own order; "ease" with gentle range of movement.
PRIORITY: dict[Goal, tuple[str, ...]] = {
    "prevent": (
        "plank",
        "ball-back-extension",
        "ball-reverse-leg-raise",
        "glute-bridge",
        "locust",
        "bird-dog",
        "hollow-hold",
        "glute-squeeze",
        "partial-crunch",
        "squat",
        "lunge",
        "wall-sit",
        "quadruped-glute-activation",
        "core-engagement",
        "ankle-calf-mobility",
        "lumbar-extension-wall",
        "abdominal-draw-in",
        "knee-to-chest",
        "towel-hamstring-stretch",
    ),
    "ease": (
        "knee-to-chest",
        "abdominal-draw-in",
        "glute-squeeze",
        "quadruped-glute-activation",
        "core-engagement",
        "bird-dog",
        "glute-bridge",
        "towel-hamstring-stretch",
        "ankle-calf-mobility",
        "partial-crunch",
        "hollow-hold",
        "plank",
        "wall-sit",
        "squat",
        "lunge",
        "locust",
        "lumbar-extension-wall",
        "ball-back-extension",
        "ball-reverse-leg-raise",
    ),
}
# A spasm starts with gentle range of movement, whatever the goal (DOMAIN.md 2.2).
SPASM_FIRST = ("knee-to-chest", "abdominal-draw-in")


@dataclass(frozen=True, slots=True)
class RoutineRequest:
    """Everything a routine depends on, gathered by the service."""

    triage: str | None
    pattern: Pattern | None
    owned: frozenset[str]
    minutes: int
    goal: Goal
    pain_today: int | None
    prescriptions: dict[str, Prescription]
    limits: ProgrammeLimits = ProgrammeLimits()
    excluded_chains: dict[str, str] = field(default_factory=dict)
    """Ladders (by their easiest family id) progression leaves out today -> the reason why."""


@dataclass(frozen=True, slots=True)
class _Candidates:
    """The exercises that may go into today's routine, in order, and what the limits did."""

    items: list[RoutineItem]
    new_ids: frozenset[str]
    """Exercise ids of the items whose ladder has no history (L6)."""
    changes: list[Change]
    """What the limits moved down or left out, in the order the ladders were tried."""


def build_routine(catalogue: Catalogue, request: RoutineRequest) -> Routine:
    """Today's routine, or SafetyRefusal saying why there is none."""
    _refuse_if_unsafe(request)
    if not 5 <= request.minutes <= 120:
        raise InvalidInput(
            f"minutes {request.minutes} is out of range: give 5 to 120", field="minutes"
        )
    pattern: Pattern = request.pattern or "nonspecific_mechanical"
    limits = request.limits
    # L1 covers see_clinician and the C9 group whatever else the status says (DOMAIN.md 2.1.4).
    if (request.triage == "see_clinician" or limits.pregnancy) and not limits.low_load:
        limits = replace(limits, low_load=True)
    # A ladder named by any of its families counts as the whole ladder (L7).
    excluded = {
        catalogue.family_chain(catalogue.get(name).id)[0].id: why
        for name, why in request.excluded_chains.items()
    }
    request = replace(request, limits=limits, excluded_chains=excluded)
    gentle_only = request.pain_today is not None and request.pain_today >= HIGH_PAIN
    found = _candidates(catalogue, request, pattern, limits, gentle_only)
    if not found.items:
        raise SafetyRefusal(
            "no exercise fits your equipment and pain pattern today; add equipment to your "
            "profile or ask a physiotherapist",
            hint="set_equipment",
        )
    items, rounds, new_items = _fit(found, request, limits.low_load or gentle_only, limits)
    chosen_ids = {item.exercise.id for item in items}
    shown = [c for c in found.changes if c.left_out or c.exercise_id in chosen_ids]
    reasons = limit_reasons(
        catalogue, limits, shown, request.excluded_chains, request.prescriptions
    )
    if new_items:
        names = [item.level_name for item in new_items]
        reasons.append(first_session_reason(names, rounds, request.pain_today))
    reasons += [
        f"The seed circuit: these exercises in this order, {rounds} rounds, "
        f"{REST_BETWEEN_EXERCISES_S} s rest between exercises ({CIRCUIT_SOURCE}).",
        f"Chosen for {PATTERN_LABELS[pattern]} and your goal ({_goal_phrase(request.goal)}).",
    ]
    needed_s = _duration([block_duration_s(item) for item in items], rounds)
    if needed_s > request.minutes * 60:
        reasons.append(
            f"Even one exercise at {rounds} rounds takes about {needed_s / 60:.0f} min, more "
            f"than the {request.minutes} you have: give it more time."
        )
    if gentle_only:
        reasons.append(
            f"Your pain today is {request.pain_today}/10: gentle movement only, and a "
            "check-in first (pain of 7 or more)."
        )
    if pattern == "spasm":
        reasons.append("A locked-up back starts with gentle range of movement (DOMAIN.md 2.2).")
    if pattern == "radicular":
        reasons.append(
            "Moves that stretch the nerve are optional: stop one if leg symptoms spread or "
            "go further down the leg (DOMAIN.md 2.2)."
        )
    return Routine(tuple(items), rounds, REST_BETWEEN_EXERCISES_S, limits.low_load, tuple(reasons))


def _fit(
    found: _Candidates, request: RoutineRequest, fewer_rounds: bool, limits: ProgrammeLimits
) -> tuple[list[RoutineItem], int, list[RoutineItem]]:
    """The exercises and rounds that fit the time, and which of them start a new ladder (L6)."""
    sore = request.pain_today is not None and request.pain_today >= FIRST_SESSION_PAIN_CUT
    first_rounds = LOW_LOAD_ROUNDS if sore else ROUNDS_MIN
    rounds_floor = LOW_LOAD_ROUNDS if fewer_rounds else ROUNDS_MIN
    if found.new_ids:
        rounds_floor = min(rounds_floor, first_rounds)
    rounds_cap = LOW_LOAD_ROUNDS if limits.low_load else ROUNDS_MAX
    budget_s = request.minutes * 60
    if limits.low_load:
        budget_s = min(request.minutes, LOW_LOAD_MAX_MINUTES) * 60
    items, rounds = _fit_to_time(found.items, rounds_floor, rounds_cap, budget_s)
    new_items = [item for item in items if item.exercise.id in found.new_ids]
    if new_items:
        rounds = min(rounds, first_rounds)
    return items, rounds, new_items


def _refuse_if_unsafe(request: RoutineRequest) -> None:
    if request.triage is None:
        raise SafetyRefusal(
            "no screening yet: the screening comes first, so that warning signs are checked "
            "before any exercise is prescribed",
            hint="screen",
        )
    if request.triage == "emergency":
        raise SafetyRefusal(
            "your latest screening found a warning sign that needs an emergency department "
            "now; no exercise until a doctor has seen you",
            hint="screening_history",
        )
    if request.triage == "urgent_doctor":
        raise SafetyRefusal(
            "your latest screening says to see a doctor within days; keep to gentle everyday "
            "activity and no new programme until they have cleared you, then screen again"
        )
    if request.limits.gentle_movement_only:
        raise SafetyRefusal(
            reason(
                "L2",
                "for someone under 16 there is no exercise programme here until a clinician "
                "has had a look at the back. Until then, keep moving gently in "
                "everyday ways, such as walking and easy play, and read the short lessons "
                "on back pain.",
            )
        )


def _candidates(
    catalogue: Catalogue,
    request: RoutineRequest,
    pattern: Pattern,
    limits: ProgrammeLimits,
    gentle_only: bool,
) -> _Candidates:
    items: list[RoutineItem] = []
    new_ids: set[str] = set()
    changes: list[Change] = []
    for chain_id in _order(request.goal, pattern, limits):
        if chain_id in request.excluded_chains:
            continue
        tried = _try_chain(catalogue, request, chain_id, pattern, limits, gentle_only)
        changes.extend(tried.changes)
        if tried.item is None:
            continue
        items.append(tried.item)
        if tried.new:
            new_ids.add(tried.item.exercise.id)
    required = [item for item in items if not item.optional]
    ordered = required + [item for item in items if item.optional]
    return _Candidates(ordered, frozenset(new_ids), changes)


Blocker = Literal["", "kit", "pattern", "limit", "pain", "progression"]


@dataclass(frozen=True, slots=True)
class Tried:
    """One ladder tried for today: its item, or why not and which kind of rule said no."""

    item: RoutineItem | None
    why_not: str
    blocked_by: Blocker
    changes: tuple[Change, ...] = ()
    new: bool = False


def try_ladder(catalogue: Catalogue, request: RoutineRequest, chain_id: str) -> Tried:
    """One ladder through every rule the routine obeys today (L1, L3-L5, L7, pattern, kit,
    pain): the same checks the routine's own choice makes, for a clinician's pin."""
    pattern: Pattern = request.pattern or "nonspecific_mechanical"
    limits = request.limits
    if (request.triage == "see_clinician" or limits.pregnancy) and not limits.low_load:
        limits = replace(limits, low_load=True)
    if chain_id in request.excluded_chains:
        why = reason("L7", f"left out today: {request.excluded_chains[chain_id]}")
        return Tried(None, why, "progression")
    gentle_only = request.pain_today is not None and request.pain_today >= HIGH_PAIN
    return _try_chain(catalogue, request, chain_id, pattern, limits, gentle_only)


def _try_chain(
    catalogue: Catalogue,
    request: RoutineRequest,
    chain_id: str,
    pattern: Pattern,
    limits: ProgrammeLimits,
    gentle_only: bool,
) -> Tried:
    history = request.prescriptions.get(chain_id)
    planned = history or _start(catalogue, chain_id)
    misfit = _misfit(catalogue.get(planned.exercise_id), request.owned, pattern)
    if misfit is not None:
        return Tried(None, *misfit)
    limited = apply_limits(catalogue, planned, limits)
    prescription = limited.prescription
    if prescription is None:
        left = next(c for c in limited.changes if c.left_out)
        return Tried(None, reason(left.rule_id, left.text), "limit", limited.changes)
    exercise = catalogue.get(prescription.exercise_id)
    fit = exercise.patterns[pattern]
    misfit = _misfit(exercise, request.owned, pattern)
    if misfit is not None:
        return Tried(None, *misfit, limited.changes)
    gentle = exercise.category in GENTLE_CATEGORIES or exercise.id in GENTLE_CORE
    if gentle_only and not gentle:
        why = f"your pain today is {request.pain_today}/10: gentle movement only"
        return Tried(None, why, "pain", limited.changes)
    if limits.low_load and (fit.fit == "optional" or exercise.category == "back_extensors"):
        why = reason("L1", f"{exercise.name} is not part of the low-load set")
        return Tried(None, why, "limit", limited.changes)
    optional = fit.fit == "optional"
    item = RoutineItem(
        exercise, prescription, optional, _reason(exercise, fit.reason, optional, prescription)
    )
    supine_s = supine_block_s(item)
    if limits.pregnancy and supine_s > PREGNANCY_SUPINE_MAX_S:
        text = f"{exercise.name} left out (about {supine_s:.0f} s on your back in one go)"
        change = Change("L5", text, True, exercise.id)
        return Tried(None, reason("L5", text), "limit", (*limited.changes, change))
    return Tried(item, "", "", limited.changes, history is None)


def _misfit(
    exercise: Exercise, owned: frozenset[str], pattern: Pattern
) -> tuple[str, Blocker] | None:
    """Why this exercise does not suit the runner's kit or pain pattern, or None."""
    fit = exercise.patterns[pattern]
    if fit.fit == "avoid":
        why = f"{exercise.name} is avoided for {PATTERN_LABELS[pattern]}: {fit.reason}"
        return f"{why} [{fit.source}]", "pattern"
    if not exercise.needs_only(owned):
        kit = ", ".join(exercise.equipment).replace("_", " ")
        return f"{exercise.name} needs {kit}, which your profile does not list", "kit"
    return None


def _order(goal: Goal, pattern: Pattern, limits: ProgrammeLimits) -> list[str]:
    """The ladders to try, in order: the low-load set alone, or the goal's order, reordered."""
    if limits.low_load:
        return list(LOW_LOAD_ORDER)
    order = list(PRIORITY[goal])
    for first, applies in (
        (SPASM_FIRST, pattern == "spasm"),
        (FLEXION_BIASED_FIRST, limits.claudication),
    ):
        if applies:
            order = [*first, *(chain for chain in order if chain not in first)]
    return order


def _start(catalogue: Catalogue, chain_id: str) -> Prescription:
    return starting_prescription(catalogue.get(chain_id))


def _reason(exercise: Exercise, fit_reason: str, optional: bool, p: Prescription) -> str:
    kit = ", ".join(exercise.equipment).replace("_", " ")
    needs = "no equipment needed" if kit == "none" else f"needs {kit}"
    fit = "optional for your pattern" if optional else "suits your pattern"
    return f"{exercise.name}: {needs}, {fit} ({fit_reason}); dose from {p.dose_source}."


def _fit_to_time(
    candidates: list[RoutineItem], rounds_floor: int, rounds_cap: int, budget_s: int
) -> tuple[list[RoutineItem], int]:
    """As many exercises as fit at the lowest round count, then more rounds while time allows."""
    chosen = [candidates[0]]
    blocks_s = [block_duration_s(candidates[0])]
    for item in candidates[1:]:
        block_s = block_duration_s(item)
        if _duration([*blocks_s, block_s], rounds_floor) <= budget_s:
            chosen.append(item)
            blocks_s.append(block_s)
    rounds = rounds_floor
    while rounds < rounds_cap and _duration(blocks_s, rounds + 1) <= budget_s:
        rounds += 1
    return chosen, rounds


def _duration(blocks_s: list[float], rounds: int) -> float:
    return routine_duration_s(blocks_s, rounds, REST_BETWEEN_EXERCISES_S)


def _goal_phrase(goal: Goal) -> str:
    return "ease the pain now" if goal == "ease" else "prevent it coming back"
