"""Building today's routine: which exercises, at which rung and dose, how many rounds, and why.

Safety first (DOMAIN.md 2.1.2): no routine without a screening, none after an emergency or
urgent result; after see_clinician only a low-load routine. Pattern rules (DOMAIN.md 2.2): a
spasm starts with gentle range of movement; nerve-tensioning moves are optional in radicular
pain. The circuit (S000): fixed order, 3-5 rounds, 30 s rest between exercises.
"""

from dataclasses import dataclass
from typing import Literal

from backstride.domain.catalogue import Catalogue
from backstride.domain.exercise import Exercise
from backstride.domain.patterns import PATTERN_LABELS, Pattern
from backstride.domain.prescription import Prescription, starting_prescription
from backstride.domain.routines import (
    CIRCUIT_SOURCE,
    REST_BETWEEN_EXERCISES_S,
    ROUNDS_MAX,
    ROUNDS_MIN,
    Routine,
    RoutineItem,
)
from backstride.domain.session import timeline, total_duration_s
from backstride.errors import InvalidInput, SafetyRefusal

Goal = Literal["ease", "prevent"]
GOALS: tuple[Goal, ...] = ("ease", "prevent")
LOW_LOAD_ROUNDS = 2  # app-policy: below the seed circuit's 3, while waiting for a clinician
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


def build_routine(catalogue: Catalogue, request: RoutineRequest) -> Routine:
    """Today's routine, or SafetyRefusal saying why there is none."""
    _refuse_if_unsafe(request)
    if not 5 <= request.minutes <= 120:
        raise InvalidInput(f"--minutes {request.minutes} is out of range: give 5 to 120")
    pattern: Pattern = request.pattern or "nonspecific_mechanical"
    low_load = request.triage == "see_clinician"
    gentle_only = request.pain_today is not None and request.pain_today >= HIGH_PAIN
    candidates = _candidates(catalogue, request, pattern, low_load, gentle_only)
    if not candidates:
        raise SafetyRefusal(
            "no exercise fits your equipment and pain pattern today; add equipment with "
            "'backstride profile --equipment ...' or ask a physiotherapist"
        )
    rounds_floor = LOW_LOAD_ROUNDS if low_load or gentle_only else ROUNDS_MIN
    items, rounds = _fit_to_time(candidates, rounds_floor, request.minutes * 60)
    reasons = [
        f"The seed circuit: these exercises in this order, {rounds} rounds, "
        f"{REST_BETWEEN_EXERCISES_S} s rest between exercises ({CIRCUIT_SOURCE}).",
        f"Chosen for {PATTERN_LABELS[pattern]} and your goal ({_goal_phrase(request.goal)}).",
    ]
    needed_s = _duration(items, rounds)
    if needed_s > request.minutes * 60:
        reasons.append(
            f"Even one exercise at {rounds} rounds takes about {needed_s / 60:.0f} min, more "
            f"than the {request.minutes} you have: give it more time with --minutes."
        )
    if low_load:
        reasons.append(
            "Your screening says to see a clinician: until then a low-load routine of "
            f"{LOW_LOAD_ROUNDS} rounds, no optional moves, and the warning-sign questions "
            "before each session (DOMAIN.md 2.1.2)."
        )
    if gentle_only:
        reasons.append(
            f"Your pain today is {request.pain_today}/10: gentle movement only, and run "
            "'backstride check-in' first (pain of 7 or more)."
        )
    if pattern == "spasm":
        reasons.append("A locked-up back starts with gentle range of movement (DOMAIN.md 2.2).")
    if pattern == "radicular":
        reasons.append(
            "Moves that stretch the nerve are optional: stop one if leg symptoms spread or "
            "go further down the leg (DOMAIN.md 2.2)."
        )
    return Routine(tuple(items), rounds, REST_BETWEEN_EXERCISES_S, low_load, tuple(reasons))


def _refuse_if_unsafe(request: RoutineRequest) -> None:
    if request.triage is None:
        raise SafetyRefusal(
            "no screening yet: run 'backstride screen' first, so backstride can check for "
            "warning signs before it prescribes exercise"
        )
    if request.triage == "emergency":
        raise SafetyRefusal(
            "your latest screening found a warning sign that needs an emergency department "
            "now; no exercise until a doctor has seen you (run 'backstride screen --history')"
        )
    if request.triage == "urgent_doctor":
        raise SafetyRefusal(
            "your latest screening says to see a doctor within days; keep to gentle everyday "
            "activity and no new programme until they have cleared you, then screen again"
        )


def _candidates(
    catalogue: Catalogue,
    request: RoutineRequest,
    pattern: Pattern,
    low_load: bool,
    gentle_only: bool,
) -> list[RoutineItem]:
    order = list(PRIORITY[request.goal])
    if pattern == "spasm":
        order = [*SPASM_FIRST, *(chain for chain in order if chain not in SPASM_FIRST)]
    items = []
    for chain_id in order:
        prescription = request.prescriptions.get(chain_id) or _start(catalogue, chain_id)
        exercise = catalogue.get(prescription.exercise_id)
        fit = exercise.patterns[pattern]
        if not exercise.needs_only(request.owned) or fit.fit == "avoid":
            continue
        gentle = exercise.category in GENTLE_CATEGORIES or exercise.id in GENTLE_CORE
        if gentle_only and not gentle:
            continue
        if low_load and (fit.fit == "optional" or exercise.category == "back_extensors"):
            continue
        optional = fit.fit == "optional"
        items.append(
            RoutineItem(
                exercise,
                prescription,
                optional,
                _reason(exercise, fit.reason, optional, prescription),
            )
        )
    required = [item for item in items if not item.optional]
    return required + [item for item in items if item.optional]


def _start(catalogue: Catalogue, chain_id: str) -> Prescription:
    return starting_prescription(catalogue.get(chain_id))


def _reason(exercise: Exercise, fit_reason: str, optional: bool, p: Prescription) -> str:
    kit = ", ".join(exercise.equipment).replace("_", " ")
    needs = "no equipment needed" if kit == "none" else f"needs {kit}"
    fit = "optional for your pattern" if optional else "suits your pattern"
    return f"{exercise.name}: {needs}, {fit} ({fit_reason}); dose from {p.dose_source}."


def _fit_to_time(
    candidates: list[RoutineItem], rounds_floor: int, budget_s: int
) -> tuple[list[RoutineItem], int]:
    """As many exercises as fit at the lowest round count, then more rounds while time allows."""
    chosen = [candidates[0]]
    for item in candidates[1:]:
        if _duration(chosen + [item], rounds_floor) <= budget_s:
            chosen.append(item)
    rounds = rounds_floor
    while rounds < ROUNDS_MAX and _duration(chosen, rounds + 1) <= budget_s:
        rounds += 1
    return chosen, rounds


def _duration(items: list[RoutineItem], rounds: int) -> float:
    routine = Routine(tuple(items), rounds, REST_BETWEEN_EXERCISES_S, False, ())
    return total_duration_s(timeline(routine))


def _goal_phrase(goal: Goal) -> str:
    return "ease the pain now" if goal == "ease" else "prevent it coming back"
