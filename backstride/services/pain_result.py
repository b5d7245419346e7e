"""Pain as result shapes: what `pain --json` and `pain history --json` print, the API's too."""

from pydantic import BaseModel, ConfigDict

from backstride.domain.pain import PainEntry, PainTrend, WeekMean
from backstride.services.pain import PainHistory

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class PainHistoryResult(BaseModel):
    """The journal's entries, the weekly means and the trend verdict with its numbers."""

    model_config = _FROZEN

    entries: list[PainEntry]
    weekly_means: list[WeekMean]
    trend: PainTrend


def pain_history_result(history: PainHistory) -> PainHistoryResult:
    """The pain history in its one result shape."""
    return PainHistoryResult(
        entries=history.entries, weekly_means=history.weekly, trend=history.trend
    )
