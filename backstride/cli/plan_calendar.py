"""The plan as an iCalendar file: one event per run, strength session and draw-in, with alarms."""

import contextlib
import os
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event

from backstride.domain.plans import ASSUMED_RUN_MINUTES, PlanItem
from backstride.errors import InvalidInput
from backstride.services.plans import PlanView
from backstride.services.portability import write_atomically

PRODID = "-//backstride//training plan//EN"
STRENGTH_MINUTES = 30  # app policy: how long a strength session is put in the calendar
MICRO_MINUTES = 5  # app policy: the draw-in takes a few minutes at most
RUN_MINUTES: dict[str, int] = {str(kind): minutes for kind, minutes in ASSUMED_RUN_MINUTES.items()}
REMINDER_MINUTES = {"strength": 30, "micro": 10}
ROUTINE_HEADING = (
    "Your routine as it stands today (run 'backstride routine' on the day for the current one):"
)
NO_ROUTINE = "No exercises for now."


def check_ics_path(path: Path) -> Path:
    """Refuse a path whose folder does not exist, or that is itself a folder."""
    folder = path.parent
    if not folder.is_dir():
        raise InvalidInput(
            f"--ics {str(path)!r}: the folder {str(folder)!r} does not exist; "
            "create it first or choose a path in an existing folder"
        )
    if path.is_dir():
        raise InvalidInput(f"--ics {str(path)!r} is a folder: give a file name, e.g. plan.ics")
    return path


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


def _minutes(item: PlanItem) -> int:
    if item.kind == "strength":
        return STRENGTH_MINUTES
    if item.kind == "micro":
        return MICRO_MINUTES
    return RUN_MINUTES.get(item.type, 60)


def _description(item: PlanItem, plan: PlanView) -> str:
    if item.kind != "strength":
        return item.reason
    if plan.routine_text is not None:
        return f"{item.reason}\n\n{ROUTINE_HEADING}\n{plan.routine_text}"
    why = (plan.routine_refusal or "no routine is safe now").strip()
    why = why[:1].upper() + why[1:] + ("" if why.endswith((".", "!", "?")) else ".")
    return f"{item.reason}\n\n{NO_ROUTINE} {why}"


def _start(day: date, clock: str, zone: tzinfo | None) -> datetime:
    hours, minutes = clock.split(":")
    moment = time(int(hours), int(minutes))
    if zone is not None:
        return datetime.combine(day, moment, tzinfo=zone)
    return datetime.combine(day, moment).astimezone().astimezone(UTC)  # system time, written Z


def _event(day: date, index: int, item: PlanItem, plan: PlanView, zone: tzinfo | None) -> Event:
    event = Event()
    event.add("uid", f"{day.isoformat()}-{item.kind}-{index}@backstride")
    event.add("dtstamp", plan.made_at.astimezone(UTC))
    event.add("summary", item.title)
    event.add("description", _description(item, plan))
    event.add("categories", [item.kind])
    if item.start is None:
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        return event
    start = _start(day, item.start, zone)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=_minutes(item)))
    before = REMINDER_MINUTES.get(item.kind)
    if before is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{item.title} in {before} minutes")
        alarm.add("trigger", timedelta(minutes=-before))
        event.add_component(alarm)
    return event


def plan_calendar(plan: PlanView, zone: tzinfo | None) -> tuple[Calendar, int]:
    """The calendar and how many events it holds; timed events in `zone`, else in UTC."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "backstride plan")
    count = 0
    for day, day_plan in plan.days:
        for index, item in enumerate(day_plan.items):
            calendar.add_component(_event(day, index, item, plan, zone))
            count += 1
    if zone is not None and plan.days:
        first, last = plan.days[0][0], plan.days[-1][0]
        calendar.add_missing_timezones(first - timedelta(days=366), last + timedelta(days=366))
    return calendar, count


def write_plan_calendar(plan: PlanView, path: Path) -> int:
    """Write the plan to `path` atomically, in the runner's zone; returns the event count."""
    check_ics_path(path)
    calendar, count = plan_calendar(plan, local_zone(plan.made_at))
    write_atomically(path, calendar.to_ical())  # the folder was checked above
    return count
