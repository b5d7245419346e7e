"""GPX 1.0/1.1 files to Activity values: one per track that has timed points."""

import math
from collections.abc import Sequence
from itertools import accumulate, pairwise

from backstride.domain.activity import Activity, SampleColumns
from backstride.importers.failure import ImportFailure
from backstride.importers.gpx_events import read_gpx_events
from backstride.importers.gpx_scan import scan_gpx
from backstride.importers.gpx_tracks import RawGpx, RawText, RawTrack
from backstride.importers.timestamps import local_offset_min, parse_utc
from backstride.importers.xml_safety import number

EARTH_RADIUS_M = 6371008.8  # mean Earth radius (IUGG)
SPORTS = {
    "running": "running",
    "run": "running",
    "trail_running": "running",
    "9": "running",  # Strava's numeric activity type for a run
    "cycling": "cycling",
    "biking": "cycling",
    "ride": "cycling",
    "1": "cycling",  # Strava's numeric activity type for a ride
    "walking": "walking",
    "walk": "walking",
    "hiking": "hiking",  # as FIT and Strava name it
    "hike": "hiking",
}


def read_gpx(data: bytes, source: str) -> list[Activity]:
    """Every track with timed points in a GPX file; routes and waypoints alone give []."""
    found = scan_gpx(data)  # the common shape, fast; None for anything else
    if found is None:
        found = read_gpx_events(data)
    return activities_of(found, source)


def activities_of(found: RawGpx, source: str) -> list[Activity]:
    """The tracks of a GPX file as read, converted: one Activity per track with timed points."""
    activities = []
    for track in found.tracks:
        activity = _activity(track, source, found.file_name)
        if activity is not None:
            activities.append(activity)
    return activities


def sport_of(type_text: str | None) -> str:
    """Our sport name for a GPX <type> value; 'unknown' when absent or unrecognised."""
    if type_text is None:
        return "unknown"
    key = type_text.strip().lower().replace(" ", "_").replace("-", "_")
    return SPORTS.get(key, "unknown")


def _activity(track: RawTrack, source: str, file_name: str | None) -> Activity | None:
    """The track's timed points as samples, converted a column at a time (see _numbers).

    A point without a time is left out: a GPS fix that cannot be placed in the run.
    """
    rows = track.points
    times = [_time_text(row[3]) for row in rows]
    if not all(times):
        rows = [row for row, when in zip(rows, times, strict=True) if when]
        times = [when for when in times if when]
    if not rows:
        return None
    lat_texts, lon_texts, ele_texts, _, hr_texts, cad_texts = zip(*rows, strict=True)
    moments = [parse_utc(when) for when in times]
    start = moments[0]
    latitudes = _numbers(lat_texts, "a latitude")
    longitudes = _numbers(lon_texts, "a longitude")
    _check_range(latitudes, "latitude", 90)
    _check_range(longitudes, "longitude", 180)
    sport = sport_of(track.type)
    # GPX cadence (Garmin TrackPointExtension <cad>, Strava) counts strides per minute, one
    # per pair of steps, for running and walking: steps per minute is twice that. A ride's
    # cadence is pedal revolutions per minute and stays as it is.
    cadence_factor = 1.0 if sport == "cycling" else 2.0
    distances = _distances(latitudes, longitudes)
    samples = SampleColumns(
        [(moment - start).total_seconds() for moment in moments],
        distances,
        # A heart rate of 0 means no strap contact (OpenTracks writes it on every point).
        [
            round(bpm) if bpm is not None and bpm > 0 else None
            for bpm in _numbers(hr_texts, "a heart rate")
        ],
        [None if c is None else c * cadence_factor for c in _numbers(cad_texts, "a cadence")],
        _numbers(ele_texts, "an elevation"),
        latitudes,
        longitudes,
    )
    return Activity(
        source=source,
        sport=sport,
        sub_sport=None,
        start=start,
        local_offset_min=local_offset_min(times[0]),
        elapsed_s=samples.t_s[-1],
        distance_m=distances[-1],
        samples=samples,
        name=track.name or file_name,
    )


def _time_text(raw: RawText) -> str:
    """A point's time as text, stripped: '' when it has none."""
    if raw is None:
        return ""
    return (raw.decode("utf-8") if isinstance(raw, bytes) else raw).strip()


def _numbers(texts: Sequence[RawText], what: str) -> list[float | None]:
    """Every text of a column as a number (see xml_safety.number), in one pass when all are."""
    if not any(texts):
        return [None] * len(texts)
    try:
        values: list[float | None] = list(map(float, texts))  # type: ignore[arg-type]
    except (ValueError, TypeError):  # a blank, absent or bad value: one at a time
        return [number(text, what) for text in texts]
    if all(map(math.isfinite, values)):  # type: ignore[arg-type]
        return values
    return [number(text, what) for text in texts]


def _check_range(degrees: list[float | None], what: str, limit: int) -> None:
    """Refuse the file at the first latitude or longitude outside -limit..limit."""
    known = [value for value in degrees if value is not None]
    if known and -limit <= min(known) and max(known) <= limit:
        return
    for value in known:
        if not -limit <= value <= limit:
            raise ImportFailure(f"the {what} {value} is outside -{limit}..{limit}")


def _distances(latitudes: list[float | None], longitudes: list[float | None]) -> list[float | None]:
    """Distance run up to each point along the great circles between successive fixes.

    None before the first point with both coordinates; a point without a fix keeps the
    distance of the fix before it.
    """
    if None not in latitudes and None not in longitudes:
        fixes = list(range(len(latitudes)))
    else:
        fixes = [
            i
            for i, (lat, lon) in enumerate(zip(latitudes, longitudes, strict=True))
            if lat is not None and lon is not None
        ]
    if not fixes:
        return [None] * len(latitudes)
    phis = [math.radians(latitudes[i] or 0.0) for i in fixes]
    lambdas = [math.radians(longitudes[i] or 0.0) for i in fixes]
    cosines = list(map(math.cos, phis))
    sin, asin, sqrt = math.sin, math.asin, math.sqrt
    # The haversine great-circle distance between successive fixes, on the mean Earth radius.
    steps = [
        2
        * EARTH_RADIUS_M
        * asin(sqrt(min(1.0, sin((phi2 - phi1) / 2) ** 2 + cos1 * cos2 * sin((l2 - l1) / 2) ** 2)))
        for (phi1, l1, cos1), (phi2, l2, cos2) in pairwise(zip(phis, lambdas, cosines, strict=True))
    ]
    along = list(accumulate(steps, initial=0.0))
    if len(fixes) == len(latitudes):
        return list(along)
    distances: list[float | None] = [None] * fixes[0]
    for fix, (index, next_index) in enumerate(pairwise([*fixes, len(latitudes)])):
        distances.extend([along[fix]] * (next_index - index))
    return distances
