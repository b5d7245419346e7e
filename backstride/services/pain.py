"""The pain journal: logging a score and reading the history with its trend."""

from dataclasses import dataclass
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
from backstride.services.care_alerts import alert_on_pain
from backstride.services.context import Action
from backstride.storage.pain_entries import (
    add_pain_entry,
    list_pain_entries,
    list_pain_entries_by_id,
    pain_entry_by_id,
    replace_pain_entry,
)
from backstride.storage.pain_entries import delete_pain_entry as forget_pain_entry

CHART_DAYS = 28


@dataclass(frozen=True, slots=True)
class StoredPain:
    """One stored entry with its id (to edit or delete it by)."""

    id: str
    entry: PainEntry


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


def log_pain(
    action: Action,
    score: int,
    when: str,
    reaches: str = "back",
    side: str = "central",
    note: str = "",
) -> StoredPain:
    """Validate and store one pain entry, timed now; with its id, on the runner's clock."""
    entry = _checked_entry(action.now, score, when, reaches, side, note)
    entry_id = add_pain_entry(action.session, action.runner_id, entry)
    alert_on_pain(action, entry_id, entry)
    return StoredPain(entry_id, _on_runner_clock(action, entry))


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


def pain_entries_by_id(action: Action) -> list[StoredPain]:
    """Every entry of the runner with its id, oldest first, on the runner's clock."""
    return [
        StoredPain(entry_id, _on_runner_clock(action, entry))
        for entry_id, entry in list_pain_entries_by_id(action.session, action.runner_id)
    ]


def pain_entry_of(action: Action, entry_id: str) -> StoredPain:
    """One of the runner's entries by id; NotFound for an id that is not theirs."""
    entry = pain_entry_by_id(action.session, action.runner_id, entry_id)
    if entry is None:
        raise NotFound(_not_yours(entry_id))
    return StoredPain(entry_id, _on_runner_clock(action, entry))


def edit_pain_entry(
    action: Action,
    entry_id: str,
    *,
    score: int | None = None,
    when: str | None = None,
    reaches: str | None = None,
    side: str | None = None,
    note: str | None = None,
) -> StoredPain:
    """Change some values of one of the runner's entries (its time stays); NotFound if not
    theirs."""
    stored = pain_entry_by_id(action.session, action.runner_id, entry_id)
    if stored is None:
        raise NotFound(_not_yours(entry_id))
    entry = _checked_entry(
        stored.recorded_at,
        stored.score if score is None else score,
        stored.when if when is None else when,
        stored.reaches if reaches is None else reaches,
        stored.side if side is None else side,
        stored.note if note is None else note,
    )
    replace_pain_entry(action.session, action.runner_id, entry_id, entry)
    alert_on_pain(action, entry_id, entry)
    return StoredPain(entry_id, _on_runner_clock(action, entry))


def delete_pain_entry(action: Action, entry_id: str) -> None:
    """Forget one of the runner's entries; NotFound for an id that is not theirs."""
    if not forget_pain_entry(action.session, action.runner_id, entry_id):
        raise NotFound(_not_yours(entry_id))


def _not_yours(entry_id: str) -> str:
    return f"pain entry {entry_id[:40]!r} is not in your journal (it may have been deleted)"


def local_pain_entries(action: Action) -> list[PainEntry]:
    """Every entry of the user, oldest first, with times on the runner's clock."""
    return [
        _on_runner_clock(action, e) for e in list_pain_entries(action.session, action.runner_id)
    ]


def _on_runner_clock(action: Action, e: PainEntry) -> PainEntry:
    """The entry with its time on the runner's clock (built directly: dataclasses.replace is
    several times slower, and the journal is converted on every page of the day)."""
    return PainEntry(action.local(e.recorded_at), e.score, e.when, e.reaches, e.side, e.note)


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
