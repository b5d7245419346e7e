"""The weekly plan: strength, the daily draw-in and off days placed around the running week."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations
from typing import Literal

from backstride.domain.profile import DAY_NAMES, WEEKDAYS, RunDay, RunType, Weekday, check_start
from backstride.errors import InvalidInput

S003 = "003_258de63b44b222a3.txt"
S004 = "004_e85cdf09e9746a65.txt"

# Each rule id and the full source tags its reason text cites by short name.
RULE_SOURCES: dict[str, tuple[str, ...]] = {
    "frequency": (S004, "ACSM09"),  # strength 2-3 times a week
    "gap": (S004, "DOMAIN.md 2.6"),  # on a run day, strength 4-6 h after the run
    "key-day": ("DOMAIN.md 2.6",),  # strength on easy-run or run-free days only
    "day-before-key": ("DOMAIN.md 2.6",),  # practice default: none the day before a key session
    "late": ("app-policy",),  # no strength starting after LATEST_STRENGTH_START
    "off-day": (S003, "app-policy"),  # at least one day with no run and no strength
    "spacing": ("ACSM09",),  # a day without strength between strength days where possible
    "micro": (S003,),  # lower-abs draw-in at least once a day and after every run
    "run-length": ("app-policy",),  # the profile has start times but no durations
}

# app policy: how long each run is assumed to last, so its end time can be worked out.
ASSUMED_RUN_MINUTES: dict[RunType, int] = {"easy": 60, "long": 150, "intervals": 75, "race": 120}
KEY_RUNS: frozenset[str] = frozenset({"long", "intervals", "race"})  # DOMAIN.md 2.6
GAP_MINUTES = 4 * 60  # S004: strength 4-6 h after the run
GAP_MAX_MINUTES = 6 * 60
LATEST_STRENGTH_START = "21:00"  # app policy: no strength planned to start later than this
RUN_TITLES: dict[RunType, str] = {
    "easy": "Easy run",
    "long": "Long run",
    "intervals": "Intervals",
    "race": "Race",
}
STRENGTH_TITLE = "Strength and core routine"
MICRO_TITLE = "Lower-abs draw-in, 10-15 s"
DAY = 24 * 60

ItemKind = Literal["run", "strength", "micro"]
Severity = Literal["rule", "advice"]


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One thing to do on a day: a run, a strength session or a short draw-in."""

    kind: ItemKind
    type: str
    start: str | None
    title: str
    reason: str


@dataclass(frozen=True, slots=True)
class DayPlan:
    """One weekday of the plan and what it holds, in the order to do it."""

    day: Weekday
    items: tuple[PlanItem, ...] = ()

    @property
    def run(self) -> PlanItem | None:
        """The day's run, if it has one."""
        return next((item for item in self.items if item.kind == "run"), None)

    @property
    def strength(self) -> PlanItem | None:
        """The day's strength session, if it has one."""
        return next((item for item in self.items if item.kind == "strength"), None)

    @property
    def is_off_day(self) -> bool:
        """True when the day has neither a run nor strength."""
        return self.run is None and self.strength is None


@dataclass(frozen=True, slots=True)
class WeekPlan:
    """Seven days, Monday to Sunday, and notes on what was ruled out or could not be met."""

    days: tuple[DayPlan, ...]
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if tuple(day.day for day in self.days) != WEEKDAYS:
            raise ValueError("a week plan holds exactly the seven days mon..sun, in order")

    def day(self, day: str) -> DayPlan:
        """The plan for one weekday; an unknown day name is refused."""
        for plan in self.days:
            if plan.day == day:
                return plan
        raise InvalidInput(f"unknown day {day!r}: valid days are {', '.join(WEEKDAYS)}")

    @property
    def strength_days(self) -> tuple[Weekday, ...]:
        """The days that hold a strength session."""
        return tuple(plan.day for plan in self.days if plan.strength is not None)

    @property
    def off_days(self) -> tuple[Weekday, ...]:
        """The days with no run and no strength."""
        return tuple(plan.day for plan in self.days if plan.is_off_day)


@dataclass(frozen=True, slots=True)
class Violation:
    """A rule the plan breaks; "rule" breaches are refused, "advice" ones are only shown."""

    rule: str
    day: Weekday | None
    message: str
    severity: Severity = "rule"


def checked_start(value: str, what: str) -> str:
    """A valid HH:MM start, or InvalidInput naming what it was for."""
    try:
        return check_start(value)
    except ValueError as error:
        raise InvalidInput(f"{what}: {error}") from None


def minutes_of(clock: str) -> int:
    """Minutes after midnight of an HH:MM time."""
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def clock_of(minutes: int) -> str:
    """HH:MM for minutes after midnight (wrapping past midnight)."""
    minutes %= DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _name(day: str) -> str:
    return day.capitalize()


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def _run_end(run: PlanItem | None) -> int | None:
    """Minutes after midnight when the run ends (may pass midnight); None if unknown."""
    if run is None or run.start is None:
        return None
    minutes = next((m for kind, m in ASSUMED_RUN_MINUTES.items() if kind == run.type), 60)
    return minutes_of(run.start) + minutes


def _breaches(
    run: PlanItem | None, tomorrow: PlanItem | None, start: str | None
) -> list[tuple[str, str]]:
    """The hard rules strength at `start` breaks on a day with `run`, the day before `tomorrow`."""
    found = []
    if run is not None and run.type in KEY_RUNS:  # DOMAIN.md 2.6
        why = f"that day has your {run.title.lower()}, and strength belongs on easy-run or"
        found.append(("key-day", f"{why} run-free days (DOMAIN.md 2.6)"))
    if tomorrow is not None and tomorrow.type in KEY_RUNS:  # DOMAIN.md 2.6, practice default
        why = f"it is the day before your {tomorrow.title.lower()}"
        found.append(("day-before-key", f"{why} (DOMAIN.md 2.6, practice default)"))
    end = _run_end(run)
    if run and end is not None and start is not None and minutes_of(start) < end + GAP_MINUTES:
        why = f"strength at {start} is less than 4 h after your {run.title.lower()}"
        found.append(("gap", f"{why}, done about {clock_of(end)} (S004, DOMAIN.md 2.6)"))  # S004
    if start is not None and minutes_of(start) > minutes_of(LATEST_STRENGTH_START):  # app policy
        why = f"strength at {start} starts after {LATEST_STRENGTH_START}"
        found.append(("late", f"{why}, the latest start we plan (app policy)"))
    return found


def _opening(run: PlanItem | None, default_time: str | None) -> tuple[str | None, list[str]]:
    """When strength can start that day (4 h after a timed run), and why not if too late."""
    end = _run_end(run)
    if run is None or end is None:
        return (default_time if run is None else None), []
    if end + GAP_MINUTES <= minutes_of(LATEST_STRENGTH_START):
        return clock_of(end + GAP_MINUTES), []
    why = f"4 h after your {run.title.lower()} (done about {clock_of(end)}) is past"
    # S004 gap plus the app-policy cut-off; the latest start is offered so a check flags the gap.
    return LATEST_STRENGTH_START, [f"{why} {LATEST_STRENGTH_START} (S004, app policy)"]


def _run_item(run: RunDay | None) -> PlanItem | None:
    if run is None or run.type == "rest":
        return None
    minutes = ASSUMED_RUN_MINUTES[run.type]
    reason = f"From your running week; we assume it lasts about {minutes} min (app policy)."
    return PlanItem("run", run.type, run.start, RUN_TITLES[run.type], reason)


def _micro(run: PlanItem | None) -> PlanItem:
    """The lower-abs draw-in (S003): straight after a run, or once on a day without one."""
    hold = "draw your lower belly in gently and hold for 10-15 s (S003)."
    if run is None:
        return PlanItem("micro", "micro", None, MICRO_TITLE, f"Once today, at any time: {hold}")
    end = _run_end(run)
    start = clock_of(end) if end is not None and end < DAY else None
    return PlanItem("micro", "micro", start, MICRO_TITLE, f"Straight after your run, {hold}")


def _strength(run: PlanItem | None, start: str | None, spaced: bool) -> PlanItem:
    end = _run_end(run)
    if run is None:
        when = f"at {start}" if start else "at any time"
        why = f"No run today, so strength fits {when} (DOMAIN.md 2.6)."
    elif start is None or end is None:
        why = (
            f"{run.title} today with no start time set: begin strength at least 4 h "
            "after it ends (S004, DOMAIN.md 2.6)."
        )
    else:
        until = clock_of(min(end + GAP_MAX_MINUTES, minutes_of(LATEST_STRENGTH_START)))
        why = (
            f"{run.title} at {run.start}, done about {clock_of(end)}: starting strength between "
            f"{start} and {until} keeps 4-6 h between them (S004, DOMAIN.md 2.6)."
        )
    why += " Tomorrow is not a long run, intervals or a race (DOMAIN.md 2.6, practice default)."
    if spaced:
        why += " The days either side have no strength, to give you time to recover (ACSM09)."
    return PlanItem("strength", "strength", start, STRENGTH_TITLE, why)


def _day(day: Weekday, run: PlanItem | None, strength: PlanItem | None) -> DayPlan:
    items = [run, _micro(run)] if run is not None else []
    if strength is not None:
        items += [strength] if run is not None else [strength, _micro(None)]
    return DayPlan(day, tuple(items))


def _adjacent(days: tuple[int, ...]) -> bool:
    return any((b - a) % 7 in (1, 6) for a, b in combinations(days, 2))


def _min_gap(days: tuple[int, ...]) -> int:
    if len(days) < 2:
        return 7
    return min((days[(j + 1) % len(days)] - days[j]) % 7 for j in range(len(days)))


def _choose(
    open_days: list[int], free: set[int], rest: set[int], sessions: int
) -> tuple[tuple[int, ...], bool]:
    """The best placement and whether it keeps strength days apart; most sessions first."""
    tiers = [(k, True) for k in range(sessions, 1, -1)] + [(2, False), (1, True), (0, True)]
    for size, apart in tiers:
        valid = [
            combo
            for combo in combinations(open_days, size)
            if (not free or free - set(combo)) and not (apart and _adjacent(combo))
        ]
        if valid:
            best = min(valid, key=lambda c: (len(rest & set(c)), -_min_gap(c), c))
            return best, apart
    raise AssertionError("an empty placement is always valid")


def _off_day_notes(days: Sequence[DayPlan]) -> list[str]:
    off = [plan for plan in days if plan.is_off_day]
    if off:
        return [
            f"{_name(plan.day)}: full off day, no run and no strength, so your back and legs "
            "can settle (S003, app policy); a 10-15 s draw-in is still fine if you like (S003)."
            for plan in off
        ]
    if all(plan.run is not None for plan in days):
        return [
            "Every day has a run, so no full off day fits; a day off running now and then "
            "gives your back a rest (S003)."
        ]
    return [
        "No full off day is left; keep at least one day with no run and no strength "
        "(S003, app policy)."
    ]


def _by_day(runs: Sequence[RunDay]) -> dict[Weekday, RunDay]:
    by_day: dict[Weekday, RunDay] = {}
    for run in runs:
        if run.day in by_day:
            raise InvalidInput(
                f"run day {run.day!r} appears more than once: give each weekday at most one "
                "run (two runs on one day are not supported)"
            )
        by_day[run.day] = run
    return by_day


def plan_week(
    runs: Sequence[RunDay], sessions: int = 3, default_time: str | None = None
) -> WeekPlan:
    """Place 2-3 strength sessions, the draw-in and an off day around the running week."""
    if sessions not in (2, 3):  # S004, ACSM09
        raise InvalidInput(f"strength sessions {sessions!r} is not valid: choose 2 or 3 a week")
    latest = minutes_of(LATEST_STRENGTH_START)
    if (
        default_time is not None
        and minutes_of(checked_start(default_time, "strength time")) > latest
    ):
        raise InvalidInput(f"strength time {default_time!r} is after {LATEST_STRENGTH_START}")
    by_day = _by_day(runs)
    items = [_run_item(by_day.get(day)) for day in WEEKDAYS]
    notes: list[str] = []
    open_days: dict[int, str | None] = {}
    for i, day in enumerate(WEEKDAYS):
        start, late = _opening(items[i], default_time)
        # When the cut-off rules the day out, the gap breach would only repeat it: check no time.
        breaches = _breaches(items[i], items[(i + 1) % 7], None if late else start)
        found = [why for _, why in breaches] + late
        if found:
            notes.append(f"{_name(day)}: no strength, because {'; and '.join(found)}.")
        else:
            open_days[i] = start
    free = {i for i, item in enumerate(items) if item is None}
    rest = {WEEKDAYS.index(day) for day, run in by_day.items() if run.type == "rest"}
    chosen, apart = _choose(list(open_days), free, rest, sessions)
    if len(chosen) < sessions:
        if len(open_days) < sessions:
            why = f"only {_count(len(open_days), 'day')} open"
        elif all(free and not free - set(c) for c in combinations(open_days, sessions)):
            why = "more would take your only off day"
        else:
            why = "more would put strength on back-to-back days"
        notes.append(
            f"{_count(len(chosen), 'strength session')} this week, not {sessions}: {why}; "
            "2-3 a week is the aim (S004, ACSM09)."
        )
    if not apart:
        notes.append(
            "Your two strength days are back to back because no better pair is open; a day "
            "between them helps recovery when your week allows it (ACSM09)."
        )
    days = tuple(
        _day(day, items[i], _strength(items[i], open_days[i], apart) if i in chosen else None)
        for i, day in enumerate(WEEKDAYS)
    )
    return WeekPlan(days, tuple(notes + _off_day_notes(days)))


def check_week(plan: WeekPlan) -> list[Violation]:
    """Every rule a (possibly edited) plan breaks; only "rule" breaches should be refused."""
    found: list[Violation] = []
    for i, today in enumerate(plan.days):
        tomorrow = plan.days[(i + 1) % 7]
        if today.strength is None:
            continue
        for rule, why in _breaches(today.run, tomorrow.run, today.strength.start):
            found.append(Violation(rule, today.day, f"{_name(today.day)}: {why}."))
        if tomorrow.strength is not None:  # ACSM09
            message = (
                f"{_name(today.day)} and {_name(tomorrow.day)}: strength two days in a row; "
                "a day between them gives you time to recover (ACSM09)."
            )
            found.append(Violation("spacing", today.day, message, "advice"))
    count = len(plan.strength_days)
    if not 2 <= count <= 3:  # S004, ACSM09
        message = f"{count} strength sessions this week; 2-3 a week is the aim (S004, ACSM09)."
        found.append(Violation("frequency", None, message, "advice"))
    if not plan.off_days:  # S003, app policy; a rule only when a run-free day exists
        runs_daily = all(day.run is not None for day in plan.days)
        message = _off_day_notes(plan.days)[0]
        found.append(Violation("off-day", None, message, "advice" if runs_daily else "rule"))
    return found


def move_strength(
    plan: WeekPlan, from_day: Weekday, to_day: Weekday, start: str | None = None
) -> tuple[WeekPlan, list[Violation]]:
    """Move one strength session to another day, then check the edited plan again."""
    if start is not None:
        checked_start(start, "strength start")
    source, target = plan.day(from_day), plan.day(to_day)
    if source.strength is None:
        have = ", ".join(_name(day) for day in plan.strength_days) or "none"
        raise InvalidInput(f"{_name(from_day)} has no strength session to move (have: {have})")
    if target.strength is not None:
        raise InvalidInput(f"{_name(to_day)} already has a strength session: pick another day")
    start = start if start is not None else _opening(target.run, None)[0]
    why = f"You moved this session here from {_name(from_day)}; the plan was checked again."
    moved = PlanItem("strength", "strength", start, STRENGTH_TITLE, why)
    days = []
    for day in plan.days:
        if day.day == from_day:  # a day left with no run and no strength is an off day: no items
            kept = tuple(item for item in day.items if item.kind != "strength")
            day = DayPlan(day.day, kept if day.run else ())
        elif day.day == to_day:
            day = DayPlan(day.day, day.items + ((moved,) if day.run else (moved, _micro(None))))
        days.append(day)
    stale = set(_off_day_notes(plan.days))
    notes = tuple(note for note in plan.notes if note not in stale) + tuple(_off_day_notes(days))
    edited = WeekPlan(tuple(days), notes)
    return edited, check_week(edited)


def plan_dates(plan: WeekPlan, monday: date, weeks: int) -> list[tuple[date, DayPlan]]:
    """The week repeated on the calendar from a given Monday, for 1 to 12 weeks."""
    if monday.weekday() != 0:
        raise InvalidInput(
            f"{monday.isoformat()} is a {DAY_NAMES[monday.weekday()].capitalize()}, "
            "not a Monday: start the plan on a Monday"
        )
    if not 1 <= weeks <= 12:
        raise InvalidInput(f"weeks {weeks!r} is not valid: choose 1 to 12")
    return [
        (monday + timedelta(days=7 * week + i), day)
        for week in range(weeks)
        for i, day in enumerate(plan.days)
    ]
