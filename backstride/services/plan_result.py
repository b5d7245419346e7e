"""The week's plan as one result shape: what `plan --json` prints and the API will return."""

from datetime import date

from backstride.domain.plans import PlanItem
from backstride.domain.profile import Weekday
from backstride.domain.running_week import Source
from backstride.domain.variation import Suggestion, VarietyMeasures, VarietyReport
from backstride.services.plans import PlanView
from backstride.services.result_model import ResultModel


class PlanDayResult(ResultModel):
    """One dated day of the plan and what it holds, in the order to do it."""

    date: date
    weekday: Weekday
    items: list[PlanItem]


class DoseChangeResult(ResultModel):
    """Next week's dose change for one exercise, and why."""

    exercise: str
    action: str
    reason: str


class VariationResult(ResultModel):
    """Whether the runs are monotonous, the measures that say so, and what to vary."""

    window_start: date | None
    window_end: date | None
    runs_used: int
    monotonous: bool
    summary: str
    reason: str
    measures: VarietyMeasures | None
    suggestions: list[Suggestion]
    caution: str | None


class PlanResult(ResultModel):
    """The dated plan, where its running week came from, and what is said beside it."""

    days: list[PlanDayResult]
    source: Source
    notes: list[str]
    warnings: list[str]
    dose_changes: list[DoseChangeResult]
    variation: VariationResult | None


def _variation(report: VarietyReport | None) -> VariationResult | None:
    if report is None:
        return None
    return VariationResult(
        window_start=report.window_start,
        window_end=report.window_end,
        runs_used=report.runs_used,
        monotonous=report.monotonous,
        summary=report.summary,
        reason=report.reason,
        measures=report.measures,
        suggestions=list(report.suggestions),
        caution=report.caution,
    )


def plan_result(view: PlanView) -> PlanResult:
    """The plan view in its one result shape."""
    return PlanResult(
        days=[
            PlanDayResult(date=day, weekday=day_plan.day, items=list(day_plan.items))
            for day, day_plan in view.days
        ],
        source=view.source,
        notes=view.notes,
        warnings=view.warnings,
        dose_changes=[
            DoseChangeResult(exercise=name, action=action, reason=reason)
            for name, action, reason in view.dose_changes
        ],
        variation=_variation(view.variation),
    )
