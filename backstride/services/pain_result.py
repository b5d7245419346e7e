"""Pain as result shapes: what `pain --json` and `pain history --json` print, the API's too."""

from backstride.domain.pain import PainEntry, PainTrend, WeekMean
from backstride.services.pain import PainHistory
from backstride.services.result_model import ResultModel


class PainHistoryResult(ResultModel):
    """The journal's entries, the weekly means and the trend verdict with its numbers."""

    entries: list[PainEntry]
    weekly_means: list[WeekMean]
    trend: PainTrend


def pain_history_result(history: PainHistory) -> PainHistoryResult:
    """The pain history in its one result shape."""
    return PainHistoryResult(
        entries=history.entries, weekly_means=history.weekly, trend=history.trend
    )
