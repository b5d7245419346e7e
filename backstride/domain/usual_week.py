"""The usual running week, inferred from imported runs: days run most weeks, usual start times."""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from backstride.domain.plans import DAY, checked_start, clock_of, minutes_of
from backstride.domain.profile import WEEKDAYS, RunDay, RunType
from backstride.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class ImportedRun:
    """A run from an imported file: its date, local start (HH:MM) and distance, if known."""

    day: date
    start: str | None = None
    distance_m: float | None = None

    def __post_init__(self) -> None:
        if self.start is not None:
            checked_start(self.start, "imported run start")
        if self.distance_m is not None and self.distance_m < 0:
            raise InvalidInput(f"run distance {self.distance_m!r} is not valid: use 0 or more")


def _rounded_median(starts: list[int]) -> str | None:
    if not starts:
        return None
    quarter = int(statistics.median(starts) / 15 + 0.5) * 15
    return clock_of(min(quarter, DAY - 15))


def usual_week(runs: Sequence[ImportedRun]) -> list[RunDay]:
    """The usual running week: weekdays run in at least half the weeks, median start times."""
    if not runs:
        return []
    mondays = [run.day - timedelta(days=run.day.weekday()) for run in runs]
    span = (max(mondays) - min(mondays)).days // 7 + 1
    weeks: dict[int, set[date]] = {}
    starts: dict[int, list[int]] = {}
    distances: dict[int, list[float]] = {}
    for run, monday in zip(runs, mondays, strict=True):
        i = run.day.weekday()
        weeks.setdefault(i, set()).add(monday)
        if run.start is not None:
            starts.setdefault(i, []).append(minutes_of(run.start))
        if run.distance_m is not None:
            distances.setdefault(i, []).append(run.distance_m)
    usual = [i for i in range(7) if 2 * len(weeks.get(i, ())) >= span]
    means = {i: statistics.fmean(distances[i]) for i in usual if distances.get(i)}
    longest = [i for i, mean in means.items() if mean == max(means.values(), default=0.0)]
    long_day = longest[0] if len(means) >= 2 and len(longest) == 1 else None
    return [_usual_day(i, i == long_day, starts.get(i, [])) for i in usual]


def _usual_day(index: int, is_long: bool, starts: list[int]) -> RunDay:
    kind: RunType = "long" if is_long else "easy"
    return RunDay(day=WEEKDAYS[index], type=kind, start=_rounded_median(starts))
