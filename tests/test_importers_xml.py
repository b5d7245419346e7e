"""GPX and TCX importers on every real sample file, checked against an independent reading."""

import codecs
import math
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

import pytest
from defusedxml import DefusedXmlException

from backstride.domain.activity import Activity
from backstride.importers.failure import ImportFailure
from backstride.importers.gpx import read_gpx
from backstride.importers.tcx import read_tcx

SAMPLES = Path(__file__).resolve().parent.parent.parent / "shared" / "samples"
if not SAMPLES.is_dir():
    pytest.skip(
        f"the shared sample activity files are not in this checkout ({SAMPLES})",
        allow_module_level=True,
    )

GPX_FILES = sorted(p for p in (SAMPLES / "gpx").iterdir() if p.is_file())
TCX_FILES = sorted(p for p in (SAMPLES / "tcx").iterdir() if p.is_file())
Reader = Callable[[bytes, str], list[Activity]]
READERS: list[tuple[Reader, str]] = [(read_gpx, "gpx"), (read_tcx, "TrainingCenterDatabase")]
CYCLING_GPX_TYPES = {"1", "cycling", "biking", "ride"}


# --- an independent reading: plain ElementTree, its own helpers, its own maths ---------------


def _local(tag: str) -> str:
    return tag.split("}")[-1]


def _kids(element: ET.Element, name: str) -> list[ET.Element]:
    return [node for node in element if _local(node.tag) == name]


def _text(element: ET.Element, name: str) -> str | None:
    for node in _kids(element, name):
        return (node.text or "").strip() or None
    return None


def _below(element: ET.Element, names: set[str]) -> list[float]:
    return [float(n.text or "nan") for n in element.iter() if _local(n.tag).lower() in names]


def _when(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _great_circle_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371008.8 * math.atan2(math.sqrt(h), math.sqrt(1 - h))


def _timed_trkpts(track: ET.Element) -> list[ET.Element]:
    return [
        point
        for segment in _kids(track, "trkseg")
        for point in _kids(segment, "trkpt")
        if _text(point, "time")
    ]


def _timed_trackpoints(activity: ET.Element) -> list[ET.Element]:
    return [tp for tp in activity.iter() if _local(tp.tag) == "Trackpoint" and _text(tp, "Time")]


def _plain_parse(data: bytes) -> ET.Element | None:
    try:
        return ET.fromstring(data)
    except ET.ParseError:
        return None


# --- every sample file -------------------------------------------------------------------


def test_every_sample_folder_has_files() -> None:
    assert len(GPX_FILES) >= 10
    assert len(TCX_FILES) >= 10


@pytest.mark.parametrize("path", GPX_FILES, ids=lambda p: p.name)
def test_gpx_sample_matches_an_independent_reading(path: Path) -> None:
    data = path.read_bytes()
    root = _plain_parse(data)
    if root is None:
        with pytest.raises(ImportFailure):
            read_gpx(data, path.name)
        return
    tracks = [track for track in _kids(root, "trk") if _timed_trkpts(track)]
    activities = read_gpx(data, path.name)
    assert len(activities) == len(tracks)
    for activity, track in zip(activities, tracks, strict=True):
        points = _timed_trkpts(track)
        times = [_when(_text(point, "time") or "") for point in points]
        assert activity.source == path.name
        assert len(activity.samples) == len(points)
        assert activity.start == times[0]
        assert activity.elapsed_s == pytest.approx((times[-1] - times[0]).total_seconds())
        assert [s.t_s for s in activity.samples] == pytest.approx(
            [(t - times[0]).total_seconds() for t in times]
        )
        coordinates = [
            (float(lat), float(lon))
            for point in points
            if (lat := point.get("lat")) is not None and (lon := point.get("lon")) is not None
        ]
        walked_m = sum(_great_circle_m(a, b) for a, b in pairwise(coordinates))
        assert activity.distance_m == pytest.approx(walked_m, rel=0.01, abs=0.5)
        heart_rates = [v for point in points for v in _below(point, {"hr", "heartrate"})]
        assert any(s.heart_rate_bpm for s in activity.samples) == any(v > 0 for v in heart_rates)


@pytest.mark.parametrize("path", TCX_FILES, ids=lambda p: p.name)
def test_tcx_sample_matches_an_independent_reading(path: Path) -> None:
    data = path.read_bytes()
    root = _plain_parse(data)
    if root is None:
        with pytest.raises(ImportFailure):
            read_tcx(data, path.name)
        return
    elements = [node for node in root.iter() if _local(node.tag) == "Activity"]
    activities = read_tcx(data, path.name)
    assert len(activities) == len(elements)
    for activity, element in zip(activities, elements, strict=True):
        points = _timed_trackpoints(element)
        times = [_when(_text(point, "Time") or "") for point in points]
        id_text = _text(element, "Id")
        assert activity.sport == {"Running": "running", "Biking": "cycling"}.get(
            element.get("Sport") or "", "unknown"
        )
        assert len(activity.samples) == len(points)
        without_gps = sum(not _kids(point, "Position") for point in points)
        assert sum(s.latitude is None for s in activity.samples) == without_gps
        assert activity.start == (_when(id_text) if id_text else times[0])
        lap_time_s = sum(
            float(_text(lap, "TotalTimeSeconds") or 0) for lap in _kids(element, "Lap")
        )
        span_s = (times[-1] - times[0]).total_seconds()
        assert activity.elapsed_s == pytest.approx(max(lap_time_s, span_s))
        distances = [float(d) for p in points if (d := _text(p, "DistanceMeters")) is not None]
        assert activity.distance_m == pytest.approx(distances[-1])
        assert activity.distance_m == pytest.approx(max(distances))
        heart_rates = [
            float(value)
            for point in points
            for bpm in _kids(point, "HeartRateBpm")
            if (value := _text(bpm, "Value")) is not None
        ]
        assert any(s.heart_rate_bpm for s in activity.samples) == any(v > 0 for v in heart_rates)


def test_the_malformed_tcx_raises_import_failure_not_a_python_error() -> None:
    data = (SAMPLES / "tcx" / "runpandas_malformed.tcx").read_bytes()
    with pytest.raises(ImportFailure, match="not valid XML"):
        read_tcx(data, "runpandas_malformed.tcx")


# --- cadence: strides per minute become steps per minute ---------------------------------


@pytest.mark.parametrize("path", TCX_FILES, ids=lambda p: p.name)
def test_tcx_cadence_is_in_steps_per_minute(path: Path) -> None:
    data = path.read_bytes()
    root = _plain_parse(data)
    if root is None:
        return  # the malformed file: covered above
    elements = [node for node in root.iter() if _local(node.tag) == "Activity"]
    for activity, element in zip(read_tcx(data, path.name), elements, strict=True):
        running = element.get("Sport") == "Running"
        expected: list[float | None] = []
        for point in _timed_trackpoints(element):
            strides = _below(point, {"runcadence"})
            cadence = _text(point, "Cadence")
            if strides:
                expected.append(strides[0] * 2)
            elif cadence is not None:
                expected.append(float(cadence) * (2 if running else 1))
            else:
                expected.append(None)
        assert [s.cadence_spm for s in activity.samples] == expected


def test_tcx_run_cadence_extension_is_doubled() -> None:
    data = (SAMPLES / "tcx" / "runpandas_run_garmin_fr620.tcx").read_bytes()
    (activity,) = read_tcx(data, "fr620.tcx")
    # The file's first trackpoint says <ns3:RunCadence>70</ns3:RunCadence>.
    assert activity.samples[0].cadence_spm == 140


@pytest.mark.parametrize("path", GPX_FILES, ids=lambda p: p.name)
def test_gpx_cad_is_doubled_except_on_a_ride(path: Path) -> None:
    data = path.read_bytes()
    root = _plain_parse(data)
    assert root is not None
    tracks = [track for track in _kids(root, "trk") if _timed_trkpts(track)]
    for activity, track in zip(read_gpx(data, path.name), tracks, strict=True):
        factor = 1 if (_text(track, "type") or "").lower() in CYCLING_GPX_TYPES else 2
        expected = []
        for point in _timed_trkpts(track):
            cadences = _below(point, {"cad", "cadence"})
            expected.append(cadences[0] * factor if cadences else None)
        assert [s.cadence_spm for s in activity.samples] == expected


def test_gpx_garmin_cad_is_doubled() -> None:
    data = (SAMPLES / "gpx" / "runpandas_garmin_connect_3pts.gpx").read_bytes()
    (activity,) = read_gpx(data, "garmin.gpx")
    assert activity.sport == "running"
    assert [s.cadence_spm for s in activity.samples][:2] == [140, 150]
    assert [s.heart_rate_bpm for s in activity.samples][:2] == [120, 125]


# --- GPX shapes ---------------------------------------------------------------------------


def test_a_gpx_with_only_a_route_gives_no_activity() -> None:
    assert read_gpx((SAMPLES / "gpx" / "gpxpy_route.gpx").read_bytes(), "route.gpx") == []
    route_only = (
        b'<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1" creator="t">'
        b'<wpt lat="1" lon="2"><time>2024-01-01T00:00:00Z</time></wpt>'
        b'<rte><rtept lat="1" lon="2"><time>2024-01-01T00:00:00Z</time></rtept></rte></gpx>'
    )
    assert read_gpx(route_only, "route-only.gpx") == []


def test_a_byte_order_mark_is_accepted() -> None:
    with_bom = (SAMPLES / "gpx" / "gpxpy_unicode_with_bom.gpx").read_bytes()
    assert with_bom.startswith(codecs.BOM_UTF8)
    assert read_gpx(with_bom, "bom.gpx") == []  # waypoints only
    plain = (SAMPLES / "gpx" / "runpandas_garmin_connect_3pts.gpx").read_bytes()
    assert read_gpx(codecs.BOM_UTF8 + plain, "x.gpx") == read_gpx(plain, "x.gpx")
    tcx = (SAMPLES / "tcx" / "runpandas_run_garmin_fr620.tcx").read_bytes()
    assert read_tcx(codecs.BOM_UTF8 + tcx, "x.tcx") == read_tcx(tcx, "x.tcx")


def test_an_empty_segment_is_skipped() -> None:
    data = (SAMPLES / "gpx" / "gpxpy_track-with-empty-segment.gpx").read_bytes()
    (activity,) = read_gpx(data, "empty-segment.gpx")
    assert len(activity.samples) == 9
    assert activity.elapsed_s == 76


def test_gpx_sport_and_offset() -> None:
    nike = (SAMPLES / "gpx" / "gpxpy_track-with-less-sec-time_nike.gpx").read_bytes()
    (run,) = read_gpx(nike, "nike.gpx")
    assert run.sport == "running"  # <type>run</type>
    assert run.start == datetime(2015, 12, 11, 14, 43, 13, tzinfo=UTC)  # 15:43:13+01:00
    assert run.local_offset_min == 60
    strava = (SAMPLES / "gpx" / "sweatpy_4078723797_strava.gpx").read_bytes()
    assert read_gpx(strava, "ride.gpx")[0].sport == "cycling"  # Strava's <type>1</type>


# --- hostile and broken input -------------------------------------------------------------


def _billion_laughs(root: str) -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    body = "\n".join(entities)
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE {root} [\n{body}\n]>\n<{root}>&lol9;</{root}>'.encode()
    )


def _quadratic_blowup(root: str) -> bytes:
    entity = "x" * 50_000
    refs = "&a;" * 50_000
    return f'<!DOCTYPE {root} [<!ENTITY a "{entity}">]><{root}>{refs}</{root}>'.encode()


def _external_entity(root: str) -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        f"<{root}>&xxe;</{root}>"
    ).encode()


def _external_dtd(root: str) -> bytes:
    return f'<!DOCTYPE {root} SYSTEM "http://127.0.0.1:9/evil.dtd"><{root}/>'.encode()


@pytest.mark.parametrize(
    "payload", [_billion_laughs, _quadratic_blowup, _external_entity, _external_dtd]
)
@pytest.mark.parametrize(("reader", "root"), READERS)
def test_entity_and_dtd_payloads_are_refused(
    reader: Reader, root: str, payload: Callable[[str], bytes]
) -> None:
    # Refused by defusedxml at the DOCTYPE, before any expansion or fetch: no time or memory
    # is spent (the cause is defusedxml's own exception, not an expat limit hit on the way).
    with pytest.raises(ImportFailure, match=r"DTD or entities \(unsafe XML\)") as failure:
        reader(payload(root), "evil")
    assert isinstance(failure.value.__cause__, DefusedXmlException)


@pytest.mark.parametrize(("reader", "root"), READERS)
@pytest.mark.parametrize(
    "data",
    [b"", b"not xml at all", b"<gpx><trk>", b'<?xml version="1.0" encoding="bogus"?><a/>'],
)
def test_broken_bytes_raise_import_failure(reader: Reader, root: str, data: bytes) -> None:
    with pytest.raises(ImportFailure, match="not valid XML"):
        reader(data, "broken")


def test_the_wrong_kind_of_file_is_named() -> None:
    gpx = (SAMPLES / "gpx" / "runpandas_garmin_connect_3pts.gpx").read_bytes()
    tcx = (SAMPLES / "tcx" / "runpandas_run_garmin_fr620.tcx").read_bytes()
    with pytest.raises(ImportFailure, match="not a TCX file"):
        read_tcx(gpx, "a.gpx")
    with pytest.raises(ImportFailure, match="not a GPX file"):
        read_gpx(tcx, "a.tcx")


@pytest.mark.parametrize(
    ("inner", "message"),
    [
        ("<time>yesterday</time>", "not an ISO 8601 time"),
        ("<time>0001-01-01T00:00:00+01:00</time>", "not an ISO 8601 time"),
        ("<time>2024-01-01T00:00:00Z</time><ele>high</ele>", "elevation 'high' is not a number"),
    ],
)
def test_bad_values_raise_import_failure(inner: str, message: str) -> None:
    data = f'<gpx><trk><trkseg><trkpt lat="1" lon="2">{inner}</trkpt></trkseg></trk></gpx>'
    with pytest.raises(ImportFailure, match=message):
        read_gpx(data.encode(), "bad.gpx")


def test_a_treadmill_tcx_keeps_points_without_gps() -> None:
    data = b"""<TrainingCenterDatabase
      xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
      xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
      <Activities><Activity Sport="Running"><Id>2024-03-01T07:00:00Z</Id>
        <Lap StartTime="2024-03-01T07:00:00Z"><TotalTimeSeconds>620</TotalTimeSeconds>
          <DistanceMeters>1500</DistanceMeters><Track>
          <Trackpoint><Time>2024-03-01T07:00:00Z</Time><HeartRateBpm><Value>90</Value>
            </HeartRateBpm><Extensions><ns3:TPX><ns3:RunCadence>80</ns3:RunCadence>
            </ns3:TPX></Extensions></Trackpoint>
          <Trackpoint><Time>2024-03-01T07:10:00Z</Time><HeartRateBpm><Value>150</Value>
            </HeartRateBpm></Trackpoint>
        </Track></Lap></Activity></Activities></TrainingCenterDatabase>"""
    (activity,) = read_tcx(data, "treadmill.tcx")
    assert activity.is_run
    assert len(activity.samples) == 2
    assert all(s.latitude is None for s in activity.samples)
    assert activity.samples[0].cadence_spm == 160
    assert activity.elapsed_s == 620  # the lap time, longer than the 600 s between points
    assert activity.distance_m == 1500  # no trackpoint distance: the laps' sum
