"""Cadence coaching: the baseline from imported runs or a counted cadence, the ladder, advice."""

from pydantic import ValidationError

from backstride.domain.cadence import check_steps
from backstride.domain.cadence_coaching import CadenceView, cadence_view
from backstride.domain.pain import pain_trend
from backstride.errors import InvalidInput
from backstride.services.context import Action
from backstride.services.pain import local_pain_entries
from backstride.storage.activities import list_activities
from backstride.storage.profiles import load_profile, save_profile


def record_counted_cadence(action: Action, steps_in_30_s: int) -> int:
    """Store a hand-counted cadence (steps in 30 s, doubled) in the profile; returns the spm."""
    spm = check_steps(steps_in_30_s) * 2
    today = action.today.isoformat()
    try:
        profile = load_profile(action.session, action.runner_id).with_changes(
            counted_cadence_spm=spm, counted_on=today
        )
    except ValidationError as error:  # the range is checked above; this is a safety net
        raise InvalidInput(f"counted cadence {spm} spm not saved: {error}") from error
    save_profile(action.session, action.runner_id, profile, action.now)
    return spm


def cadence_coaching(action: Action) -> CadenceView:
    """The baseline, the ladder with each step's adoption, and whether to advance or hold."""
    activities = list_activities(action.session, action.runner_id, runs_only=True)
    trend = pain_trend(local_pain_entries(action), action.today)
    profile = load_profile(action.session, action.runner_id)
    return cadence_view(
        activities,
        profile.counted_cadence_spm,
        profile.counted_on,
        trend,
        action.zone,
        profile.units,
    )
