"""Garmin TCX files to Activity values: one per <Activity>, indoor points without GPS kept."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from xml.etree.ElementTree import Element

from backstride.domain.activity import Activity, Sample, SampleColumns
from backstride.importers.failure import ImportFailure
from backstride.importers.tcx_scan import RawActivity, scan_tcx
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
    scanned = scan_tcx(data)  # the common shape, fast; None for anything else
    if scanned is not None:
        try:
            return activities_of(scanned, source)
        except ImportFailure:
            pass  # a value that does not read: the tree reader names it, as it always has
    return read_tcx_tree(data, source)


def read_tcx_tree(data: bytes, source: str) -> list[Activity]:
    """read_tcx by the safe XML parser and ElementTree alone: any file, any shape."""
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
    span = None
    if trackpoints:
        first = parse_utc(_text(trackpoints[0], "Time") or "")
        last = parse_utc(_text(trackpoints[-1], "Time") or "")
        span = (last - first).total_seconds()
    distances = [sample.distance_m for sample in samples]
    return _assembled(source, sport, (start_text, start), laps, span, distances, samples)


def _assembled(
    source: str,
    sport: str,
    started: tuple[str, datetime],
    laps: _Laps,
    span_s: float | None,
    distances_m: Sequence[float | None],
    samples: tuple[Sample, ...] | SampleColumns,
) -> Activity:
    """The activity both readers build: the laps' time unless the points span longer, and the
    device's last distance, else the laps' (`started`: the start as written and as read)."""
    elapsed_s = laps.total_time_s if span_s is None else max(laps.total_time_s, span_s)
    device_distances = [d for d in distances_m if d is not None]
    return Activity(
        source=source,
        sport=sport,
        sub_sport=None,
        start=started[1],
        local_offset_min=local_offset_min(started[0]),
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


def activities_of(scanned: list[RawActivity], source: str) -> list[Activity]:
    """The scanner's activities, converted as _activity converts the tree's, a column at a
    time: the same values, the same activities left out."""
    activities = []
    for raw in scanned:
        activity = _scanned_activity(raw, source)
        if activity is not None:
            activities.append(activity)
    return activities


def _scanned_activity(raw: RawActivity, source: str) -> Activity | None:
    """_activity step by step, on texts: every value it converts is converted here too, so a
    bad one raises here as there (and read_tcx then lets the tree reader name it)."""
    sport = sport_of(raw.sport)
    total_time_s = 0.0
    lap_distances: list[float] = []
    first_start: str | None = None
    for lap in raw.laps:
        first_start = first_start or lap.start_time
        total_time_s += number(_stripped(lap.total_time), "a lap time") or 0.0
        distance = number(_stripped(lap.distance), "a lap distance")
        if distance is not None:
            lap_distances.append(distance)
    laps = _Laps(total_time_s, sum(lap_distances) if lap_distances else None, first_start)
    points = [point for point in raw.points if point[0].strip()]  # timed points only
    times = [point[0].strip() for point in points]
    start_text = _stripped(raw.id_text) or laps.first_start
    if start_text is None and points:
        start_text = times[0]
    if start_text is None:
        return None  # nothing in it says when it happened
    start = parse_utc(start_text)
    moments = [parse_utc(when) for when in times]
    (
        _,
        lat_texts,
        lon_texts,
        alt_texts,
        distance_texts,
        hr_texts,
        cad_texts,
        run_tags,
        run_texts,
    ) = zip(*points, strict=True) if points else ((),) * 9
    run_cadences = _numbers(run_texts, "a run cadence")
    # <Cadence> counts only where no <RunCadence> is: the tree reader never reads it there.
    cadences = _numbers(
        [text if not tag else "" for text, tag in zip(cad_texts, run_tags, strict=True)],
        "a cadence",
    )
    cadence_factor = 2 if sport == "running" else 1
    distances_m = _numbers(distance_texts, "a distance")
    samples = SampleColumns(
        [(moment - start).total_seconds() for moment in moments],
        distances_m,
        [
            round(bpm) if bpm is not None and bpm > 0 else None
            for bpm in _numbers(hr_texts, "a heart rate")
        ],
        [
            (None if strides is None else strides * 2)
            if tag
            else (None if cadence is None else cadence * cadence_factor)
            for tag, strides, cadence in zip(run_tags, run_cadences, cadences, strict=True)
        ],
        _numbers(alt_texts, "an altitude"),
        _numbers(lat_texts, "a latitude"),
        _numbers(lon_texts, "a longitude"),
    )
    span = (moments[-1] - moments[0]).total_seconds() if moments else None
    return _assembled(source, sport, (start_text, start), laps, span, distances_m, samples)


def _stripped(text: str | None) -> str | None:
    """As child_text makes an element's text: stripped, None when empty."""
    return None if text is None else text.strip() or None


def _numbers(texts: Sequence[str], what: str) -> list[float | None]:
    """Every text of a column as number() reads it, in one pass when all are plain numbers
    (float() ignores the white space around a number, as number() does)."""
    if not any(texts):
        return [None] * len(texts)
    try:
        values: list[float | None] = list(map(float, texts))
    except ValueError:  # a blank, absent or bad value: one at a time
        return [number(text, what) for text in texts]
    if all(map(math.isfinite, values)):  # type: ignore[arg-type]
        return values
    return [number(text, what) for text in texts]
