"""The self-contained HTML report: inline SVG charts, no scripts, nothing fetched from elsewhere."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from backstride.domain.load import WeekChange

WIDTH, HEIGHT, PAD = 720, 200, 36
STYLE = """
body { font-family: system-ui, sans-serif; max-width: 780px; margin: 2em auto; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.1em; margin-top: 2em; }
svg { background: #fafafa; border: 1px solid #ddd; }
.note { color: #666; font-size: 0.9em; }
.axis { stroke: #999; stroke-width: 1; } .label { font-size: 11px; fill: #555; }
"""


def _scale(values: Sequence[float]) -> tuple[float, float]:
    low, high = min(values), max(values)
    return (low, high) if high > low else (low, low + 1.0)


def _frame(title: str, low: float, high: float, first: str, last: str, unit: str) -> list[str]:
    return [
        f'<svg role="img" aria-label="{escape(title)}" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
        f'<line class="axis" x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - 8}" y2="{HEIGHT - PAD}"/>',
        f'<line class="axis" x1="{PAD}" y1="8" x2="{PAD}" y2="{HEIGHT - PAD}"/>',
        f'<text class="label" x="2" y="16">{high:.0f}</text>',
        f'<text class="label" x="2" y="{HEIGHT - PAD}">{low:.0f}</text>',
        f'<text class="label" x="{PAD}" y="{HEIGHT - 12}">{escape(first)}</text>',
        f'<text class="label" x="{WIDTH - 90}" y="{HEIGHT - 12}">{escape(last)}</text>',
        f'<text class="label" x="{WIDTH - 90}" y="16">{escape(unit)}</text>',
    ]


def _xy(index: int, count: int, value: float, low: float, high: float) -> tuple[float, float]:
    x = PAD + (WIDTH - PAD - 12) * (index / max(count - 1, 1))
    y = (HEIGHT - PAD) - (HEIGHT - PAD - 12) * ((value - low) / (high - low))
    return round(x, 1), round(y, 1)


def line_chart(
    title: str,
    days: Sequence[date],
    series: dict[str, Sequence[float | None]],
    unit: str,
    y_range: tuple[float, float] | None = None,
) -> str:
    """Lines over days (gaps where a value is missing), one colour per series.

    The y axis starts at 0 unless `y_range` fixes it (pain: 0-10) or is given as the data's
    own range (cadence, where a zero-based axis would flatten every change).
    """
    known = [v for values in series.values() for v in values if v is not None]
    if not days or not known:
        return f'<p class="note">{escape(title)}: no data yet.</p>'
    low, high = y_range if y_range is not None else _scale([0.0, *known])
    parts = _frame(title, low, high, days[0].isoformat(), days[-1].isoformat(), unit)
    colours = ("#1f6fb2", "#d9822b", "#2e8b57")
    for (name, values), colour in zip(series.items(), colours, strict=False):
        points = [
            "{},{}".format(*_xy(i, len(values), v, low, high))
            for i, v in enumerate(values)
            if v is not None
        ]
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="1.6" '
            f'points="{" ".join(points)}"><title>{escape(name)}</title></polyline>'
        )
    parts.append("</svg>")
    legend = " · ".join(
        f'<span style="color:{c}">{escape(name)}</span>'
        for name, c in zip(series, colours, strict=False)
    )
    return "\n".join(parts) + f'<p class="note">{legend}</p>'


def bar_chart(title: str, labels: Sequence[str], values: Sequence[float], unit: str) -> str:
    """One bar per label."""
    if not values or max(values) <= 0:
        return f'<p class="note">{escape(title)}: no data yet.</p>'
    low, high = 0.0, max(values)
    parts = _frame(title, low, high, labels[0], labels[-1], unit)
    width = (WIDTH - PAD - 12) / len(values)
    for index, value in enumerate(values):
        x = PAD + index * width
        top = _xy(0, 1, value, low, high)[1]
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{top}" width="{max(width - 2, 1):.1f}" '
            f'height="{HEIGHT - PAD - top:.1f}" fill="#1f6fb2">'
            f"<title>{escape(labels[index])}: {value:.1f} {escape(unit)}</title></rect>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class ReportFigures:
    """The numbers the report draws: load by week and by day, pain by day, cadence by run."""

    weeks: Sequence[WeekChange]
    days: Sequence[date]
    acute: Sequence[float]
    chronic: Sequence[float]
    daily_pain: dict[date, float]
    run_cadences: Sequence[tuple[date, float]]
    """Each run with an average cadence: its start day and the cadence in steps a minute."""
    caveat: str
    """What the load-pain correlation can and cannot say."""


def render_report(load: ReportFigures, generated: str) -> str:
    """The whole page; `generated` is the moment it was made, as the reader should see it."""
    weeks = [w for w in load.weeks if w.total > 0]
    pain = [load.daily_pain.get(day) for day in load.days]
    run_days = [day for day, _ in load.run_cadences]
    cadences = [cadence for _, cadence in load.run_cadences]
    sections = [
        "<h2>Weekly distance</h2>",
        bar_chart(
            "Weekly distance",
            [w.week_start.isoformat() for w in weeks],
            [w.total for w in weeks],
            "km",
        ),
        "<h2>Acute (7-day) and chronic (28-day) load</h2>",
        line_chart("Load", load.days, {"acute": load.acute, "chronic": load.chronic}, "km"),
        '<p class="note">Trends as information only: the ratio between them is not a forecast '
        "of injury (DOMAIN.md 2.7).</p>",
        "<h2>Pain over time (0-10)</h2>",
        line_chart("Pain", load.days, {"daily mean pain": pain}, "0-10", (0.0, 10.0)),
        "<h2>Cadence over time (steps per minute)</h2>",
        line_chart(
            "Cadence",
            run_days,
            {"average cadence": cadences},
            "spm",
            (min(cadences) - 5, max(cadences) + 5) if cadences else None,
        ),
        f'<p class="note">{escape(load.caveat)}</p>',
    ]
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>backstride report</title>"
        f"<style>{STYLE}</style></head><body>"
        f'<h1>backstride report</h1><p class="note">Made {escape(generated)}. '
        "Not a diagnosis; see a clinician if pain persists or warning signs appear.</p>"
        + "\n".join(sections)
        + "</body></html>\n"
    )
