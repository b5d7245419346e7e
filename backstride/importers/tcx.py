"""Garmin TCX files to Activity values: one per <Activity>, indoor points without GPS kept."""

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from xml.etree.ElementTree import Element

from backstride.domain.activity import Activity, Sample
from backstride.importers.failure import ImportFailure
from backstride.importers.timestamps import local_offset_min, parse_utc
from backstride.importers.xml_safety import (
    child_text,
    children,
    descendants,
    local_name,
    number,
    parse_xml,
)

SPORTS = {"running": "running", "biking": "cycling"}


@dataclass(frozen=True, slots=True)
class _Laps:
    total_time_s: float
    distance_m: float | None
    first_start: str | None


def read_tcx(data: bytes, source: str) -> list[Activity]:
    """Every activity in a TCX file, with trackpoints from all its laps in order."""
    root = parse_xml(data)
    if local_name(root.tag) != "TrainingCenterDatabase":
        raise ImportFailure(f"not a TCX file (its root is <{local_name(root.tag)}>)")
    activities = []
    # iter() also finds the activities nested in a MultiSportSession.
    for element in root.iter():
        if local_name(element.tag) == "Activity":
            activity = _activity(element, source)
            if activity is not None:
                activities.append(activity)
    return activities


def sport_of(sport_attribute: str | None) -> str:
    """Our sport name for TCX's Sport attribute (Running, Biking, Other)."""
    return SPORTS.get((sport_attribute or "").strip().lower(), "unknown")


def _activity(element: Element, source: str) -> Activity | None:
    sport = sport_of(element.get("Sport"))
    laps = _laps(element)
    trackpoints = [
        firsts
        for lap in children(element, "Lap")
        for track in children(lap, "Track")
        for trackpoint in children(track, "Trackpoint")
        if _text(firsts := _first_children(trackpoint), "Time") is not None
    ]
    start_text = child_text(element, "Id") or laps.first_start
    if start_text is None and trackpoints:
        start_text = _text(trackpoints[0], "Time")
    if start_text is None:
        return None  # nothing in it says when it happened
    start = parse_utc(start_text)
    samples = tuple(_sample(point, start, sport) for point in trackpoints)
    elapsed_s = laps.total_time_s
    if trackpoints:
        first = parse_utc(_text(trackpoints[0], "Time") or "")
        last = parse_utc(_text(trackpoints[-1], "Time") or "")
        elapsed_s = max(elapsed_s, (last - first).total_seconds())
    device_distances = [s.distance_m for s in samples if s.distance_m is not None]
    return Activity(
        source=source,
        sport=sport,
        sub_sport=None,
        start=start,
        local_offset_min=local_offset_min(start_text),
        elapsed_s=elapsed_s,
        distance_m=device_distances[-1] if device_distances else laps.distance_m,
        samples=samples,
    )


def _laps(element: Element) -> _Laps:
    total_time_s = 0.0
    distances: list[float] = []
    first_start: str | None = None
    for lap in children(element, "Lap"):
        first_start = first_start or lap.get("StartTime")
        total_time_s += number(child_text(lap, "TotalTimeSeconds"), "a lap time") or 0.0
        distance = number(child_text(lap, "DistanceMeters"), "a lap distance")
        if distance is not None:
            distances.append(distance)
    return _Laps(total_time_s, sum(distances) if distances else None, first_start)


class _Firsts(dict[str, Element]):
    """A trackpoint's first direct child of each local name, and all its <Extensions>."""

    extensions: list[Element]


@lru_cache(maxsize=1024)
def _local(tag: str) -> str:
    return local_name(tag)


def _first_children(trackpoint: Element) -> _Firsts:
    """One pass over the trackpoint's children, in place of a search per field."""
    firsts = _Firsts()
    firsts.extensions = []
    for node in trackpoint:
        name = _local(node.tag)
        if name not in firsts:
            firsts[name] = node
        if name == "Extensions":
            firsts.extensions.append(node)
    return firsts


def _text(firsts: dict[str, Element], name: str) -> str | None:
    """As child_text: the stripped text of the first child of that name; None if empty."""
    found = firsts.get(name)
    if found is None or found.text is None:
        return None
    return found.text.strip() or None


def _sample(trackpoint: _Firsts, start: datetime, sport: str) -> Sample:
    time = parse_utc(_text(trackpoint, "Time") or "")
    position = trackpoint.get("Position")
    latitude = longitude = None
    if position is not None:  # treadmill and indoor trackpoints have none: keep them anyway
        latitude = number(child_text(position, "LatitudeDegrees"), "a latitude")
        longitude = number(child_text(position, "LongitudeDegrees"), "a longitude")
    heart_rate_bpm = None
    heart_rate = trackpoint.get("HeartRateBpm")
    if heart_rate is not None:
        value = number(child_text(heart_rate, "Value"), "a heart rate")
        heart_rate_bpm = round(value) if value is not None and value > 0 else None
    return Sample(
        t_s=(time - start).total_seconds(),
        distance_m=number(_text(trackpoint, "DistanceMeters"), "a distance"),
        heart_rate_bpm=heart_rate_bpm,
        cadence_spm=_cadence_spm(trackpoint, sport),
        altitude_m=number(_text(trackpoint, "AltitudeMeters"), "an altitude"),
        latitude=latitude,
        longitude=longitude,
    )


def _cadence_spm(trackpoint: _Firsts, sport: str) -> float | None:
    for extension in trackpoint.extensions:
        for run_cadence in descendants(extension, "RunCadence"):
            strides = number(run_cadence.text, "a run cadence")
            # Garmin's RunCadence (ActivityExtension v2) counts strides per minute, one per
            # pair of steps: steps per minute is twice that.
            return None if strides is None else strides * 2
    cadence = number(_text(trackpoint, "Cadence"), "a cadence")
    if cadence is not None and sport == "running":
        # <Cadence> is pedal rpm in the schema, but Polar writes a run's cadence there, in
        # strides per minute (its M400 peaks at 95): steps per minute is twice that.
        return cadence * 2
    return cadence  # a ride's (or another sport's) rpm, kept as it is
