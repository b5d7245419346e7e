"""A run's samples as lines to draw: heart rate and speed over its clock, thinned, with gaps."""

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean

from backstride.domain.activity import Sample
from backstride.domain.activity_metrics import MAX_GAP_S, MOVING_MPS
from backstride.domain.units import METRES_PER, SPEED_SPORTS, Units

MAX_POINTS = 360
"""Enough for a 720-unit-wide chart; a 3-hour run at 1 s has 10,800 samples."""
SPEED_WINDOW_S = 30.0
"""Speed over a 30 s window: one GPS second's jitter would make the line unreadable."""

SLOWEST_PACE_MPS = MOVING_MPS
"""Slower than this is standing still (activity_metrics.py): drawn as a gap in a pace line."""

Point = tuple[float, float | None]
"""Seconds from the start and a value; None breaks the line (no recording there)."""


@dataclass(frozen=True, slots=True)
class RunSeries:
    """The lines a run's page draws, each as (seconds from the start, value) points."""

    heart_rate_bpm: list[Point]
    speed_mps: list[Point]
    track: list[tuple[float, float]]
    """(latitude, longitude) in order, thinned like the other lines."""


def _thinned(points: list[tuple[float, float]], span_s: float) -> list[Point]:
    """Means over equal slices of the run; a slice without values, or a long pause, is a gap."""
    if not points:
        return []
    slice_s = max(span_s / MAX_POINTS, 1.0)
    out: list[Point] = []
    bucket: list[float] = []
    index = None
    last_t = points[0][0]
    for t, value in points:
        here = int(t // slice_s)
        if index is not None and (here != index or t - last_t > MAX_GAP_S):
            out.append(((index + 0.5) * slice_s, fmean(bucket)))
            if t - last_t > MAX_GAP_S:  # a pause in recording, not a slice it skipped
                out.append(((index + 1) * slice_s, None))
            bucket = []
        index, last_t = here, t
        bucket.append(value)
    if index is not None and bucket:
        out.append(((index + 0.5) * slice_s, fmean(bucket)))
    return out


def _speeds(samples: Sequence[Sample]) -> list[tuple[float, float]]:
    """Metres per second over the last window at each sample with a distance."""
    known = [(s.t_s, s.distance_m) for s in samples if s.distance_m is not None]
    speeds: list[tuple[float, float]] = []
    back = 0
    for t, distance in known:
        while known[back][0] < t - SPEED_WINDOW_S:
            back += 1
        t0, d0 = known[back]
        if t - t0 >= SPEED_WINDOW_S / 2:
            speeds.append((t, max(distance - d0, 0.0) / (t - t0)))
    return speeds


def run_series(samples: Sequence[Sample]) -> RunSeries:
    """Heart rate, speed and the track of a run, thinned to at most `MAX_POINTS` each."""
    span = samples[-1].t_s - samples[0].t_s if samples else 0.0
    rates = [(s.t_s, float(s.heart_rate_bpm)) for s in samples if s.heart_rate_bpm]
    places = [
        (s.latitude, s.longitude)
        for s in samples
        if s.latitude is not None and s.longitude is not None
    ]
    step = max(1, len(places) // (MAX_POINTS * 2))
    track = places[::step]
    if places and track[-1] != places[-1]:
        track.append(places[-1])
    return RunSeries(_thinned(rates, span), _thinned(_speeds(samples), span), track)


def pace_or_speed_points(speeds: list[Point], sport: str, units: Units) -> tuple[list[Point], str]:
    """Speed as the sport speaks of it: minutes per km or mile for a run, km/h or mph else.

    A pace slower than `SLOWEST_PACE_MPS` (standing still) is a gap, not a spike to infinity.
    """
    metres = METRES_PER[units]
    if sport in SPEED_SPORTS:
        label = "km/h" if units == "km" else "mph"
        return [(t, None if v is None else v * 3600 / metres) for t, v in speeds], label
    paces: list[Point] = [
        (t, None if v is None or v < SLOWEST_PACE_MPS else metres / v / 60) for t, v in speeds
    ]
    return paces, f"min/{units}"
