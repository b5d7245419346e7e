"""Today's routine as one result shape: what `routine --json` prints and the API will return."""

from backstride.domain.progression_history import chain_of
from backstride.domain.screening import Level
from backstride.domain.session import timeline, total_duration_s
from backstride.domain.todays_routine import RoutinePlan
from backstride.services.exercises import catalogue
from backstride.services.result_model import ResultModel


class DecisionResult(ResultModel):
    """Today's progression decision for one ladder, with the rule and its reason."""

    action: str
    rule: str
    reason: str


class RoutineItemResult(ResultModel):
    """One exercise of the routine: its dose, why it is there, and today's decision."""

    exercise: str
    name: str
    level: str
    reps: int | None
    hold_s: int | None
    rest_between_reps_s: int | None
    dose_source: str
    optional: bool
    reason: str
    decision: DecisionResult | None
    pinned: str | None = None
    """'pinned by <login>: <reason>' when a clinician pinned this exercise."""


class RoutineResult(ResultModel):
    """Today's routine: the level it was built under, its items, rounds and reasons."""

    triage: Level | None
    pattern: str | None
    changes: list[str]
    rounds: int
    rest_between_exercises_s: int
    low_load: bool
    estimated_s: int
    reasons: list[str]
    items: list[RoutineItemResult]
    programme: list[str] = []
    """What the clinician's changes in force did to today's routine."""


def routine_result(plan: RoutinePlan) -> RoutineResult:
    """The routine plan in its one result shape."""
    cat = catalogue()
    items = []
    for item in plan.routine.items:
        decision = plan.decisions.get(chain_of(cat, item.exercise.id))
        dose = item.prescription
        items.append(
            RoutineItemResult(
                exercise=item.exercise.id,
                name=item.exercise.name,
                level=dose.level_id,
                reps=dose.reps,
                hold_s=dose.hold_s,
                rest_between_reps_s=dose.rest_between_reps_s,
                dose_source=dose.dose_source,
                optional=item.optional,
                reason=item.reason,
                decision=None
                if decision is None
                else DecisionResult(
                    action=decision.action, rule=decision.rule, reason=decision.reason
                ),
                pinned=plan.pinned.get(item.exercise.id),
            )
        )
    return RoutineResult(
        triage=plan.status.level,
        pattern=plan.status.current.pattern if plan.status.current else None,
        changes=list(plan.changes),
        rounds=plan.routine.rounds,
        rest_between_exercises_s=plan.routine.rest_between_exercises_s,
        low_load=plan.routine.low_load,
        estimated_s=round(total_duration_s(timeline(plan.routine))),
        reasons=list(plan.routine.reasons),
        items=items,
        programme=list(plan.programme),
    )
