"""The zone the plan's calendar is written in: the system's, by a name a calendar knows."""

import contextlib
import os
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from backstride.documents.calendar_ics import CalendarFile, CalendarPlan, plan_calendar
from backstride.services.plans import PlanView


def _zone_names() -> list[str]:
    """Names the system zone may go by: TZ if set, else /etc/localtime's link, /etc/timezone."""
    tz = os.environ.get("TZ")
    if tz:
        name = tz.removeprefix(":")
        return [name.split("zoneinfo/", 1)[1] if "zoneinfo/" in name else name]
    names = []
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            names.append(target.split("zoneinfo/", 1)[1])
    with contextlib.suppress(OSError):
        names.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    return [name for name in names if name]


def _matches_system(zone: ZoneInfo, now: datetime) -> bool:
    """True when the named zone keeps the same offsets as the system clock, winter and summer."""
    moments = [now, now.replace(month=1, day=15), now.replace(month=7, day=15)]
    for moment in moments:
        system = moment.astimezone()
        if system.utcoffset() != system.astimezone(zone).utcoffset():
            return False
    return True


def local_zone(now: datetime) -> ZoneInfo | None:
    """The runner's time zone by name, or None when the system zone has no name we trust."""
    for name in _zone_names():
        try:
            zone = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            continue
        if _matches_system(zone, now):
            return zone
    return None


def plan_ics(plan: PlanView, zone: tzinfo) -> CalendarFile:
    """The plan as an iCalendar file in the runner's zone (the profile's, else this machine's,
    by its name when the system gives one a calendar knows)."""
    source = CalendarPlan(plan.days, plan.routine_text, plan.routine_refusal, plan.made_at)
    named = zone if isinstance(zone, ZoneInfo) else local_zone(plan.made_at)
    return plan_calendar(source, named if named is not None else zone)
