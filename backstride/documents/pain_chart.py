"""The pain journal's chart: daily mean pain over the last weeks as an inline SVG, no script.

It shares the HTML report's time axis and frame (report_html.py): a day sits where its date
falls, every day has a small tick, Mondays carry a label, and a day without entries leaves a
gap in the line rather than being joined over.
"""

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

from backstride.documents.report_html import HEIGHT, PAD, TimeAxis, chart_frame, plot_y

LINE_COLOUR = "#0b5cad"
DAY_TICK_PX = 5


def day_runs(first_day: date, daily: Sequence[float | None]) -> list[list[tuple[date, float]]]:
    """The days with a value, in runs of consecutive days: each run is one unbroken line."""
    runs: list[list[tuple[date, float]]] = []
    current: list[tuple[date, float]] = []
    for offset, value in enumerate(daily):
        if value is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((first_day + timedelta(days=offset), value))
    if current:
        runs.append(current)
    return runs


def pain_chart(first_day: date, daily: Sequence[float | None], title: str, description: str) -> str:
    """One SVG: a dot for each day with entries, lines through consecutive days, 0-10 upward.

    `daily` holds one mean per day from `first_day` on (None: nothing logged that day);
    `title` and `description` become the chart's <title> and <desc> for screen readers.
    """
    last_day = first_day + timedelta(days=max(len(daily) - 1, 0))
    axis = TimeAxis(first_day, last_day)
    parts = chart_frame(title, axis, 0.0, 10.0, "0-10")
    parts[1:1] = [f"<title>{escape(title)}</title>", f"<desc>{escape(description)}</desc>"]
    for offset in range(len(daily)):
        x = axis.x(first_day + timedelta(days=offset))
        parts.append(
            f'<line class="day-tick" x1="{x}" y1="{HEIGHT - PAD}" x2="{x}" '
            f'y2="{HEIGHT - PAD + DAY_TICK_PX}"/>'
        )
    for run in day_runs(first_day, daily):
        xy = [(axis.x(day), plot_y(value, 0.0, 10.0)) for day, value in run]
        if len(xy) > 1:
            points = " ".join(f"{x},{y}" for x, y in xy)
            parts.append(
                f'<polyline fill="none" stroke="{LINE_COLOUR}" stroke-width="2" points="{points}"/>'
            )
        for (day, value), (x, y) in zip(run, xy, strict=True):
            parts.append(
                f'<circle class="day-point" cx="{x}" cy="{y}" r="4" fill="{LINE_COLOUR}">'
                f"<title>{day:%a %d %b}: {value:.1f} out of 10</title></circle>"
            )
    parts.append("</svg>")
    return "\n".join(parts)


SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 140, 40, 4


def pain_sparkline(first_day: date, daily: Sequence[float | None], label: str) -> str:
    """A small SVG of daily mean pain (0 at the bottom, 10 at the top), one step a day: a dot
    on each day logged and one line through them; `label` names it for screen readers."""
    step = (SPARK_WIDTH - 2 * SPARK_PAD) / max(len(daily) - 1, 1)
    span = SPARK_HEIGHT - 2 * SPARK_PAD

    def at(day: date, value: float) -> tuple[float, float]:
        x = SPARK_PAD + (day - first_day).days * step
        return round(x, 1), round(SPARK_HEIGHT - SPARK_PAD - value / 10 * span, 1)

    parts = [
        f'<svg class="sparkline" role="img" aria-label="{escape(label)}" '
        f'viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" width="{SPARK_WIDTH}" '
        f'height="{SPARK_HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(label)}</title>",
        f'<line class="spark-floor" x1="{SPARK_PAD}" y1="{SPARK_HEIGHT - SPARK_PAD}" '
        f'x2="{SPARK_WIDTH - SPARK_PAD}" y2="{SPARK_HEIGHT - SPARK_PAD}"/>',
    ]
    xy = [at(day, value) for run in day_runs(first_day, daily) for day, value in run]
    if len(xy) > 1:  # a sparkline shows the trend: one line through the days logged
        points = " ".join(f"{x},{y}" for x, y in xy)
        parts.append(f'<polyline class="spark-trend" points="{points}"/>')
    parts += [f'<circle cx="{x}" cy="{y}" r="2.5" fill="{LINE_COLOUR}"/>' for x, y in xy]
    parts.append("</svg>")
    return "".join(parts)
