"""Numbers per activity: moving time, pace, climb, heart rate, cadence and per-km splits."""

from dataclasses import dataclass
from statistics import fmean

from backstride.domain.activity import Activity, SampleColumns, Samples

MOVING_MPS = 0.5  # slower than this between two samples counts as standing still
MAX_GAP_S = 30.0  # a longer gap between samples (a pause in recording) is not moving time
CLIMB_NOISE_M = 1.0  # altitude changes smaller than this are treated as noise
CADENCE_BIN_SPM = 5


@dataclass(frozen=True, slots=True)
class Split:
    """One kilometre: its number and the seconds it took."""

    km: int
    duration_s: float


@dataclass(frozen=True, slots=True)
class ActivityMetrics:
    """What backstride shows and uses for one activity."""

    elapsed_s: float
    moving_s: float | None
    distance_m: float | None
    avg_pace_s_per_km: float | None
    elevation_gain_m: float | None
    avg_hr_bpm: float | None
    max_hr_bpm: int | None
    avg_cadence_spm: float | None
    cadence_histogram: dict[int, int]
    splits: tuple[Split, ...]


def metrics(activity: Activity) -> ActivityMetrics:
    """Compute every metric from the samples, falling back to the file's own totals."""
    samples = SampleColumns.of(activity.samples)  # a column at a time: no tuple per point
    distance = activity.distance_m
    if distance is None:
        known = [d for d in samples.distance_m if d is not None]
        distance = known[-1] if known else None
    moving = moving_time_s(samples)
    rates = [rate for rate in samples.heart_rate_bpm if rate]
    cadences = [cadence for cadence in samples.cadence_spm if cadence]
    pace_time = moving if moving is not None else activity.elapsed_s
    return ActivityMetrics(
        elapsed_s=activity.elapsed_s,
        moving_s=moving,
        distance_m=distance,
        avg_pace_s_per_km=pace_time / (distance / 1000) if distance else None,
        elevation_gain_m=elevation_gain_m(samples),
        avg_hr_bpm=round(fmean(rates), 1) if rates else None,
        max_hr_bpm=max(rates) if rates else None,
        avg_cadence_spm=round(fmean(cadences), 1) if cadences else None,
        cadence_histogram=cadence_histogram(cadences),
        splits=km_splits(samples),
    )


def _timed_distances(samples: Samples) -> list[tuple[float, float]]:
    columns = SampleColumns.of(samples)
    return [(t, d) for t, d in zip(columns.t_s, columns.distance_m, strict=True) if d is not None]


def moving_time_s(samples: Samples) -> float | None:
    """Seconds spent moving, from distance between samples; None without distances."""
    points = _timed_distances(samples)
    if len(points) < 2:
        return None
    moving = 0.0
    for (t0, d0), (t1, d1) in zip(points, points[1:], strict=False):
        dt = t1 - t0
        if 0 < dt <= MAX_GAP_S and (d1 - d0) / dt >= MOVING_MPS:
            moving += dt
    return moving


def elevation_gain_m(samples: Samples) -> float | None:
    """Total climb, ignoring wobbles smaller than the noise threshold."""
    heights = [h for h in SampleColumns.of(samples).altitude_m if h is not None]
    if len(heights) < 2:
        return None
    gain, anchor = 0.0, heights[0]
    for height in heights[1:]:
        if height - anchor >= CLIMB_NOISE_M:
            gain += height - anchor
            anchor = height
        elif anchor - height >= CLIMB_NOISE_M:
            anchor = height
    return round(gain, 1)


def cadence_histogram(cadences: list[float]) -> dict[int, int]:
    """Samples per 5-spm band, keyed by the band's lower edge."""
    histogram: dict[int, int] = {}
    for cadence in cadences:
        band = int(cadence // CADENCE_BIN_SPM * CADENCE_BIN_SPM)
        histogram[band] = histogram.get(band, 0) + 1
    return dict(sorted(histogram.items()))


def km_splits(samples: Samples) -> tuple[Split, ...]:
    """Time for each whole kilometre, interpolating the moment each one was crossed."""
    points = _timed_distances(samples)
    splits: list[Split] = []
    last_cross_t = points[0][0] if points else 0.0
    next_km = 1
    for (t0, d0), (t1, d1) in zip(points, points[1:], strict=False):
        assert d0 is not None and d1 is not None
        while d1 >= next_km * 1000 > d0 - 1e-9 and d1 > d0:
            crossed = t0 + (t1 - t0) * (next_km * 1000 - d0) / (d1 - d0)
            splits.append(Split(next_km, round(crossed - last_cross_t, 1)))
            last_cross_t = crossed
            next_km += 1
    return tuple(splits)
