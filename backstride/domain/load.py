"""Training-load maths: daily load, EWMA acute and chronic, weekly change, monotony, strain."""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from statistics import fmean, pstdev
from typing import Literal

LoadUnit = Literal["distance_km", "distance_mi", "minutes", "session_rpe"]
LOAD_UNITS: tuple[LoadUnit, ...] = ("distance_km", "distance_mi", "minutes", "session_rpe")
KM_PER_MILE = 1.609344
SessionKind = Literal["run", "strength"]

# Acute and chronic windows of the EWMA variant (DOMAIN.md 2.7 [WILLIAMS]).
ACUTE_DAYS = 7
CHRONIC_DAYS = 28
# No ratio before a full chronic window of data (DOMAIN.md 2.7 [EWMA-TOOL]).
RATIO_MIN_DAYS = CHRONIC_DAYS
# Foster's monotony and strain are computed over one 7-day window (DOMAIN.md 2.7 [FOSTER]).
MONOTONY_DAYS = 7
# A weekly increase above 30 % is flagged as a large jump (DOMAIN.md 2.7 [NIELSEN14-SUMMARY]).
LARGE_JUMP_PCT = 30
# App policy (issue 13): under two weeks of paired days, r is mostly chance; say so instead.
CORRELATION_MIN_PAIRS = 14
RPE_MIN = 0
RPE_MAX = 10  # Borg CR-10, as Foster's session-RPE uses it (DOMAIN.md 2.7 [FOSTER])

MONOTONY_UNDEFINED_NOTE = "undefined: identical loads every day"
CORRELATION_CAVEAT = (
    "This is a correlation in a few weeks of one person's data: it cannot show that load "
    "causes pain, other things in your life change at the same time, and a weak or a strong "
    "number can come about by chance."
)

UNIT_LABELS: dict[LoadUnit, str] = {
    "distance_km": "km",
    "distance_mi": "mi",
    "minutes": "min",
    "session_rpe": "AU",
}
_UNIT_MEANINGS: dict[LoadUnit, str] = {
    "distance_km": "kilometres run that day",
    "distance_mi": "miles run that day",
    "minutes": "minutes of training that day",
    "session_rpe": "effort (RPE 0-10) x minutes, summed over the day's sessions, in AU",
}


@dataclass(frozen=True, slots=True)
class Session:
    """One run or strength session: its day, minutes, distance if known and RPE (0-10) if given."""

    day: date
    minutes: float
    distance_km: float | None
    rpe: int | None
    kind: SessionKind

    def __post_init__(self) -> None:
        if self.minutes < 0:
            raise ValueError(f"session minutes {self.minutes} is negative: use 0 or more")
        if self.distance_km is not None and self.distance_km < 0:
            raise ValueError(f"session distance {self.distance_km} km is negative: use 0 or more")
        if self.rpe is not None and not RPE_MIN <= self.rpe <= RPE_MAX:
            raise ValueError(f"session RPE {self.rpe} is outside {RPE_MIN}-{RPE_MAX}")


@dataclass(frozen=True, slots=True)
class DailyLoads:
    """One load per consecutive day (rest days 0) and how many sessions had no load to count."""

    days: list[date]
    loads: list[float]
    skipped_sessions: int


@dataclass(frozen=True, slots=True)
class LoadSummary:
    """Acute and chronic EWMA load, their ratio, and Foster's monotony and strain for one day."""

    day: date
    days_of_data: int
    today_load: float
    acute_ewma: float
    acute_ewma_before: float
    chronic_ewma: float
    chronic_ewma_before: float
    ratio: float | None
    ratio_note: str | None
    week_total: float | None
    week_mean: float | None
    week_sd: float | None
    monotony: float | None
    monotony_note: str | None
    strain: float | None


@dataclass(frozen=True, slots=True)
class WeekChange:
    """One ISO week's total and its change from the week before, flagged above 30 %."""

    week_start: date
    total: float
    change_pct: float | None
    large_jump: bool
    days_so_far: int = 7
    """Days of the week that have happened: under 7 for the week still running."""

    @property
    def unfinished(self) -> bool:
        """The week is still running: its total is a total so far."""
        return self.days_so_far < 7


@dataclass(frozen=True, slots=True)
class Correlation:
    """Pearson r between a day's load and the next day's pain, the pairs used, and a caveat."""

    r: float | None
    n: int
    caveat: str


def session_load(session: Session, unit: LoadUnit) -> float | None:
    """The session's load in `unit`, or None when the session lacks what that unit needs."""
    if unit in ("distance_km", "distance_mi"):
        # Distance is a running measure: a strength session adds no kilometres.
        if session.kind == "strength":
            return 0.0
        if session.distance_km is None or unit == "distance_km":
            return session.distance_km
        return session.distance_km / KM_PER_MILE
    if unit == "minutes":
        return session.minutes
    # Session-RPE load = RPE (CR-10) x duration in minutes (DOMAIN.md 2.7 [FOSTER]).
    # Without an RPE there is no load: one is never invented.
    if session.rpe is None:
        return None
    return session.rpe * session.minutes


def runs_without_load(unit: LoadUnit, runs: int, runs_with_distance: int) -> int:
    """How many of `runs` runs have no load in `unit`, as `session_load` judges a run: a run
    has minutes always, a distance when it was recorded, and never an RPE."""
    if unit in ("distance_km", "distance_mi"):
        return runs - runs_with_distance
    return runs if unit == "session_rpe" else 0


def daily_loads(
    sessions: Iterable[Session], first_day: date, last_day: date, unit: LoadUnit
) -> DailyLoads:
    """Each day's summed load from first_day to last_day; sessions outside them are ignored."""
    if last_day < first_day:
        raise ValueError(f"last day {last_day} is before first day {first_day}")
    count = (last_day - first_day).days + 1
    days = [first_day + timedelta(days=i) for i in range(count)]
    per_day: list[list[float]] = [[] for _ in days]
    skipped = 0
    for session in sessions:
        if not first_day <= session.day <= last_day:
            continue
        load = session_load(session, unit)
        if load is None:
            skipped += 1
            continue
        per_day[(session.day - first_day).days].append(load)
    # Daily load = sum of the day's sessions, rest days 0 (DOMAIN.md 2.7 [FOSTER]).
    return DailyLoads(days=days, loads=[math.fsum(d) for d in per_day], skipped_sessions=skipped)


def ewma_lambda(n_days: int) -> float:
    """The EWMA decay λ = 2 / (N + 1) (DOMAIN.md 2.7 [WILLIAMS])."""
    if n_days < 1:
        raise ValueError(f"EWMA window {n_days} days is too short: use 1 or more")
    return 2 / (n_days + 1)


def ewma(loads: Sequence[float], n_days: int) -> list[float]:
    """EWMA_t = λ·L_t + (1 − λ)·EWMA_{t−1}, seeded with the first day's load."""
    # Formula and seeding: DOMAIN.md 2.7 [WILLIAMS] [EWMA-TOOL].
    lam = ewma_lambda(n_days)
    out: list[float] = []
    previous = loads[0] if loads else 0.0
    for load in loads:
        previous = lam * load + (1 - lam) * previous
        out.append(previous)
    return out


def _check_days(days: Sequence[date], loads: Sequence[float]) -> None:
    if len(days) != len(loads):
        raise ValueError(f"{len(days)} days but {len(loads)} loads: give one load per day")
    for before, after in zip(days, days[1:], strict=False):
        if after - before != timedelta(days=1):
            raise ValueError(f"days must be consecutive: {after} follows {before}")


def load_summary(
    days: Sequence[date], loads: Sequence[float], today_index: int = -1, earlier_days: int = 0
) -> LoadSummary:
    """The summary for days[today_index], using only that day and the days before it.

    `earlier_days`: days of history before days[0] that were left out (a windowed report): they
    count towards the days of data, and the EWMAs start from days[0].
    """
    _check_days(days, loads)
    if not -len(loads) <= today_index < len(loads):
        raise ValueError(f"today_index {today_index} is outside the {len(loads)} days given")
    end = today_index % len(loads) + 1
    history = list(loads[:end])
    acute = ewma(history, ACUTE_DAYS)
    chronic = ewma(history, CHRONIC_DAYS)
    ratio, ratio_note = _ratio(acute[-1], chronic[-1], end + earlier_days)
    week = history[-MONOTONY_DAYS:] if end >= MONOTONY_DAYS else None
    week_total, week_mean, week_sd, monotony, monotony_note = _monotony(week)
    # Strain = weekly load x monotony (DOMAIN.md 2.7 [FOSTER]).
    strain = None if monotony is None or week_total is None else week_total * monotony
    return LoadSummary(
        day=days[end - 1],
        days_of_data=end + earlier_days,
        today_load=history[-1],
        acute_ewma=acute[-1],
        # The seed stands in for the day before the first, so the formula holds on day one too.
        acute_ewma_before=acute[-2] if end > 1 else history[0],
        chronic_ewma=chronic[-1],
        chronic_ewma_before=chronic[-2] if end > 1 else history[0],
        ratio=ratio,
        ratio_note=ratio_note,
        week_total=week_total,
        week_mean=week_mean,
        week_sd=week_sd,
        monotony=monotony,
        monotony_note=monotony_note,
        strain=strain,
    )


# A chronic load that has decayed below this (after weeks without sessions) counts as 0: a ratio
# of two vanishing numbers means nothing.
NEGLIGIBLE_LOAD = 0.05


def _ratio(acute: float, chronic: float, days_of_data: int) -> tuple[float | None, str | None]:
    # ACWR_EWMA = acute / chronic, shown only after ~28 days and never divided by 0
    # (DOMAIN.md 2.7 [WILLIAMS] [EWMA-TOOL]).
    if days_of_data < RATIO_MIN_DAYS:
        return None, f"not enough data: needs {RATIO_MIN_DAYS} days ({days_of_data} so far)"
    if chronic < NEGLIGIBLE_LOAD:
        return None, "undefined: the chronic load is 0"
    return acute / chronic, None


def _monotony(
    week: list[float] | None,
) -> tuple[float | None, float | None, float | None, float | None, str | None]:
    if week is None:
        return None, None, None, None, f"not enough data: needs {MONOTONY_DAYS} days"
    total = math.fsum(week)
    # Monotony = mean / SD over 7 days, rest days 0 (DOMAIN.md 2.7 [FOSTER]); population SD.
    mean = fmean(week)
    sd = pstdev(week)
    if sd == 0:
        # SD 0 leaves monotony undefined: we say so rather than clamp the SD
        # (DOMAIN.md 2.7 [MONOTONY-AFIT]).
        return total, mean, sd, None, MONOTONY_UNDEFINED_NOTE
    return total, mean, sd, mean / sd, None


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_totals(days: Sequence[date], loads: Sequence[float]) -> list[tuple[date, float]]:
    """Total load per ISO week (Monday start), weeks without days given counting 0.

    A first or last week that is only partly covered has a partial total.
    """
    if len(days) != len(loads):
        raise ValueError(f"{len(days)} days but {len(loads)} loads: give one load per day")
    if not days:
        return []
    per_week: dict[date, list[float]] = {}
    for day, load in zip(days, loads, strict=True):
        per_week.setdefault(_monday(day), []).append(load)
    first, last = min(per_week), max(per_week)
    weeks = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    return [(week, math.fsum(per_week.get(week, []))) for week in weeks]


NO_LOAD = 1e-9
"""A weekly total below this is no load at all: no change is measured from it."""


def weekly_change(
    totals: Sequence[tuple[date, float]], through: date | None = None
) -> list[WeekChange]:
    """Each week's change from the one before: Δ% = (W_t − W_{t−1}) / W_{t−1} × 100.

    With `through` (today), the week that holds it is marked unfinished: its fall is not a fall
    yet. A rise above 30 % is still flagged, since a total so far can only grow.
    """
    # Formula and the > 30 % flag: DOMAIN.md 2.7 [NIELSEN14-SUMMARY].
    changes: list[WeekChange] = []
    previous: float | None = None
    made: Fraction | None = None  # this week's total as a Fraction, when it was made
    for week_start, total in totals:
        change_pct: float | None = None
        large_jump = False
        before, made = made, None
        # A week of (next to) nothing has no percentage to rise from (and a total of 1e-320
        # would make one too large for a float).
        if previous is not None and abs(previous) >= NO_LOAD:
            # Exact decimals: 10 -> 13 is 30 % and not flagged, where floats could say 30.000…1.
            made = Fraction(str(total))
            before = Fraction(str(previous)) if before is None else before
            exact = (made - before) * 100 / before
            change_pct = float(exact)
            large_jump = exact > LARGE_JUMP_PCT
        so_far = 7 if through is None else max(0, min(7, (through - week_start).days + 1))
        changes.append(WeekChange(week_start, total, change_pct, large_jump, so_far))
        previous = total
    return changes


def lagged_correlation(loads: list[float], next_day_pain: list[float | None]) -> Correlation:
    """Pearson r over the days whose next-day pain is known; next_day_pain[i] follows loads[i]."""
    if len(loads) != len(next_day_pain):
        raise ValueError(
            f"{len(loads)} loads but {len(next_day_pain)} next-day pain values: give one per day"
        )
    pairs = [(x, y) for x, y in zip(loads, next_day_pain, strict=True) if y is not None]
    n = len(pairs)
    xs = [x for x, _ in pairs]
    ys = [y for _, y in pairs]
    if n < CORRELATION_MIN_PAIRS or len(set(xs)) == 1 or len(set(ys)) == 1:
        return Correlation(r=None, n=n, caveat=CORRELATION_CAVEAT)
    # Pearson's r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² · Σ(y − ȳ)²).
    mean_x, mean_y = fmean(xs), fmean(ys)
    sxy = math.fsum((x - mean_x) * (y - mean_y) for x, y in pairs)
    sxx = math.fsum((x - mean_x) ** 2 for x in xs)
    syy = math.fsum((y - mean_y) ** 2 for y in ys)
    r = max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))
    return Correlation(r=r, n=n, caveat=CORRELATION_CAVEAT)


def _ewma_line(name: str, n_days: int, before: float, today: float, value: float, u: str) -> str:
    lam = ewma_lambda(n_days)
    return (
        f"{name} load (EWMA, N = {n_days}, λ = {lam:.3g}): "
        f"λ × today's load + (1 − λ) × yesterday's EWMA = "
        f"{lam:.3g} × {today:.1f} + {1 - lam:.3g} × {before:.1f} = {value:.1f} {u}"
    )


def explain(summary: LoadSummary, weekly: Sequence[WeekChange], unit: LoadUnit) -> list[str]:
    """Each formula written out with the runner's own numbers, one line each."""
    u = UNIT_LABELS[unit]
    s = summary
    lines = [
        f"Daily load: {_UNIT_MEANINGS[unit]}; rest days count as 0. "
        f"Today ({s.day.isoformat()}): {s.today_load:.1f} {u}.",
        _ewma_line("Acute", ACUTE_DAYS, s.acute_ewma_before, s.today_load, s.acute_ewma, u),
        _ewma_line("Chronic", CHRONIC_DAYS, s.chronic_ewma_before, s.today_load, s.chronic_ewma, u),
    ]
    if s.ratio is None:
        lines.append(f"Acute:chronic ratio: {s.ratio_note}.")
    else:
        lines.append(
            f"Acute:chronic ratio = acute / chronic = "
            f"{s.acute_ewma:.1f} / {s.chronic_ewma:.1f} = {s.ratio:.2f}"
        )
    lines.append(
        "The thresholds people quote for this ratio are disputed (Impellizzeri et al.; Lolli "
        "et al.; DOMAIN.md 2.7), so backstride shows it as information only and never as a "
        "forecast of injury."
    )
    lines.extend(_monotony_lines(s, u))
    lines.extend(_weekly_lines(weekly, u))
    return lines


def _monotony_lines(s: LoadSummary, u: str) -> list[str]:
    if s.monotony is None or s.week_mean is None or s.week_sd is None or s.strain is None:
        return [f"Monotony: {s.monotony_note}.", "Strain: not computed without a monotony."]
    return [
        f"Monotony = mean / SD of the last {MONOTONY_DAYS} days = "
        f"{s.week_mean:.1f} / {s.week_sd:.1f} = {s.monotony:.2f}",
        f"Strain = weekly total × monotony = {s.week_total:.1f} × {s.monotony:.2f} "
        f"= {s.strain:.1f} {u}",
    ]


def _weekly_lines(weekly: Sequence[WeekChange], u: str) -> list[str]:
    lines: list[str] = []
    if weekly and weekly[-1].unfinished:
        running = weekly[-1]
        lines.append(
            f"This week so far: {running.total:.1f} {u} in {running.days_so_far} of 7 days; "
            "it is compared with last week once it ends"
            + (" (already more than 30 % above it)." if running.large_jump else ".")
        )
        weekly = weekly[:-1]
    if len(weekly) < 2:
        return [*lines, "Weekly change: needs two finished weeks of data."]
    before, latest = weekly[-2], weekly[-1]
    if latest.change_pct is None:
        return [*lines, f"Weekly change: undefined, the week before had 0 {u}."]
    line = (
        f"Weekly change = (this week − last week) / last week × 100 = "
        f"({latest.total:.1f} − {before.total:.1f}) / {before.total:.1f} × 100 "
        f"= {latest.change_pct:+.1f} %"
    )
    if latest.large_jump:
        line += (
            f"; above {LARGE_JUMP_PCT} % counts as a large jump "
            "(Nielsen et al. 2014; DOMAIN.md 2.7)"
        )
    return [*lines, line]
