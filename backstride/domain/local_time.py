"""The runner's clock: one definition of when an activity began, and which day it is."""

from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from backstride.errors import InvalidInput

MAX_OFFSET_MIN = 14 * 60  # real UTC offsets run from -12:00 to +14:00


def local_start(start: datetime, local_offset_min: int | None, zone: tzinfo) -> datetime:
    """When an activity began on the runner's clock.

    The device's own offset wins where it recorded one (the run happened at that wall time,
    even when travelling); otherwise the runner's zone. Every command takes a run's day from
    here, so one run lands on the same day in runs, load, plan and cadence.
    """
    if local_offset_min is not None and abs(local_offset_min) <= MAX_OFFSET_MIN:
        return start.astimezone(timezone(timedelta(minutes=local_offset_min)))
    return start.astimezone(zone)


def local_day(moment: datetime, zone: tzinfo) -> date:
    """The calendar day a moment falls on in the runner's zone."""
    return moment.astimezone(zone).date()


def zone_named(name: str) -> ZoneInfo:
    """The IANA time zone of that name ("Europe/Paris"); InvalidInput names the bad value."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as error:  # OSError: a name too long
        close = sorted(z for z in available_timezones() if name.lower() in z.lower())[:3]
        hint = f" (did you mean {' or '.join(close)}?)" if close else ""
        raise InvalidInput(
            f"unknown time zone {name[:64]!r}{hint}: give an IANA name such as Europe/London, "
            "America/New_York or Australia/Brisbane"
        ) from error
