"""Pain as result shapes: what `pain N --json` and `pain history --json` print, the API's too."""

from datetime import datetime

from backstride.domain.pain import PainEntry, PainReach, PainSide, PainTrend, PainWhen, WeekMean
from backstride.services.pain import PainHistory, StoredPain
from backstride.services.result_model import ResultModel


class PainEntryResult(ResultModel):
    """One journal entry as stored: when, the 0-10 score, where the pain reached, a note."""

    recorded_at: datetime
    score: int
    when: PainWhen
    reaches: PainReach
    side: PainSide
    note: str


class StoredPainResult(PainEntryResult):
    """One journal entry with its id, as the API lists it (to edit or delete it by)."""

    id: str


class PainHistoryResult(ResultModel):
    """The journal's entries, the weekly means and the trend verdict with its numbers."""

    entries: list[PainEntryResult]
    weekly_means: list[WeekMean]
    trend: PainTrend


def pain_entry_result(entry: PainEntry) -> PainEntryResult:
    """One stored entry in its result shape."""
    return PainEntryResult(
        recorded_at=entry.recorded_at,
        score=entry.score,
        when=entry.when,
        reaches=entry.reaches,
        side=entry.side,
        note=entry.note,
    )


def pain_history_result(history: PainHistory) -> PainHistoryResult:
    """The pain history in its one result shape."""
    return PainHistoryResult(
        entries=[pain_entry_result(entry) for entry in history.entries],
        weekly_means=history.weekly,
        trend=history.trend,
    )


def stored_pain_result(stored: StoredPain) -> StoredPainResult:
    """One stored entry with its id in its result shape."""
    return StoredPainResult(id=stored.id, **pain_entry_result(stored.entry).model_dump())
