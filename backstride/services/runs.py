"""Listing imported activities."""

from backstride.services.context import Action
from backstride.storage.activities import StoredActivity, list_activities

__all__ = ["StoredActivity", "list_runs"]


def list_runs(action: Action, runs_only: bool = True) -> list[StoredActivity]:
    """Imported activities, oldest first; runs only unless asked for all."""
    return list_activities(action.session, action.runner_id, runs_only)
