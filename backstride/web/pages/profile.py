"""The profile page: time zone, units, equipment and the usual running week, shown and edited."""

from dataclasses import dataclass, field
from functools import cache
from typing import get_args
from zoneinfo import available_timezones

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from backstride.domain.local_time import zone_named
from backstride.domain.profile import (
    DAY_NAMES,
    EQUIPMENT_ITEMS,
    RUN_TYPES,
    WEEKDAYS,
    Profile,
)
from backstride.domain.units import Units
from backstride.errors import BackstrideError, InvalidInput
from backstride.services.profile import edit_profile, show_profile
from backstride.web.auth import FORM_FIELD, check_form_token, runner_action, signed_in
from backstride.web.errors import status_of
from backstride.web.templating import page

router = APIRouter()
UNITS: tuple[Units, ...] = get_args(Units)
UNIT_WORDS = {"km": "kilometres", "mi": "miles"}
SEPARATORS = (",", "@")
"""Characters that join run days in the command-line form: one form field may not hold them."""


@dataclass(frozen=True, slots=True)
class ProfileFields:
    """What the form shows: the stored profile, or what the runner just sent."""

    name: str = ""
    units: str = "km"
    time_zone: str = ""
    equipment: frozenset[str] = frozenset()
    runs: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Weekday -> (run type or "", start HH:MM or "")."""


def fields_of(profile: Profile) -> ProfileFields:
    """The form's fields filled from the stored profile."""
    return ProfileFields(
        name=profile.name or "",
        units=profile.units,
        time_zone=profile.time_zone or "",
        equipment=frozenset(profile.equipment),
        runs={run.day: (run.type, run.start or "") for run in profile.run_days},
    )


def _text(form: FormData, key: str, limit: int = 200) -> str:
    """One text field of the form ("" when absent); a file or an endless value is refused."""
    value = form.get(key, "")
    if not isinstance(value, str):
        raise InvalidInput(f"{key.replace('_', ' ')} must be text, not a file", field=key)
    if len(value) > limit:
        raise InvalidInput(
            f"{key.replace('_', ' ')} is {len(value)} characters long: give at most {limit}",
            field=key,
        )
    return value


def sent_fields(form: FormData) -> ProfileFields:
    """The form's fields as the runner sent them (to show them again beside an error)."""
    runs: dict[str, tuple[str, str]] = {}
    for day in WEEKDAYS:
        kind, start = _text(form, f"run_{day}", 40), _text(form, f"start_{day}", 40)
        if kind or start:
            runs[day] = (kind, start)
    equipment = [value for value in form.getlist("equipment") if isinstance(value, str)]
    return ProfileFields(
        name=_text(form, "name"),
        units=_text(form, "units", 40),
        time_zone=_text(form, "time_zone", 100),
        equipment=frozenset(equipment),
        runs=runs,
    )


def run_days_spec(sent: ProfileFields) -> str:
    """The running week from the day rows, in the form the CLI's --run-days takes."""
    parts = []
    for day, name in zip(WEEKDAYS, DAY_NAMES, strict=True):
        kind, start = (part.strip() for part in sent.runs.get(day, ("", "")))
        if ":" in kind or any(mark in kind + start for mark in SEPARATORS):
            raise InvalidInput(
                f"run days: {name.capitalize()} {kind!r} at {start!r} is not valid: pick a run "
                f"type ({', '.join(RUN_TYPES)}) and a start time HH:MM, e.g. 07:00",
                field="run_days",
            )
        if not kind:
            if start:
                raise InvalidInput(
                    f"run days: {name.capitalize()} has the start time {start!r} but no run: "
                    f"pick a run type ({', '.join(RUN_TYPES)}) or clear the time",
                    field="run_days",
                )
            continue
        parts.append(f"{day}:{kind}" + (f"@{start}" if start else ""))
    return ",".join(parts)


def _bad_zone(name: str) -> bool:
    """True when the zone sent is not one the profile accepts (to mark its field)."""
    try:
        zone_named(name.strip())
    except InvalidInput:
        return True
    return False


@cache
def zone_names() -> tuple[str, ...]:
    """The IANA zone names offered beside the time-zone field."""
    return tuple(sorted(available_timezones()))


@router.get("/profile")
def profile(request: Request, saved: str | None = None) -> Response:
    """The profile as stored, in a form that changes it."""
    who = signed_in(request)
    with runner_action(request, who, write=False) as action:
        stored = show_profile(action)
    return _profile_page(request, stored, fields_of(stored), saved=saved == "1")


@router.post("/profile")
async def save_profile(request: Request) -> Response:
    """Change the profile: every field checked first, then all saved in one transaction."""
    async with request.form() as form:  # closes any file a hostile form carried
        sent = form.get(FORM_FIELD)
        check_form_token(request, sent if isinstance(sent, str) else None)
        return await run_in_threadpool(_save, request, form)


def _save(request: Request, form: FormData) -> Response:
    who = signed_in(request)
    sent: ProfileFields | None = None
    try:
        sent = sent_fields(form)
        with runner_action(request, who, write=True) as action:
            edit_profile(
                action,
                name=sent.name,
                units=sent.units,
                equipment=",".join(sorted(sent.equipment)),
                run_days=run_days_spec(sent),
                time_zone=sent.time_zone,
            )
    except BackstrideError as error:
        with runner_action(request, who, write=False) as action:
            stored = show_profile(action)
        bad = error.field if isinstance(error, InvalidInput) else None
        if bad is None and sent is not None and sent.time_zone and _bad_zone(sent.time_zone):
            bad = "time_zone"
        return _profile_page(
            request,
            stored,
            sent or fields_of(stored),
            status_code=status_of(error),
            error=str(error),
            field=bad,
        )
    return RedirectResponse("/profile?saved=1", status_code=303)


def _profile_page(
    request: Request,
    stored: Profile,
    shown: ProfileFields,
    *,
    status_code: int = 200,
    saved: bool = False,
    error: str | None = None,
    field: str | None = None,
) -> Response:
    return page(
        request,
        "profile.html",
        status_code,
        title="Your profile",
        stored=stored,
        shown=shown,
        saved=saved,
        error=error,
        field=field,
        units=UNITS,
        unit_words=UNIT_WORDS,
        equipment_items=EQUIPMENT_ITEMS,
        run_types=RUN_TYPES,
        days=list(zip(WEEKDAYS, DAY_NAMES, strict=True)),
        zones=zone_names(),
    )
