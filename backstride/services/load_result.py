"""Training load as one result shape: what `load --json` prints and the API will return."""

from datetime import date

from backstride.domain.load import Correlation, LoadSummary, LoadUnit
from backstride.domain.load_report import LoadReport
from backstride.services.result_model import ResultModel


class LoadWeekResult(ResultModel):
    """One week's load, its change from the week before, and the mean pain beside it."""

    week_start: date
    total: float
    change_pct: float | None
    large_jump: bool
    days_so_far: int
    mean_pain: float | None


class LoadResult(ResultModel):
    """Today's load numbers, the weeks, load against next-day pain, and how each is made."""

    unit: LoadUnit
    summary: LoadSummary
    weeks: list[LoadWeekResult]
    correlation: Correlation
    explanation: list[str]
    skipped_sessions: int


def load_result(report: LoadReport) -> LoadResult:
    """The load report in its one result shape."""
    return LoadResult(
        unit=report.unit,
        summary=report.summary,
        weeks=[
            LoadWeekResult(
                week_start=w.week_start,
                total=w.total,
                change_pct=w.change_pct,
                large_jump=w.large_jump,
                days_so_far=w.days_so_far,
                mean_pain=report.weekly_pain.get(w.week_start),
            )
            for w in report.weeks
        ],
        correlation=report.correlation,
        explanation=report.explanation,
        skipped_sessions=report.skipped_sessions,
    )
