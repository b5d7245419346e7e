"""Exercise variation (S003): spot runs that are all alike and suggest changes from their data."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean, median, pstdev
from typing import Literal

from backstride.domain.units import METRES_PER, Units, distance_in

S003 = (
    "003_258de63b44b222a3.txt"  # vary distance, speed or time; hills; treadmill lengths; off days
)
APP_POLICY = "app-policy"
MONOTONY_SOURCE = "DOMAIN.md 2.7"  # Foster: the same load over and over is monotonous
SOURCES = (S003, APP_POLICY, MONOTONY_SOURCE)

MIN_RUN_M = 1000  # app-policy: shorter runs (warm-ups, tests) do not count
MIN_RUNS = 4  # app-policy: fewer runs cannot show a pattern
DISTANCE_CV_MAX = 0.10  # app-policy: distance CV under this counts as alike
PACE_CV_MAX = 0.05  # app-policy: pace CV under this counts as alike
NEAR_DISTANCE = 0.10  # app-policy: within ±10 % of the median distance
NEAR_PACE = 0.05  # app-policy: within ±5 % of the median pace
ALIKE_SHARE_MIN = 0.75  # app-policy: this share of runs near both medians counts as alike
LONG_FACTOR, SHORT_FACTOR = 1.25, 0.6  # app-policy: the longer and the shorter run
WEEKLY_ADD_MAX = 0.10  # app-policy: the longer run adds at most 10 % to the usual week
STRIDES, STRIDE_S, STRIDE_QUICKER_S = 6, 20, 30  # app-policy: strides, seconds, s/km faster
FLAT_M_PER_KM = 5  # app-policy: less climb than this per km counts as flat
HILLS, HILL_S = 6, 30  # app-policy: short uphill efforts, walking back down
INCLINE = "1-2 %"  # app-policy: a small treadmill incline
BUSY_DAYS = 6  # app-policy: running on this many days of a 7-day stretch calls for a day off
CAUTION = (
    "Change one thing at a time, and if your back pain rises, go back to what you did before "
    f"({APP_POLICY})."
)

SuggestionKind = Literal["distance", "speed", "terrain", "rest"]


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What variation needs from one imported run; elevation None when not recorded."""

    day: date
    distance_m: float
    moving_s: float
    elevation_gain_m: float | None
    indoor: bool = False

    @property
    def pace_s_per_km(self) -> float:
        """Moving seconds per kilometre."""
        return self.moving_s / (self.distance_m / 1000)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One concrete change, worked out from the runner's own numbers, and where it comes from."""

    kind: SuggestionKind
    text: str
    source: str


@dataclass(frozen=True, slots=True)
class VarietyMeasures:
    """How alike the runs in the window are; shares are fractions of the runs used."""

    distance_cv: float
    pace_cv: float
    near_distance_share: float
    near_pace_share: float
    alike_share: float
    median_distance_km: float
    median_pace_s_per_km: float
    elevation_m_per_km: float | None
    indoor_share: float
    weekly_km: float


@dataclass(frozen=True, slots=True)
class VarietyReport:
    """The verdict on one window of runs, its numbers, and suggestions only when monotonous."""

    window_start: date | None
    window_end: date | None
    runs_used: int
    monotonous: bool
    measures: VarietyMeasures | None
    summary: str
    reason: str
    suggestions: tuple[Suggestion, ...]
    caution: str | None


def pace_text(s_per_km: float, units: Units = "km") -> str:
    """A pace as m:ss per km (or per mile)."""
    minutes, seconds = divmod(round(s_per_km * METRES_PER[units] / 1000), 60)
    return f"{minutes}:{seconds:02d} /{units}"


def _half(distance: float) -> float:
    """Rounded to the nearest half (km or mile)."""
    return math.floor(distance * 2 + 0.5) / 2


def _range(low: str, high: str, unit: str) -> str:
    return f"{low} {unit}" if low == high else f"{low}-{high} {unit}"


def _cv(values: list[float]) -> float:
    return pstdev(values) / fmean(values)


def _near(value: float, centre: float, fraction: float) -> bool:
    return abs(value - centre) <= fraction * centre + 1e-9


def _busy_stretch(days: set[date]) -> tuple[date, int] | None:
    for start in sorted(days):
        count = sum(start + timedelta(days=i) in days for i in range(7))
        if count >= BUSY_DAYS:  # app-policy threshold for S003's off days
            return start, count
    return None


def assess_variety(
    runs: Sequence[RunSummary],
    window_days: int = 28,
    today: date | None = None,
    units: Units = "km",
) -> VarietyReport:
    """Judge the runs in the window ending today (default: the latest run's day).

    The words say distances and paces in the runner's units; the measures stay in km.
    """
    if window_days < 7:
        raise ValueError(f"window of {window_days} days is too short: use 7 or more")
    counted = [r for r in runs if r.distance_m >= MIN_RUN_M and r.moving_s > 0]
    end = today if today is not None else max((r.day for r in counted), default=None)
    start = None if end is None else end - timedelta(days=window_days - 1)
    used = [r for r in counted if start is not None and end is not None and start <= r.day <= end]
    if end is None or len(used) < MIN_RUNS:
        return VarietyReport(
            start,
            end,
            len(used),
            False,
            None,
            f"not enough runs to judge ({len(used)} of {MIN_RUNS})",
            f"needs {MIN_RUNS} runs of {MIN_RUN_M / 1000:g} km or more ({APP_POLICY})",
            (),
            None,
        )
    # The usual week: distance over the whole weeks the window's runs span (at least one).
    weeks = min(window_days / 7, math.ceil(((end - min(r.day for r in used)).days + 1) / 7))
    m = _measure(used, weeks)
    by_cv = m.distance_cv < DISTANCE_CV_MAX and m.pace_cv < PACE_CV_MAX
    by_share = m.alike_share >= ALIKE_SHARE_MIN
    lengths = [distance_in(r.distance_m, units) for r in used]
    paces = [r.pace_s_per_km for r in used]
    low, high = f"{min(lengths):.1f}", f"{max(lengths):.1f}"
    fastest, slowest = pace_text(min(paces), units)[:-4], pace_text(max(paces), units)[:-4]
    summary = (
        f"Your last {len(used)} runs were {_range(low, high, units)} "
        f"at {_range(fastest, slowest, '/' + units)}."
    )
    reason = (
        f"distance varies by {m.distance_cv:.1%} and pace by {m.pace_cv:.1%} (CV), and "
        f"{m.alike_share:.0%} of runs lie within ±{NEAR_DISTANCE:.0%} of your median distance "
        f"and ±{NEAR_PACE:.0%} of your median pace; runs count as much the same with CVs under "
        f"{DISTANCE_CV_MAX:.0%} and {PACE_CV_MAX:.0%}, or when {ALIKE_SHARE_MIN:.0%} or more "
        f"lie that near ({APP_POLICY}): the same load again and again is monotonous "
        f"({MONOTONY_SOURCE})"
    ).replace("%", " %")
    if not (by_cv or by_share):
        return VarietyReport(start, end, len(used), False, m, summary, reason, (), None)
    suggestions = _suggest(used, m, units)
    return VarietyReport(start, end, len(used), True, m, summary, reason, suggestions, CAUTION)


def _measure(used: list[RunSummary], weeks: float) -> VarietyMeasures:
    kms = [r.distance_m / 1000 for r in used]
    paces = [r.pace_s_per_km for r in used]
    med_km, med_pace = median(kms), median(paces)
    near_d = [_near(km, med_km, NEAR_DISTANCE) for km in kms]
    near_p = [_near(p, med_pace, NEAR_PACE) for p in paces]
    climbs = [
        r.elevation_gain_m / (r.distance_m / 1000)
        for r in used
        if r.elevation_gain_m is not None and not r.indoor  # a treadmill has no route to climb
    ]
    n = len(used)
    return VarietyMeasures(
        distance_cv=_cv(kms),
        pace_cv=_cv(paces),
        near_distance_share=sum(near_d) / n,
        near_pace_share=sum(near_p) / n,
        alike_share=sum(d and p for d, p in zip(near_d, near_p, strict=True)) / n,
        median_distance_km=med_km,
        median_pace_s_per_km=med_pace,
        elevation_m_per_km=median(climbs) if climbs else None,
        indoor_share=sum(r.indoor for r in used) / n,
        weekly_km=math.fsum(kms) / weeks,
    )


def _suggest(used: list[RunSummary], m: VarietyMeasures, units: Units) -> tuple[Suggestion, ...]:
    per = METRES_PER[units] / 1000  # km in one of the runner's units
    median, weekly = m.median_distance_km / per, m.weekly_km / per
    usual = _half(median)
    # The longer run replaces a usual one, so the week grows by (long - median) only.
    cap = median + WEEKLY_ADD_MAX * weekly
    long = min(_half(LONG_FACTOR * median), math.floor(cap * 2 + 1e-9) / 2)
    short = max(1.0, _half(SHORT_FACTOR * median))
    u = units
    parts = []
    if long > usual:
        parts.append(
            f"make one run a week a longer easy {long:.1f} {u} instead of your usual "
            f"{usual:.1f} {u} (adding at most 10 % to your usual {weekly:.1f} {u} a week; "
            f"{APP_POLICY})"
        )
    if short < usual:
        parts.append(f"make another a shorter {short:.1f} {u} run")
    out = []
    if parts:
        text = " and ".join(parts)
        out.append(Suggestion("distance", text[0].upper() + text[1:] + ".", S003))
    quick = pace_text(m.median_pace_s_per_km - STRIDE_QUICKER_S, units)
    out.append(
        Suggestion(
            "speed",
            f"At the end of one easy run, add {STRIDES} × {STRIDE_S} s a little quicker than "
            f"{quick}, walking until fully recovered in between; keep your other runs at "
            f"{pace_text(m.median_pace_s_per_km, units)} or slower ({APP_POLICY} doses).",
            S003,
        )
    )
    hills = (
        f"pick a hilly route for one run, or add {HILLS} × {HILL_S} s uphill and walk back down "
        f"({APP_POLICY} doses)"
    )
    if m.indoor_share > 0.5:
        out.append(
            Suggestion(
                "terrain",
                f"Vary your treadmill runs: for example {short:.1f} {u}, {usual:.1f} {u} and "
                f"{max(long, usual):.1f} {u} on different days, and set a small incline of "
                f"{INCLINE} ({APP_POLICY}).",
                S003,
            )
        )
    elif m.elevation_m_per_km is None:
        out.append(
            Suggestion(
                "terrain",
                f"Your runs have no climb recorded; if your routes are flat, {hills}.",
                S003,
            )
        )
    elif m.elevation_m_per_km < FLAT_M_PER_KM:
        out.append(
            Suggestion(
                "terrain",
                f"Your routes climb about {m.elevation_m_per_km:.1f} m per km, which is flat "
                f"(under {FLAT_M_PER_KM} m/km; {APP_POLICY}): {hills}.",
                S003,
            )
        )
    busy = _busy_stretch({r.day for r in used})
    if busy is not None:
        first, count = busy
        out.append(
            Suggestion(
                "rest",
                f"You ran on {count} of the 7 days from {first.isoformat()} to "
                f"{(first + timedelta(days=6)).isoformat()}: take a day off running each week "
                f"(suggested at {BUSY_DAYS} or more running days in 7; {APP_POLICY}).",
                S003,
            )
        )
    return tuple(out)
