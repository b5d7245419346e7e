"""One run's pictures as inline SVG: lines over the run's own clock, cadence bands, the track.

The lines share the report's frame and value axis (report_html.py); their time axis is the
run's wall clock, ticked every few minutes, so a point sits where its moment falls.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape

from backstride.documents.report_html import HEIGHT, PAD, RIGHT, WIDTH, chart_frame, plot_y

LINE_COLOUR = "#0b5cad"
TICK_STEPS_MIN = (1, 2, 5, 10, 15, 30, 60, 120, 240)
MAX_TICKS = 8
TRACK_SIZE = 400
TRACK_MARGIN = 16


@dataclass(frozen=True, slots=True)
class ClockAxis:
    """A run's seconds from its start across the chart, labelled with the runner's clock."""

    start: datetime
    """When the run began, on the runner's clock."""
    span_s: float

    def x(self, at: float) -> float:
        """Where a moment, in seconds from the start, falls across the plot."""
        return round(PAD + (WIDTH - PAD - RIGHT) * (at / max(self.span_s, 1.0)), 1)

    def tick_marks(self) -> list[tuple[float, str]]:
        """Ticks on whole clock minutes, a few minutes apart, labelled HH:MM."""
        minutes = max(self.span_s / 60, 1.0)
        step = next((s for s in TICK_STEPS_MIN if minutes / s <= MAX_TICKS), TICK_STEPS_MIN[-1])
        first = self.start.replace(second=0, microsecond=0)
        first += timedelta(minutes=-(first.minute % step) + step)
        marks = []
        moment = first
        while (moment - self.start).total_seconds() <= self.span_s:
            marks.append((self.x((moment - self.start).total_seconds()), f"{moment:%H:%M}"))
            moment += timedelta(minutes=step)
        return marks


def line_over_run(
    title: str,
    axis: ClockAxis,
    points: Sequence[tuple[float, float | None]],
    unit: str,
    upside_down: bool = False,
) -> str:
    """One line through (seconds, value) points, broken at each None; the range is the data's.

    `upside_down` puts low values at the top (a pace: faster is up).
    """
    known = sorted(value for _, value in points if value is not None)
    if not known:
        return f'<p class="note">{escape(title)}: not recorded on this run.</p>'
    # The range leaves out the rarest 2 % at each end (a sensor's first seconds, a stop):
    # they are drawn at the edge rather than squeezing the rest of the line flat.
    cut = len(known) // 50
    low, high = math.floor(known[cut]), math.ceil(known[-1 - cut])
    high = high if high > low else low + 1
    bottom, top = (high, low) if upside_down else (low, high)
    parts = chart_frame(title, axis, bottom, top, unit)
    parts.insert(1, f"<title>{escape(title)}</title>")
    runs: list[list[str]] = [[]]
    for at, value in points:
        if value is None:
            runs.append([])
        else:
            shown = min(max(value, low), high)
            runs[-1].append(f"{axis.x(at)},{plot_y(shown, bottom, top)}")
    for run in runs:
        if len(run) == 1:
            x, y = run[0].split(",")
            parts.append(f'<circle cx="{x}" cy="{y}" r="3" fill="{LINE_COLOUR}"/>')
        elif run:
            parts.append(
                f'<polyline fill="none" stroke="{LINE_COLOUR}" stroke-width="2" '
                f'points="{" ".join(run)}"/>'
            )
    parts.append("</svg>")
    return "\n".join(parts)


def cadence_bands(title: str, histogram: dict[int, int], band_spm: int) -> str:
    """One bar per cadence band (steps per minute), as the share of the run's samples in it."""
    if not histogram:
        return f'<p class="note">{escape(title)}: not recorded on this run.</p>'
    total = sum(histogram.values())
    bands = list(range(min(histogram), max(histogram) + band_spm, band_spm))
    width = (WIDTH - PAD - RIGHT) / len(bands)
    highest = max(histogram.values()) / total * 100
    parts = [
        f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line class="axis" x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - RIGHT}" '
        f'y2="{HEIGHT - PAD}"/>',
        f'<text class="label" x="{WIDTH - RIGHT}" y="22" text-anchor="end">% of time</text>',
    ]
    label_every = max(1, math.ceil(len(bands) / 8))
    for index, band in enumerate(bands):
        share = histogram.get(band, 0) / total * 100
        left = PAD + index * width
        top = plot_y(share, 0.0, highest)
        parts.append(
            f'<rect x="{left + 1:.1f}" y="{top}" width="{max(width - 2, 1):.1f}" '
            f'height="{HEIGHT - PAD - top:.1f}" fill="{LINE_COLOUR}">'
            f"<title>{band}-{band + band_spm - 1} spm: {share:.0f} %</title></rect>"
        )
        if index % label_every == 0:
            parts.append(
                f'<text class="label" x="{left + width / 2:.1f}" y="{HEIGHT - PAD + 20}" '
                f'text-anchor="middle">{band}</text>'
            )
    parts.append("</svg>")
    return "\n".join(parts)


def track_line(title: str, track: Sequence[tuple[float, float]]) -> str:
    """The route as one line in a square, north up, its shape kept (no map underneath)."""
    if len(track) < 2:
        return f'<p class="note">{escape(title)}: no positions recorded on this run.</p>'
    middle = math.cos(math.radians(sum(lat for lat, _ in track) / len(track)))
    xs = [lon * middle for _, lon in track]
    ys = [lat for lat, _ in track]
    # The bounds once, not once a point: a long run's track has up to 720 points.
    west, east, south, north = min(xs), max(xs), min(ys), max(ys)
    extent = max(east - west, north - south) or 1e-9
    room = TRACK_SIZE - 2 * TRACK_MARGIN
    left = TRACK_MARGIN + (room - (east - west) / extent * room) / 2
    top = TRACK_MARGIN + (room - (north - south) / extent * room) / 2
    points = [
        (
            round(left + (x - west) / extent * room, 1),
            round(top + (north - y) / extent * room, 1),
        )
        for x, y in zip(xs, ys, strict=True)
    ]
    line = " ".join(f"{x},{y}" for x, y in points)
    (start_x, start_y), (end_x, end_y) = points[0], points[-1]
    return "\n".join(
        [
            f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {TRACK_SIZE} '
            f'{TRACK_SIZE}" preserveAspectRatio="xMidYMid meet" '
            'xmlns="http://www.w3.org/2000/svg">',
            f"<title>{escape(title)}</title>",
            f'<polyline fill="none" stroke="{LINE_COLOUR}" stroke-width="3" '
            f'stroke-linejoin="round" points="{line}"/>',
            f'<circle cx="{start_x}" cy="{start_y}" r="7" fill="#2e7d4f"><title>start</title>'
            "</circle>",
            f'<circle cx="{end_x}" cy="{end_y}" r="7" fill="#b3261e"><title>end</title></circle>',
            "</svg>",
        ]
    )
