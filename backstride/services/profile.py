"""Showing and editing the runner's profile."""

from collections.abc import Mapping

from pydantic import ValidationError

from backstride.domain.local_time import zone_named
from backstride.domain.profile import Profile, parse_equipment, parse_run_days
from backstride.domain.validation_words import plain_problems
from backstride.errors import InvalidInput
from backstride.services.context import Action
from backstride.storage.profiles import load_profile, save_profile


def show_profile(action: Action) -> Profile:
    """The stored profile (defaults until edited)."""
    return load_profile(action.session, action.runner_id)


def edit_profile(
    action: Action,
    *,
    name: str | None = None,
    units: str | None = None,
    birth_year: int | None = None,
    equipment: str | None = None,
    run_days: str | None = None,
    time_zone: str | None = None,
) -> Profile:
    """Apply the given changes, validate the whole profile, and store it."""
    changes: dict[str, object] = {}
    if name is not None:
        changes["name"] = name.strip() or None
    if units is not None:
        changes["units"] = units.strip().lower()
    if birth_year is not None:
        changes["birth_year"] = birth_year
    if equipment is not None:
        changes["equipment"] = parse_equipment(equipment)
    if run_days is not None:
        changes["run_days"] = [day.model_dump() for day in parse_run_days(run_days)]
    if time_zone is not None:
        changes["time_zone"] = zone_named(time_zone.strip()).key if time_zone.strip() else None
    return change_profile(action, changes)


EDITABLE = ("name", "units", "birth_year", "equipment", "run_days", "time_zone")
"""The profile fields a runner edits directly (the others are recorded by other actions)."""


def change_profile(action: Action, changes: Mapping[str, object]) -> Profile:
    """Apply changes given as profile values (the API's JSON), validated strictly; store them."""
    fixed = sorted(set(changes) - set(EDITABLE))
    if fixed:
        raise InvalidInput(
            f"{', '.join(fixed)} cannot be changed here: the editable fields are "
            f"{', '.join(EDITABLE)} (profile not changed)",
            field=fixed[0],
        )
    try:
        profile = load_profile(action.session, action.runner_id).with_changes(**changes)
    except ValidationError as error:
        (field, first), *more = plain_problems(error)
        also = "".join(f"; {sentence}" for _, sentence in more)
        raise InvalidInput(f"{first}{also} (profile not changed)", field=field) from error
    except InvalidInput as error:
        raise InvalidInput(f"{error} (profile not changed)", field="time_zone") from error
    save_profile(action.session, action.runner_id, profile, action.now)
    return profile
