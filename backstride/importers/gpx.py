"""GPX 1.0/1.1 files to Activity values: one per track that has timed points."""

import math
from dataclasses import dataclass
from datetime import datetime
from xml.etree.ElementTree import Element

from backstride.domain.activity import Activity, Sample
from backstride.importers.failure import ImportFailure
from backstride.importers.timestamps import local_offset_min, parse_utc
from backstride.importers.xml_safety import (
    child,
    child_text,
    children,
    local_name,
    number,
    parse_xml,
)

EARTH_RADIUS_M = 6371008.8  # mean Earth radius (IUGG)
HEART_RATE_TAGS = frozenset({"hr", "heartrate"})
CADENCE_TAGS = frozenset({"cad", "cadence"})
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
    "hiking": "walking",
}


@dataclass(frozen=True, slots=True)
class _Point:
    time: datetime
    time_text: str
    latitude: float | None
    longitude: float | None
    altitude_m: float | None
    heart_rate_bpm: int | None
    cadence: float | None


def read_gpx(data: bytes, source: str) -> list[Activity]:
    """Every track with timed points in a GPX file; routes and waypoints alone give []."""
    root = parse_xml(data)
    if local_name(root.tag) != "gpx":
        raise ImportFailure(f"not a GPX file (its root is <{local_name(root.tag)}>)")
    metadata = child(root, "metadata")
    file_name = child_text(metadata if metadata is not None else root, "name")
    activities = []
    for track in children(root, "trk"):
        activity = _activity(track, source, file_name)
        if activity is not None:
            activities.append(activity)
    return activities


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, a)))


def sport_of(type_text: str | None) -> str:
    """Our sport name for a GPX <type> value; 'unknown' when absent or unrecognised."""
    if type_text is None:
        return "unknown"
    key = type_text.strip().lower().replace(" ", "_").replace("-", "_")
    return SPORTS.get(key, "unknown")


def _activity(track: Element, source: str, file_name: str | None) -> Activity | None:
    points = [
        point
        for segment in children(track, "trkseg")
        for element in children(segment, "trkpt")
        if (point := _point(element)) is not None
    ]
    if not points:
        return None
    sport = sport_of(child_text(track, "type"))
    start = points[0].time
    samples: list[Sample] = []
    distance_m: float | None = None
    previous: _Point | None = None
    for point in points:
        if point.latitude is not None and point.longitude is not None:
            if previous is None or previous.latitude is None or previous.longitude is None:
                distance_m = distance_m or 0.0
            else:
                step = haversine_m(
                    previous.latitude, previous.longitude, point.latitude, point.longitude
                )
                distance_m = (distance_m or 0.0) + step
            previous = point
        samples.append(_sample(point, start, distance_m, sport))
    return Activity(
        source=source,
        sport=sport,
        sub_sport=None,
        start=start,
        local_offset_min=local_offset_min(points[0].time_text),
        elapsed_s=(points[-1].time - start).total_seconds(),
        distance_m=distance_m,
        samples=tuple(samples),
        name=child_text(track, "name") or file_name,
    )


def _sample(point: _Point, start: datetime, distance_m: float | None, sport: str) -> Sample:
    cadence_spm = point.cadence
    if cadence_spm is not None and sport != "cycling":
        # GPX cadence (Garmin TrackPointExtension <cad>, Strava) counts strides per minute,
        # one per pair of steps, for running and walking: steps per minute is twice that.
        # A ride's cadence is pedal revolutions per minute and stays as it is.
        cadence_spm *= 2
    return Sample(
        t_s=(point.time - start).total_seconds(),
        distance_m=distance_m,
        heart_rate_bpm=point.heart_rate_bpm,
        cadence_spm=cadence_spm,
        altitude_m=point.altitude_m,
        latitude=point.latitude,
        longitude=point.longitude,
    )


def _point(element: Element) -> _Point | None:
    time_text = child_text(element, "time")
    if time_text is None:
        return None
    latitude = number(element.get("lat"), "a latitude")
    longitude = number(element.get("lon"), "a longitude")
    if latitude is not None and not -90 <= latitude <= 90:
        raise ImportFailure(f"the latitude {latitude} is outside -90..90")
    if longitude is not None and not -180 <= longitude <= 180:
        raise ImportFailure(f"the longitude {longitude} is outside -180..180")
    heart_rate = _extension_value(element, HEART_RATE_TAGS, "a heart rate")
    return _Point(
        time=parse_utc(time_text),
        time_text=time_text,
        latitude=latitude,
        longitude=longitude,
        altitude_m=number(child_text(element, "ele"), "an elevation"),
        # A heart rate of 0 means no strap contact (OpenTracks writes it on every point).
        heart_rate_bpm=round(heart_rate) if heart_rate is not None and heart_rate > 0 else None,
        cadence=_extension_value(element, CADENCE_TAGS, "a cadence"),
    )


def _extension_value(element: Element, tags: frozenset[str], what: str) -> float | None:
    for extensions in children(element, "extensions"):
        for node in extensions.iter():
            if local_name(node.tag).lower() in tags:
                return number(node.text, what)
    return None
