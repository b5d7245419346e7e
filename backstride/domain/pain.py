"""The pain journal's maths: entries, weekly means, the trend verdict and the settled baseline."""

import math
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction
from statistics import median
from typing import Literal

PainWhen = Literal[
    "morning", "during_run", "after_run", "during_exercise", "after_session", "evening"
]
PAIN_WHENS: tuple[PainWhen, ...] = (
    "morning",
    "during_run",
    "after_run",
    "during_exercise",
    "after_session",
    "evening",
)
PainReach = Literal["back", "buttock", "thigh", "below_knee"]
PAIN_REACHES: tuple[PainReach, ...] = ("back", "buttock", "thigh", "below_knee")
PainSide = Literal["left", "right", "both", "central"]
PAIN_SIDES: tuple[PainSide, ...] = ("left", "right", "both", "central")
TrendVerdict = Literal["improving", "stable", "worse", "not_enough_data"]
TREND_VERDICTS: tuple[TrendVerdict, ...] = ("improving", "stable", "worse", "not_enough_data")

SCORE_MIN = 0
SCORE_MAX = 10
WINDOW_DAYS = 7
# Minimal important change on the 0-10 NRS for low back pain: 2 points, or 30 % from baseline
# (DOMAIN.md 2.3 [MIC]: Ostelo et al., Spine 2008).
MIC_POINTS = 2
MIC_FRACTION = 0.30
# Compared as an exact fraction: in floats 3.0 -> 2.1 is a 29.999... % fall and would miss.
_MIC_FRACTION_EXACT = Fraction(str(MIC_FRACTION))

_WHEN_PHRASES: dict[PainWhen, str] = {
    "morning": "in the morning",
    "during_run": "during runs",
    "after_run": "after runs",
    "during_exercise": "during exercises",
    "after_session": "after sessions",
    "evening": "in the evening",
}


def _check_choice(kind: str, value: str, valid: tuple[str, ...]) -> None:
    if value not in valid:
        raise ValueError(f"unknown pain {kind} {value!r}: valid: {', '.join(valid)}")


@dataclass(frozen=True, slots=True)
class PainEntry:
    """One journal line: when it was recorded, the 0-10 NRS score and where the pain was."""

    recorded_at: datetime
    score: int
    when: PainWhen
    reaches: PainReach = "back"
    side: PainSide = "central"
    note: str = ""

    def __post_init__(self) -> None:
        if self.recorded_at.tzinfo is None or self.recorded_at.utcoffset() is None:
            raise ValueError(
                f"pain entry time {self.recorded_at.isoformat()} has no time zone: "
                "give a timezone-aware datetime"
            )
        score: object = self.score
        if (
            isinstance(score, bool)
            or not isinstance(score, int)
            or not SCORE_MIN <= score <= SCORE_MAX
        ):
            raise ValueError(
                f"pain score {score!r} is not valid: "
                f"give a whole number from {SCORE_MIN} to {SCORE_MAX} (0-10 NRS)"
            )
        _check_choice("time", self.when, PAIN_WHENS)
        _check_choice("reach", self.reaches, PAIN_REACHES)
        _check_choice("side", self.side, PAIN_SIDES)


@dataclass(frozen=True, slots=True)
class WeekMean:
    """The mean score of one ISO week (Monday to Sunday) and how many entries it holds."""

    week_start: date
    mean: float
    count: int


@dataclass(frozen=True, slots=True)
class PainTrend:
    """The last 7 days against the 7 before: the verdict and the numbers behind it."""

    verdict: TrendVerdict
    earlier_mean: float | None
    recent_mean: float | None
    change_points: float | None
    change_pct: float | None
    earlier_count: int
    recent_count: int
    explanation: str


def weekly_means(entries: Iterable[PainEntry]) -> list[WeekMean]:
    """Mean score per ISO week of `recorded_at.date()`, oldest first.

    The date is taken in each entry's own time zone: convert to the user's local time first.
    """
    scores_by_week: dict[date, list[int]] = {}
    for entry in entries:
        day = entry.recorded_at.date()
        scores_by_week.setdefault(day - timedelta(days=day.weekday()), []).append(entry.score)
    return [
        WeekMean(week_start, sum(scores) / len(scores), len(scores))
        for week_start, scores in sorted(scores_by_week.items())
    ]


def daily_means(
    entries: Iterable[PainEntry], first_day: date, last_day: date
) -> list[float | None]:
    """Mean score per day from `first_day` to `last_day` inclusive; None for a day without entries.

    The date is taken in each entry's own time zone: convert to the user's local time first.
    """
    if last_day < first_day:
        raise ValueError(f"last day {last_day} is before first day {first_day}")
    days = (last_day - first_day).days + 1
    scores_by_day: list[list[int]] = [[] for _ in range(days)]
    for entry in entries:
        offset = (entry.recorded_at.date() - first_day).days
        if 0 <= offset < days:
            scores_by_day[offset].append(entry.score)
    return [sum(scores) / len(scores) if scores else None for scores in scores_by_day]


def _window_scores(entries: Iterable[PainEntry], first_day: date, last_day: date) -> list[int]:
    return [e.score for e in entries if first_day <= e.recorded_at.date() <= last_day]


def _verdict(earlier: Fraction, recent: Fraction) -> TrendVerdict:
    change = recent - earlier
    threshold = Fraction(MIC_POINTS)
    if earlier > 0:
        threshold = min(Fraction(MIC_POINTS), _MIC_FRACTION_EXACT * earlier)
    if change <= -threshold:
        return "improving"
    if change >= threshold:
        return "worse"
    return "stable"


def _tenths(value: Fraction, *, signed: bool = False) -> str:
    # Means round half up; signed changes are cut toward zero, so a change shown as 2.0 points
    # or 30.0 % has really reached the minimal important change and never contradicts the verdict.
    tenths = math.trunc(value * 10) if signed else math.floor(value * 10 + Fraction(1, 2))
    sign = ("+" if tenths > 0 else "-" if tenths < 0 else "") if signed else ""
    return f"{sign}{abs(tenths) // 10}.{abs(tenths) % 10}"


def _explanation(
    verdict: TrendVerdict, earlier: Fraction, recent: Fraction, when: PainWhen | None
) -> str:
    subject = "Average pain" + (f" {_WHEN_PHRASES[when]}" if when else "")
    change = recent - earlier
    if change == 0:
        movement = f"stayed at {_tenths(recent)}"
    else:
        verb = "fell" if change < 0 else "rose"
        movement = f"{verb} from {_tenths(earlier)} to {_tenths(recent)}"
    if earlier > 0:
        percent = _tenths(change / earlier * 100, signed=True)
        numbers = f"{_tenths(change, signed=True)} points, {percent} %"
        mic = f"{MIC_POINTS} points or {round(MIC_FRACTION * 100)} %"
    else:
        numbers = f"{_tenths(change, signed=True)} points; no percentage from a baseline of 0"
        mic = f"{MIC_POINTS} points"
    reached = "less than" if verdict == "stable" else "at least"
    judgement = f"{reached} the minimal important change of {mic} (DOMAIN.md 2.3)"
    if verdict == "stable":
        judgement += ", so it counts as stable"
    return (
        f"{subject} {movement} ({numbers}) between the {WINDOW_DAYS} days before and the "
        f"last {WINDOW_DAYS} days: {judgement}."
    )


def pain_trend(
    entries: Iterable[PainEntry], today: date, when: PainWhen | None = None
) -> PainTrend:
    """Mean of the last 7 days (to `today`) against the 7 days before, judged by the MIC.

    Dates are taken in each entry's own time zone: convert to the user's local time first.
    With `when`, only entries recorded at that moment (e.g. during runs) count.
    """
    chosen = [e for e in entries if when is None or e.when == when]
    recent_first = today - timedelta(days=WINDOW_DAYS - 1)
    earlier_first = recent_first - timedelta(days=WINDOW_DAYS)
    earlier_scores = _window_scores(chosen, earlier_first, recent_first - timedelta(days=1))
    recent_scores = _window_scores(chosen, recent_first, today)
    if not earlier_scores or not recent_scores:
        return PainTrend(
            verdict="not_enough_data",
            earlier_mean=sum(earlier_scores) / len(earlier_scores) if earlier_scores else None,
            recent_mean=sum(recent_scores) / len(recent_scores) if recent_scores else None,
            change_points=None,
            change_pct=None,
            earlier_count=len(earlier_scores),
            recent_count=len(recent_scores),
            explanation=(
                f"Not enough entries to compare: {len(earlier_scores)} in the {WINDOW_DAYS} days "
                f"before and {len(recent_scores)} in the last {WINDOW_DAYS} days; "
                "a trend needs at least one in each."
            ),
        )
    earlier = Fraction(sum(earlier_scores), len(earlier_scores))
    recent = Fraction(sum(recent_scores), len(recent_scores))
    verdict = _verdict(earlier, recent)
    return PainTrend(
        verdict=verdict,
        earlier_mean=float(earlier),
        recent_mean=float(recent),
        change_points=float(recent - earlier),
        change_pct=float((recent - earlier) / earlier * 100) if earlier > 0 else None,
        earlier_count=len(earlier_scores),
        recent_count=len(recent_scores),
        explanation=_explanation(verdict, earlier, recent, when),
    )


# DOMAIN.md 2.1.4: the usual morning pain is the median of the 28 days before the current rise.
SETTLED_WINDOW_DAYS = 28
# A rise that has lasted 12 weeks is the level the runner now lives at (app-policy: back pain
# counts as persistent after about 3 months, the line DOMAIN.md 2.1.4 C2 draws).
RISE_MAX_DAYS = 84
# DOMAIN.md 2.1.4: a week-on-week rise of 1 point in morning pain blocks progression.
RISE_BLOCK_POINTS = 1


def _median_before(days: list[date], scores: list[int], day: date) -> float | None:
    """The median of the scores on the 28 days before `day` (`days` sorted, one per score)."""
    first = bisect_left(days, day - timedelta(days=SETTLED_WINDOW_DAYS))
    window = scores[first : bisect_left(days, day)]
    return float(median(window)) if window else None


def settled_baseline(entries: Iterable[PainEntry], before: datetime) -> float | None:
    """The runner's usual morning pain before `before`: the median of the 28 days before a rise.

    Only morning entries recorded before `before` count. The current rise is found walking
    forward through them, oldest first: an entry above the median of the 28 days before it
    opens a rise; the rise goes on while every later entry stays above that same median (the
    one of the 28 days before the rise's first entry), and ends at the first entry at or below
    it: the pain has settled back. A rise still open at the end is the current rise, and the
    baseline is the median of the 28 days before its first entry, so a flare never lifts it. A
    rise open for more than 84 days is closed: that level is now the runner's own. Without a
    current rise, the baseline is the median of the 28 days up to `before`. None when that
    window holds no entries.
    """
    mornings = sorted(
        (e for e in entries if e.when == "morning" and e.recorded_at < before),
        key=lambda e: e.recorded_at,
    )
    days = [e.recorded_at.date() for e in mornings]
    scores = [e.score for e in mornings]
    rise_day: date | None = None
    reference: float | None = None
    for day, score in zip(days, scores, strict=True):
        if rise_day is not None and (day - rise_day).days > RISE_MAX_DAYS:
            rise_day = None
        if rise_day is None:
            reference = _median_before(days, scores, day)
            rise_day = day if reference is not None and score > reference else None
        elif reference is not None and score <= reference:
            rise_day = None
    if rise_day is not None:
        return reference
    return _median_before(days, scores, before.date() + timedelta(days=1))


@dataclass(frozen=True, slots=True)
class MorningRise:
    """Mean morning pain of the 7 days to `day` against the 7 before (DOMAIN.md 2.1.4)."""

    day: date
    earlier_mean: float
    recent_mean: float
    change_points: float
    regresses: bool  # the rise reached the minimal important change (2 points or 30 %)

    @property
    def blocks(self) -> bool:
        """The rise reached 1 point: no progression while it lasts."""
        return self.change_points >= RISE_BLOCK_POINTS


def morning_rise(entries: Iterable[PainEntry], today: date) -> MorningRise | None:
    """The week-on-week change in morning pain as of `today`; None without entries in both."""
    trend = pain_trend(entries, today, when="morning")
    if trend.earlier_mean is None or trend.recent_mean is None or trend.change_points is None:
        return None
    # change_points is an exact Fraction made float, so a 1-point rise reads 1.0, not 0.999.
    return MorningRise(
        today, trend.earlier_mean, trend.recent_mean, trend.change_points, trend.verdict == "worse"
    )


def worst_morning_rise(rises: Iterable[MorningRise | None]) -> MorningRise | None:
    """The rise that weighs most: one that reaches the MIC first, then the largest change."""
    known = [rise for rise in rises if rise is not None]
    if not known:
        return None
    return max(known, key=lambda rise: (rise.regresses, rise.change_points, rise.day))


def latest_score(
    entries: Iterable[PainEntry], day: date, when: PainWhen | None = None
) -> int | None:
    """The last score logged on `day` (at that moment of the day, if given), else None."""
    scores = [
        e.score for e in entries if e.recorded_at.date() == day and (when is None or e.when == when)
    ]
    return scores[-1] if scores else None
