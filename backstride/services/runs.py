"""Listing imported activities: a page of them, latest first, with totals over all of them."""

from dataclasses import dataclass
from datetime import tzinfo

from backstride.domain.activity_record import StoredActivity
from backstride.domain.units import Units
from backstride.errors import InvalidInput, NotFound
from backstride.services.context import Action
from backstride.storage.activities import list_activities
from backstride.storage.activity_pages import activities_by_id, delete_activity
from backstride.storage.profiles import load_profile

__all__ = ["RunsPage", "StoredActivity", "delete_run", "list_runs", "run_of", "runs_page"]


@dataclass(frozen=True, slots=True)
class RunsPage:
    """Some activities, latest first, and what all of them add up to, in the runner's units."""

    activities: list[StoredActivity]
    total_count: int
    total_distance_m: float
    total_elapsed_s: float
    units: Units
    zone: tzinfo
    runs_only: bool
    other_count: int = 0
    """With runs only: how many activities of other sports there are (`--all` lists them)."""


def list_runs(action: Action, runs_only: bool = True) -> list[StoredActivity]:
    """Imported activities, oldest first; runs only unless asked for all."""
    return list_activities(action.session, action.runner_id, runs_only)


def runs_page(action: Action, runs_only: bool = True, limit: int = 30) -> RunsPage:
    """The latest `limit` activities (0: every one), latest first, with totals over all."""
    if limit < 0:
        raise InvalidInput(f"limit {limit} is not valid: give 0 (all) or more", field="limit")
    every = list_runs(action, runs_only)
    other = len(list_runs(action, runs_only=False)) - len(every) if runs_only else 0
    shown = list(reversed(every))
    return RunsPage(
        activities=shown[:limit] if limit else shown,
        total_count=len(every),
        total_distance_m=sum(run.distance_m or 0.0 for run in every),
        total_elapsed_s=sum(run.elapsed_s for run in every),
        units=load_profile(action.session, action.runner_id).units,
        zone=action.zone,
        runs_only=runs_only,
        other_count=other,
    )


def run_of(action: Action, run_id: str) -> StoredActivity:
    """One imported activity of the runner (any sport); NotFound for an id that is not theirs."""
    found = activities_by_id(action.session, action.runner_id, [run_id[:64]])
    if not found:
        raise NotFound(f"no activity {run_id[:40]!r} among yours")
    return found[0]


def delete_run(action: Action, run_id: str) -> None:
    """Forget one imported activity of the runner; NotFound for an id that is not theirs."""
    if not delete_activity(action.session, action.runner_id, run_id[:64]):
        raise NotFound(f"no activity {run_id[:40]!r} among yours (it may have been deleted)")
