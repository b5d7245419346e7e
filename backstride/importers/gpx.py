"""GPX 1.0/1.1 files to Activity values: one per track that has timed points."""

import math
from dataclasses import dataclass, field
from datetime import datetime
from xml.parsers.expat import XMLParserType

from backstride.domain.activity import Activity, Sample
from backstride.importers.failure import ImportFailure
from backstride.importers.timestamps import local_offset_min, parse_utc
from backstride.importers.xml_safety import number, parse_all, safe_parser

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
    "hiking": "hiking",  # as FIT and Strava name it
    "hike": "hiking",
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
    parser = safe_parser()
    reader = _GpxReader(parser)
    parse_all(parser, data)
    if reader.root is None:
        raise ImportFailure("not valid XML: no element found")
    file_name = reader.metadata_name if reader.has_metadata else reader.root_name
    activities = []
    for track in reader.tracks:
        activity = _activity(track, source, file_name)
        if activity is not None:
            activities.append(activity)
    return activities


@dataclass(slots=True)
class _Track:
    name: str | None = None
    type: str | None = None
    named: bool = False  # only the first <name> and <type> child count, as in a tree lookup
    typed: bool = False
    points: list[_Point] = field(default_factory=list)


class _GpxReader:
    """Collects tracks and points from parse events: no tree is built (it is 3x faster)."""

    def __init__(self, parser: XMLParserType) -> None:
        # Text is only wanted inside a few elements: the handler is set for those alone, which
        # spares a call for every stretch of whitespace between elements.
        self.parser = parser
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        self.root: str | None = None
        self.path: list[str] = []
        self.names: dict[str, str] = {}  # 'namespace}local' -> 'local', computed once each
        self.tracks: list[_Track] = []
        self.has_metadata = False
        self.metadata_name: str | None = None
        self.root_name: str | None = None
        self.capture: list[str] | None = None
        self.capture_what = ""
        self.capture_depth = 0
        self.point_depth = 0  # > 0 inside a <trkpt> at that depth
        self.point: dict[str, str | None] = {}

    def _local(self, name: str) -> str:
        local = self.names.get(name)
        if local is None:
            local = self.names[name] = name.rsplit("}", 1)[-1]
        return local

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = self._local(name)
        path = self.path
        path.append(local)
        depth = len(path)
        if depth == 1:
            if local != "gpx":
                raise ImportFailure(f"not a GPX file (its root is <{local}>)")
            self.root = local
        elif self.point_depth:
            self._inside_point(local, depth)
        elif local == "trkpt" and depth == 4 and path[2] == "trkseg" and path[1] == "trk":
            self.point_depth = depth
            self.point = {"lat": attributes.get("lat"), "lon": attributes.get("lon")}
        elif depth == 2:
            if local == "trk":
                self.tracks.append(_Track())
            elif local == "metadata":
                self.has_metadata = True
            elif local == "name" and self.root_name is None:
                self._begin("root_name", depth)
        elif depth == 3 and local in ("name", "type") and path[1] in ("trk", "metadata"):
            self._begin(f"{path[1]}_{local}", depth)

    def _inside_point(self, local: str, depth: int) -> None:
        point = self.point
        if depth == self.point_depth + 1:
            if local in ("time", "ele") and local not in point:
                self._begin(local, depth)
        elif self.path[self.point_depth] == "extensions":
            lowered = local.lower()
            if lowered in HEART_RATE_TAGS and "hr" not in point:
                self._begin("hr", depth)
            elif lowered in CADENCE_TAGS and "cad" not in point:
                self._begin("cad", depth)

    def _begin(self, what: str, depth: int) -> None:
        self.parser.CharacterDataHandler = self.text
        self.capture = []
        self.capture_what = what
        self.capture_depth = depth

    def text(self, data: str) -> None:
        if self.capture is not None:
            self.capture.append(data)

    def end(self, name: str) -> None:
        depth = len(self.path)
        if self.capture is not None and depth == self.capture_depth:
            self._store("".join(self.capture).strip() or None)
            self.capture = None
            self.parser.CharacterDataHandler = None
        elif self.capture is not None and depth > self.capture_depth:
            pass  # a child inside the captured element: only the text before it counts
        if depth == self.point_depth:
            point = _point(self.point)
            if point is not None:
                self.tracks[-1].points.append(point)
            self.point_depth = 0
        self.path.pop()

    def _store(self, value: str | None) -> None:
        what = self.capture_what
        if what in ("time", "ele", "hr", "cad"):
            self.point[what] = value
        elif what == "root_name":
            self.root_name = value
        elif what == "metadata_name":
            self.metadata_name = self.metadata_name or value
        elif self.tracks:
            track = self.tracks[-1]
            if what == "trk_name" and not track.named:
                track.name, track.named = value, True
            elif what == "trk_type" and not track.typed:
                track.type, track.typed = value, True


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


def _activity(track: _Track, source: str, file_name: str | None) -> Activity | None:
    points = track.points
    if not points:
        return None
    sport = sport_of(track.type)
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
        name=track.name or file_name,
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


def _point(raw: dict[str, str | None]) -> _Point | None:
    time_text = raw.get("time")
    if time_text is None:
        return None
    latitude = number(raw.get("lat"), "a latitude")
    longitude = number(raw.get("lon"), "a longitude")
    if latitude is not None and not -90 <= latitude <= 90:
        raise ImportFailure(f"the latitude {latitude} is outside -90..90")
    if longitude is not None and not -180 <= longitude <= 180:
        raise ImportFailure(f"the longitude {longitude} is outside -180..180")
    heart_rate = number(raw.get("hr"), "a heart rate")
    return _Point(
        time=parse_utc(time_text),
        time_text=time_text,
        latitude=latitude,
        longitude=longitude,
        altitude_m=number(raw.get("ele"), "an elevation"),
        # A heart rate of 0 means no strap contact (OpenTracks writes it on every point).
        heart_rate_bpm=round(heart_rate) if heart_rate is not None and heart_rate > 0 else None,
        cadence=number(raw.get("cad"), "a cadence"),
    )
