"""The pain journal: logging a score and reading the history with its trend."""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from backstride.domain.choices import pick
from backstride.domain.pain import (
    PAIN_REACHES,
    PAIN_SIDES,
    PAIN_WHENS,
    PainEntry,
    PainTrend,
    WeekMean,
    daily_means,
    pain_trend,
    weekly_means,
)
from backstride.errors import InvalidInput, NotFound
from backstride.services.context import Action
from backstride.storage.pain_entries import (
    add_pain_entry,
    delete_pain_entry,
    list_pain_entries,
    list_pain_entries_by_id,
    pain_entry_by_id,
    replace_pain_entry,
)

CHART_DAYS = 28
NOT_IN_JOURNAL = "That pain entry is not in your journal (it may have been deleted)."


@dataclass(frozen=True, slots=True)
class PainHistory:
    """Entries (in local time), weekly means, the last weeks day by day, and the verdict."""

    entries: list[PainEntry]
    weekly: list[WeekMean]
    daily: list[float | None]
    trend: PainTrend


def parse_score(typed: str) -> int:
    """A pain score typed on the command line: a whole number from 0 to 10."""
    try:
        score = int(typed.strip())
    except ValueError:
        raise InvalidInput(f"pain score {typed!r} is not a whole number: give 0 to 10") from None
    if not 0 <= score <= 10:
        raise InvalidInput(f"pain score {score} is out of range: give 0 (none) to 10 (worst)")
    return score


@dataclass(frozen=True, slots=True)
class PainRecord:
    """One stored entry with the id an edit or a delete names (its time on the runner's clock)."""

    id: str
    entry: PainEntry


def _checked_entry(
    recorded_at: datetime, score: int, when: str, reaches: str, side: str, note: str
) -> PainEntry:
    try:
        return PainEntry(
            recorded_at=recorded_at,
            score=score,
            when=pick("moment", when, PAIN_WHENS, field="when"),
            reaches=pick("reach", reaches, PAIN_REACHES, field="reaches"),
            side=pick("side", side, PAIN_SIDES, field="side"),
            note=note.strip(),
        )
    except ValueError as error:
        raise InvalidInput(str(error)) from error


def log_pain(
    action: Action,
    score: int,
    when: str,
    reaches: str = "back",
    side: str = "central",
    note: str = "",
) -> PainEntry:
    """Validate and store one pain entry, timed now."""
    entry = _checked_entry(action.now, score, when, reaches, side, note)
    add_pain_entry(action.session, action.runner_id, entry)
    return entry


def pain_records(action: Action) -> list[PainRecord]:
    """Every entry of the runner with its id, oldest first, on the runner's clock."""
    return [
        PainRecord(entry_id, replace(entry, recorded_at=action.local(entry.recorded_at)))
        for entry_id, entry in list_pain_entries_by_id(action.session, action.runner_id)
    ]


def pain_record(action: Action, entry_id: str) -> PainRecord:
    """The runner's entry with this id; another runner's id, or none, is NotFound."""
    entry = pain_entry_by_id(action.session, action.runner_id, entry_id)
    if entry is None:
        raise NotFound(NOT_IN_JOURNAL)
    return PainRecord(entry_id, replace(entry, recorded_at=action.local(entry.recorded_at)))


def edit_pain(
    action: Action,
    entry_id: str,
    score: int,
    when: str,
    reaches: str = "back",
    side: str = "central",
    note: str = "",
) -> PainEntry:
    """Change the score, moment, reach, side or note of one of the runner's entries.

    The entry keeps the moment it was recorded; another runner's id is NotFound.
    """
    stored = pain_entry_by_id(action.session, action.runner_id, entry_id)
    if stored is None:
        raise NotFound(NOT_IN_JOURNAL)
    entry = _checked_entry(stored.recorded_at, score, when, reaches, side, note)
    replace_pain_entry(action.session, action.runner_id, entry_id, entry)
    return entry


def delete_pain(action: Action, entry_id: str) -> None:
    """Remove one of the runner's entries; another runner's id is NotFound."""
    if not delete_pain_entry(action.session, action.runner_id, entry_id):
        raise NotFound(NOT_IN_JOURNAL)


def local_pain_entries(action: Action) -> list[PainEntry]:
    """Every entry of the user, oldest first, with times on the runner's clock."""
    return [
        replace(entry, recorded_at=action.local(entry.recorded_at))
        for entry in list_pain_entries(action.session, action.runner_id)
    ]


def pain_history(action: Action, when: str | None = None) -> PainHistory:
    """Everything logged, in local time, with weekly means and the trend of the last weeks."""
    chosen = pick("moment", when, PAIN_WHENS, field="when") if when else None
    today = action.today
    entries = [e for e in local_pain_entries(action) if chosen is None or e.when == chosen]
    return PainHistory(
        entries=entries,
        weekly=weekly_means(entries),
        daily=daily_means(entries, today - timedelta(days=CHART_DAYS - 1), today),
        trend=pain_trend(entries, today, chosen),
    )
