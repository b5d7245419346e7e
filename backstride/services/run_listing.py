"""The runs list a page shows: filtered by sport and days, totals over the filter, one page."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from backstride.domain.activity_record import StoredActivity
from backstride.domain.run_listing import PER_PAGE, RunQuery, in_range, page_count, run_query
from backstride.domain.units import Units
from backstride.errors import InvalidInput
from backstride.services.context import Action
from backstride.storage.activity_pages import activities_by_id, activity_heads, activity_sports
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
    sports = activity_sports(action.session, action.runner_id)
    query = run_query(sport, since, until, page, sports)
    earliest = datetime.min.replace(tzinfo=UTC)
    latest = datetime.max.replace(tzinfo=UTC)
    if query.since is not None:
        earliest = datetime.combine(query.since, datetime.min.time(), UTC) - DAY_MARGIN
    if query.until is not None:
        latest = datetime.combine(query.until, datetime.max.time(), UTC) + DAY_MARGIN
    heads = activity_heads(action.session, action.runner_id, query.sport, earliest, latest)
    kept = in_range(heads, query, action.zone)
    pages = page_count(len(kept))
    if query.page > pages:
        raise InvalidInput(
            f"page {query.page} is past the last page of this list ({pages}): give 1 to {pages}",
            field="page",
        )
    newest_first = kept[::-1][(query.page - 1) * PER_PAGE : query.page * PER_PAGE]
    return RunListing(
        query=query,
        activities=activities_by_id(
            action.session, action.runner_id, [head.id for head in newest_first]
        ),
        total_count=len(kept),
        total_distance_m=sum(head.distance_m or 0.0 for head in kept),
        total_elapsed_s=sum(head.elapsed_s for head in kept),
        pages=pages,
        sports=sports,
        units=load_profile(action.session, action.runner_id).units,
        zone=action.zone,
    )
