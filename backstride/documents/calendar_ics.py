"""The plan as an iCalendar file: one event per run, strength session and draw-in, with alarms."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from backstride.domain.plans import ASSUMED_RUN_MINUTES, DayPlan, PlanItem

PRODID = "-//backstride//training plan//EN"
STRENGTH_MINUTES = 30  # app policy: how long a strength session is put in the calendar
MICRO_MINUTES = 5  # app policy: the draw-in takes a few minutes at most
RUN_MINUTES: dict[str, int] = {str(kind): minutes for kind, minutes in ASSUMED_RUN_MINUTES.items()}
REMINDER_MINUTES = {"strength": 30, "micro": 10}
ROUTINE_HEADING = (
    "Your routine as it stands today (run 'backstride routine' on the day for the current one):"
)
NO_ROUTINE = "No exercises for now."


@dataclass(frozen=True, slots=True)
class CalendarPlan:
    """What the calendar holds: the dated plan, today's routine (or why none), when it was made."""

    days: Sequence[tuple[date, DayPlan]]
    routine_text: str | None
    routine_refusal: str | None
    made_at: datetime


@dataclass(frozen=True, slots=True)
class CalendarFile:
    """The iCalendar bytes and how many events they hold."""

    content: bytes
    events: int


def _minutes(item: PlanItem) -> int:
    if item.kind == "strength":
        return STRENGTH_MINUTES
    if item.kind == "micro":
        return MICRO_MINUTES
    return RUN_MINUTES.get(item.type, 60)


def _description(item: PlanItem, plan: CalendarPlan) -> str:
    if item.kind != "strength":
        return item.reason
    if plan.routine_text is not None:
        return f"{item.reason}\n\n{ROUTINE_HEADING}\n{plan.routine_text}"
    why = (plan.routine_refusal or "no routine is safe now").strip()
    why = why[:1].upper() + why[1:] + ("" if why.endswith((".", "!", "?")) else ".")
    return f"{item.reason}\n\n{NO_ROUTINE} {why}"


def _start(day: date, clock: str, zone: tzinfo) -> datetime:
    hours, minutes = clock.split(":")
    moment = time(int(hours), int(minutes))
    local = datetime.combine(day, moment, tzinfo=zone)
    # A named zone is written with its VTIMEZONE; a bare offset as the same instant in UTC.
    return local if isinstance(zone, ZoneInfo) else local.astimezone(UTC)


def _event(day: date, index: int, item: PlanItem, plan: CalendarPlan, zone: tzinfo) -> Event:
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


def plan_calendar(plan: CalendarPlan, zone: tzinfo) -> CalendarFile:
    """The calendar file; timed events in the runner's `zone`: by its name when it has one
    (with the zone's rules inside), else as the same instants in UTC."""
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
    if isinstance(zone, ZoneInfo) and plan.days:
        first, last = plan.days[0][0], plan.days[-1][0]
        calendar.add_missing_timezones(first - timedelta(days=366), last + timedelta(days=366))
    return CalendarFile(calendar.to_ical(), count)
