"""The pain journal's maths: entries, weekly means and the trend verdict."""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction
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
