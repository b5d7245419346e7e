"""Which activities a list shows: a sport, a range of the runner's days, one page at a time."""

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from backstride.domain.local_time import local_start
from backstride.errors import InvalidInput

PER_PAGE = 30
MAX_PAGE_DIGITS = 6
ALL_SPORTS = "all"


@dataclass(frozen=True, slots=True)
class ActivityHead:
    """What filtering and totals need of one activity: when, what sport, how long, how far."""

    id: str
    start: datetime
    local_offset_min: int | None
    sport: str
    elapsed_s: float
    distance_m: float | None


@dataclass(frozen=True, slots=True)
class RunQuery:
    """The list asked for: a sport (None: every sport), first and last day, a page from 1."""

    sport: str | None = "running"
    since: date | None = None
    until: date | None = None
    page: int = 1


def run_query(sport: str, since: str, until: str, page: str, sports: list[str]) -> RunQuery:
    """The list's fields as typed; a bad one names itself and what would be valid."""
    chosen = sport.strip().lower() or "running"
    if chosen != ALL_SPORTS and chosen not in sports and chosen != "running":
        valid = ", ".join([ALL_SPORTS, *sports]) if sports else f"{ALL_SPORTS}, running"
        raise InvalidInput(
            f"sport {sport[:40]!r} is not one of yours: valid: {valid}", field="sport"
        )
    first, last = _day(since, "since"), _day(until, "until")
    if first is not None and last is not None and first > last:
        raise InvalidInput(
            f"since {first} is after until {last}: give a range that runs forward", field="since"
        )
    number = page.strip() or "1"
    if not (number.isascii() and number.isdigit()) or len(number) > MAX_PAGE_DIGITS:
        raise InvalidInput(
            f"page {page[:20]!r} is not valid: give a whole number from 1", field="page"
        )
    if int(number) < 1:
        raise InvalidInput(
            f"page {page[:20]!r} is not valid: give a whole number from 1", field="page"
        )
    return RunQuery(None if chosen == ALL_SPORTS else chosen, first, last, int(number))


def _day(typed: str, field: str) -> date | None:
    text = typed.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"{field} {typed[:20]!r} is not a date: give it as YYYY-MM-DD, e.g. 2026-09-01",
            field=field,
        ) from None


def in_range(heads: list[ActivityHead], query: RunQuery, zone: tzinfo) -> list[ActivityHead]:
    """The activities whose day on the runner's clock falls within the query's days."""
    kept = []
    for head in heads:
        day = local_start(head.start, head.local_offset_min, zone).date()
        if (query.since is None or day >= query.since) and (
            query.until is None or day <= query.until
        ):
            kept.append(head)
    return kept


def page_count(total: int, per_page: int = PER_PAGE) -> int:
    """How many pages a list of `total` fills (at least one, even when empty)."""
    return max(1, -(-total // per_page))
