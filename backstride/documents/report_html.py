"""The self-contained HTML report: inline SVG charts, no scripts, nothing fetched from elsewhere.

Every chart shares one real time axis over the report's period: a day sits where its date
falls, weeks without data are drawn empty, and ticks fall on Mondays, month starts or years as
the period's length asks. The SVGs scale to the page, so the report reads on a 390 px phone.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from typing import Protocol, TypeVar

from backstride.domain.load import WeekChange

WIDTH, HEIGHT, PAD, RIGHT = 720, 220, 40, 12
STYLE = """
body { font-family: system-ui, sans-serif; max-width: 780px; margin: 1em auto; padding: 0 0.8em;
  color: #222; line-height: 1.4; }
h1 { font-size: 1.5em; } h2 { font-size: 1.1em; margin-top: 1.6em; }
svg { background: #fafafa; border: 1px solid #ddd; width: 100%; height: auto; display: block; }
.note { color: #555; font-size: 0.9em; }
.axis { stroke: #999; stroke-width: 1; } .tick { stroke: #e2e2e2; stroke-width: 1; }
.label { font-size: 17px; fill: #444; }
"""


At = TypeVar("At", contravariant=True)


class Axis(Protocol[At]):
    """A time axis across the chart: where a moment falls, and its labelled ticks."""

    def x(self, at: At) -> float:
        """Where a moment falls across the plot."""
        ...

    def tick_marks(self) -> list[tuple[float, str]]:
        """Each tick's place across the plot and its label."""
        ...


@dataclass(frozen=True, slots=True)
class TimeAxis:
    """Days from `first` to `last` across the chart's width."""

    first: date
    last: date

    @property
    def span_days(self) -> int:
        """Days between the two ends (at least one, so a one-day period still has a width)."""
        return max((self.last - self.first).days, 1)

    def x(self, day: date) -> float:
        """Where a day falls across the plot."""
        return round(PAD + (WIDTH - PAD - RIGHT) * ((day - self.first).days / self.span_days), 1)

    def ticks(self) -> list[tuple[date, str]]:
        """Tick days and their labels: Mondays, month starts or years, by the period's length."""
        if self.span_days <= 16 * 7:
            monday = self.first + timedelta(days=(7 - self.first.weekday()) % 7)
            days = [monday + timedelta(weeks=i) for i in range(self.span_days // 7 + 1)]
            step = 1 if self.span_days <= 6 * 7 else 2
            return [(d, d.strftime("%d %b")) for d in days[::step] if d <= self.last]
        if self.span_days <= 3 * 366:
            months = []
            month = date(self.first.year, self.first.month, 1)
            while month <= self.last:
                if month >= self.first:
                    months.append(month)
                month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
            step = max(1, len(months) // 8)
            return [(m, m.strftime("%b %Y")) for m in months[::step]]
        years = [date(y, 1, 1) for y in range(self.first.year + 1, self.last.year + 1)]
        step = max(1, len(years) // 8)
        return [(y, str(y.year)) for y in years[::step]]

    def tick_marks(self) -> list[tuple[float, str]]:
        """Each tick's place across the plot and its label."""
        return [(self.x(day), label) for day, label in self.ticks()]


def plot_y(value: float, low: float, high: float) -> float:
    """Where a value falls up the plot, between `low` (the axis) and `high` (the top)."""
    return round((HEIGHT - PAD) - (HEIGHT - PAD - 12) * ((value - low) / (high - low)), 1)


def value_label(value: float) -> str:
    """An end of the value axis: whole from 10 or when whole, else one decimal (0.4, not 0)."""
    return f"{value:.0f}" if abs(value) >= 10 or value == round(value) else f"{value:.1f}"


def chart_frame(
    title: str, axis: "Axis[date] | Axis[float]", low: float, high: float, unit: str
) -> list[str]:
    """An open <svg> with its time ticks, both axes and their labels; the caller closes it."""
    parts = [
        f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">',
    ]
    for x, label in axis.tick_marks():
        parts.append(f'<line class="tick" x1="{x}" y1="8" x2="{x}" y2="{HEIGHT - PAD}"/>')
        parts.append(
            f'<text class="label" x="{x}" y="{HEIGHT - PAD + 20}" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    parts += [
        f'<line class="axis" x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - RIGHT}" '
        f'y2="{HEIGHT - PAD}"/>',
        f'<line class="axis" x1="{PAD}" y1="8" x2="{PAD}" y2="{HEIGHT - PAD}"/>',
        f'<text class="label" x="{PAD - 4}" y="22" text-anchor="end">{value_label(high)}</text>',
        f'<text class="label" x="{PAD - 4}" y="{HEIGHT - PAD}" text-anchor="end">'
        f"{value_label(low)}</text>",
        f'<text class="label" x="{WIDTH - RIGHT}" y="22" text-anchor="end">{escape(unit)}</text>',
    ]
    return parts


def line_chart(
    title: str,
    axis: TimeAxis,
    series: dict[str, Sequence[tuple[date, float]]],
    unit: str,
    y_range: tuple[float, float] | None = None,
    legend: bool = True,
) -> str:
    """Lines through dated values, one colour per series; a lone value shows as a dot.

    Without `legend` the caller names the series itself (a page whose policy refuses the
    legend's inline colours).

    The y axis starts at 0 unless `y_range` fixes it (pain: 0-10) or is given as the data's
    own range (cadence, where a zero-based axis would flatten every change).
    """
    known = [value for points in series.values() for _, value in points]
    if not known:
        return f'<p class="note">{escape(title)}: no data in this period.</p>'
    if y_range is not None:
        low, high = y_range
    else:
        low, high = 0.0, max(known)
    high = high if high > low else low + 1.0
    parts = chart_frame(title, axis, low, high, unit)
    colours = ("#1f6fb2", "#b35c00", "#2e7d4f")
    for (name, points), colour in zip(series.items(), colours, strict=False):
        xy = [f"{axis.x(day)},{plot_y(value, low, high)}" for day, value in points]
        if len(xy) == 1:
            x, y = xy[0].split(",")
            parts.append(f'<circle cx="{x}" cy="{y}" r="3" fill="{colour}"/>')
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="1.8" '
            f'points="{" ".join(xy)}"><title>{escape(name)}</title></polyline>'
        )
    parts.append("</svg>")
    if not legend:
        return "\n".join(parts)
    names = " · ".join(
        f'<span style="color:{c}">{escape(name)}</span>'
        for name, c in zip(series, colours, strict=False)
    )
    return "\n".join(parts) + f'<p class="note">{names}</p>'


def week_bars(title: str, axis: TimeAxis, weeks: Sequence[WeekChange], unit: str) -> str:
    """One bar per week of the period, each as wide as its week; an empty week stays empty."""
    if not weeks or max(w.total for w in weeks) <= 0:
        return f'<p class="note">{escape(title)}: no data in this period.</p>'
    low, high = 0.0, max(w.total for w in weeks)
    parts = chart_frame(title, axis, low, high, unit)
    for week in weeks:
        left = axis.x(max(week.week_start, axis.first))
        right = axis.x(min(week.week_start + timedelta(days=7), axis.last))
        top = plot_y(week.total, low, high)
        so_far = " so far" if week.unfinished else ""
        parts.append(
            f'<rect x="{left + 1:.1f}" y="{top}" width="{max(right - left - 2, 1):.1f}" '
            f'height="{HEIGHT - PAD - top:.1f}" fill="#1f6fb2">'
            f"<title>week of {week.week_start.isoformat()}: {week.total:.1f} {escape(unit)}"
            f"{so_far}</title></rect>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class ReportFigures:
    """The numbers the report draws over its period: load, pain by day, cadence by run."""

    first: date
    last: date
    weeks: Sequence[WeekChange]
    """Every week of the period, empty ones included."""
    days: Sequence[date]
    acute: Sequence[float]
    chronic: Sequence[float]
    daily_pain: dict[date, float]
    run_cadences: Sequence[tuple[date, float]]
    """Each run with an average cadence: its day on the runner's clock and the cadence."""
    caveat: str
    """What the load-pain correlation can and cannot say."""
    distance_unit: str = "km"
    outside: int = 0
    """Runs outside the period (a watch whose clock was never set says 1989): not drawn."""


def render_report(load: ReportFigures, generated: str) -> str:
    """The whole page; `generated` is the moment it was made, as the reader should see it."""
    axis = TimeAxis(load.first, load.last)
    inside = [(d, i) for i, d in enumerate(load.days) if load.first <= d <= load.last]
    pain = [(day, load.daily_pain[day]) for day, _ in inside if day in load.daily_pain]
    period = f"{load.first:%d %b %Y} to {load.last:%d %b %Y}"
    outside = (
        f" {load.outside} run{'s' if load.outside != 1 else ''} outside it "
        f"{'is' if load.outside == 1 else 'are'} not drawn (--since and --until choose the "
        "period)."
        if load.outside
        else ""
    )
    sections = [
        f'<p class="note">Period: {period}.{outside}</p>',
        "<h2>Weekly distance</h2>",
        week_bars("Weekly distance", axis, load.weeks, load.distance_unit),
        "<h2>Acute (7-day) and chronic (28-day) load</h2>",
        line_chart(
            "Load",
            axis,
            {
                "acute": [(day, load.acute[i]) for day, i in inside],
                "chronic": [(day, load.chronic[i]) for day, i in inside],
            },
            load.distance_unit,
        ),
        '<p class="note">Trends as information only: the ratio between them is not a forecast '
        "of injury.</p>",
        "<h2>Pain over time (0-10)</h2>",
        line_chart("Pain", axis, {"daily mean pain": pain}, "0-10", (0.0, 10.0)),
        "<h2>Cadence over time (steps per minute)</h2>",
        _cadence_chart(axis, load.run_cadences),
        f'<p class="note">{escape(load.caveat)}</p>',
    ]
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>backstride report</title>"
        f"<style>{STYLE}</style></head><body>"
        f'<h1>backstride report</h1><p class="note">Made {escape(generated)}. '
        "Not a diagnosis; see a clinician if pain persists or warning signs appear.</p>"
        + "\n".join(sections)
        + "</body></html>\n"
    )


def _cadence_chart(axis: TimeAxis, run_cadences: Sequence[tuple[date, float]]) -> str:
    points = [(day, spm) for day, spm in run_cadences if axis.first <= day <= axis.last]
    values = [spm for _, spm in points]
    y_range = (min(values) - 5, max(values) + 5) if values else None
    return line_chart("Cadence", axis, {"average cadence": points}, "spm", y_range)
