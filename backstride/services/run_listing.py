"""The runs list a page shows: filtered by sport and days, totals over the filter, one page."""

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from backstride.domain.activity_record import StoredActivity
from backstride.domain.run_listing import (
    PER_PAGE,
    ActivityHead,
    RunQuery,
    in_range,
    page_count,
    run_query,
)
from backstride.domain.units import Units
from backstride.errors import InvalidInput
from backstride.services.context import Action
from backstride.storage.activity_pages import (
    activities_by_id,
    activity_counts,
    activity_heads,
    latest_activity_ids,
)
from backstride.storage.profiles import load_profile

DAY_MARGIN = timedelta(days=2)
"""Wider than any UTC offset: the exact days are then taken on the runner's clock."""


@dataclass(frozen=True, slots=True)
class RunListing:
    """One page of the filtered activities, latest first, and what the whole filter adds up to."""

    query: RunQuery
    activities: list[StoredActivity]
    total_count: int
    total_distance_m: float
    total_elapsed_s: float
    pages: int
    sports: list[str]
    units: Units
    zone: tzinfo


def run_listing(
    action: Action, sport: str = "", since: str = "", until: str = "", page: str = "1"
) -> RunListing:
    """The activities of a sport ("all": every one) between two days, `PER_PAGE` a page."""
    session, runner = action.session, action.runner_id
    counts = activity_counts(session, runner)
    sports = sorted(counts)
    query = run_query(sport, since, until, page, sports)
    if query.since is None and query.until is None:  # the whole history: counted by the database
        count, metres, seconds = _totals(counts, query.sport)
        _check_page(query, page_count(count))
        offset = (query.page - 1) * PER_PAGE
        ids = latest_activity_ids(session, runner, query.sport, offset, PER_PAGE)
    else:
        kept = _in_days(action, query)
        count = len(kept)
        metres = sum(head.distance_m or 0.0 for head in kept)
        seconds = sum(head.elapsed_s for head in kept)
        _check_page(query, page_count(count))
        ids = [head.id for head in kept[::-1][(query.page - 1) * PER_PAGE :][:PER_PAGE]]
    return RunListing(
        query=query,
        activities=activities_by_id(session, runner, ids),
        total_count=count,
        total_distance_m=metres,
        total_elapsed_s=seconds,
        pages=page_count(count),
        sports=sports,
        units=load_profile(session, runner).units,
        zone=action.zone,
    )


def _totals(
    counts: dict[str, tuple[int, float, float]], sport: str | None
) -> tuple[int, float, float]:
    """How many activities of a sport (None: of all), their metres and seconds."""
    if sport is not None:
        return counts.get(sport, (0, 0.0, 0.0))
    kept = counts.values()
    return (
        sum(count for count, _, _ in kept),
        math.fsum(metres for _, metres, _ in kept),
        math.fsum(seconds for _, _, seconds in kept),
    )


def _in_days(action: Action, query: RunQuery) -> list[ActivityHead]:
    """The activities of the query's days on the runner's clock, oldest first."""
    earliest = datetime.min.replace(tzinfo=UTC)
    latest = datetime.max.replace(tzinfo=UTC)
    if query.since is not None:
        earliest = datetime.combine(query.since, datetime.min.time(), UTC) - DAY_MARGIN
    if query.until is not None:
        latest = datetime.combine(query.until, datetime.max.time(), UTC) + DAY_MARGIN
    heads = activity_heads(action.session, action.runner_id, query.sport, earliest, latest)
    return in_range(heads, query, action.zone)


def _check_page(query: RunQuery, pages: int) -> None:
    if query.page > pages:
        raise InvalidInput(
            f"page {query.page} is past the last page of this list ({pages}): give 1 to {pages}",
            field="page",
        )
