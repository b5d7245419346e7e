"""The fast GPX pattern reader against the event reader: the same result on every file it takes."""

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xml_documents import SPACE, as_file, times

from backstride.domain.activity import Activity
from backstride.importers import gpx_scan
from backstride.importers.failure import ImportFailure
from backstride.importers.gpx import activities_of, read_gpx
from backstride.importers.gpx_events import read_gpx_events
from backstride.importers.gpx_scan import scan_gpx
from backstride.importers.gpx_tracks import RawGpx

SAMPLES = Path(__file__).resolve().parent.parent.parent / "shared" / "samples" / "gpx"
DATA = Path(__file__).resolve().parent / "data" / "activities"
EXAMPLES = int(os.environ.get("BACKSTRIDE_PROPERTY_EXAMPLES", "400"))
Outcome = tuple[str, list[Activity] | str]
GPX11 = "http://www.topografix.com/GPX/1/1"
TPX = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"


def _outcome(read: Callable[[], RawGpx | None]) -> Outcome | None:
    """What a reader makes of a file: its activities, or its error message; None: not taken."""
    try:
        found = read()
        return None if found is None else ("ok", activities_of(found, "t.gpx"))
    except ImportFailure as failure:
        return ("error", str(failure))


def _same_as_events(data: bytes) -> bool:
    """Asserts the fast reader, where it takes the file, agrees with the event reader."""
    fast = _outcome(lambda: scan_gpx(data))
    if fast is not None:
        assert fast == _outcome(lambda: read_gpx_events(data))
    return fast is not None


# --- real files ------------------------------------------------------------------------------


def _real_files() -> list[Path]:
    paths = sorted(SAMPLES.glob("*.gpx")) if SAMPLES.is_dir() else []
    return paths + sorted(DATA.glob("*.gpx"))


@pytest.mark.parametrize("path", _real_files(), ids=lambda p: p.name)
def test_every_real_file_reads_the_same_both_ways(path: Path) -> None:
    _same_as_events(path.read_bytes())


@pytest.mark.parametrize("template_from", [1, 100])
def test_the_common_writers_take_the_fast_path(
    template_from: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Strava, Garmin Connect, TomTom and Nike files: if these fell back, the speed would go.
    monkeypatch.setattr(gpx_scan, "_TEMPLATE_FROM_POINTS", template_from)
    names = [
        "sweatpy_4078723797_strava.gpx",
        "runpandas_run_tomtom.gpx",
        "runpandas_nike_run.gpx",
        "runpandas_stopped_example_strava.gpx",
        "gpxpy_track-with-less-sec-time_nike.gpx",
    ]
    paths = [SAMPLES / name for name in names if (SAMPLES / name).is_file()]
    paths.append(DATA / "runpandas_garmin_connect_3pts.gpx")
    for path in paths:
        assert _same_as_events(path.read_bytes()), path.name


def test_comments_and_cdata_between_elements_are_read_a_dtd_is_not() -> None:
    point = '<trkpt lat="1" lon="2"><time>2024-05-01T10:00:00Z</time></trkpt>'
    body = f"<trk><trkseg>{point}</trkseg></trk></gpx>"
    name = "a <!-- x --> b<![CDATA[<c> &amp; d]]> &amp; e"
    named = f"<trk><name>{name}</name><trkseg>{point}</trkseg></trk>"
    data = f'<gpx xmlns="{GPX11}"><!-- a note -->{named}</gpx>'.encode()
    assert _same_as_events(data)
    assert read_gpx(data, "t.gpx")[0].name == "a  b<c> &amp; d & e"
    # Inside a point, a comment could hide a heart rate: the event reader reads those files.
    hidden = point.replace("</trkpt>", "<extensions><!-- <hr>90</hr> --></extensions></trkpt>")
    assert (
        scan_gpx(f'<gpx xmlns="{GPX11}"><trk><trkseg>{hidden}</trkseg></trk></gpx>'.encode())
        is None
    )
    bomb = f'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaa">]><gpx>{body}'
    assert scan_gpx(bomb.encode()) is None
    with pytest.raises(ImportFailure, match="DTD or entities"):
        read_gpx(bomb.encode(), "bomb.gpx")


def test_a_reference_inside_a_point_is_read_as_the_character_it_stands_for() -> None:
    # '&#50;' is '2': the patterns take values as written, so such a file is not theirs.
    point = '<trkpt lat="1" lon="2"><time>&#50;024-05-01T10:00:00Z</time></trkpt>'
    data = f'<gpx xmlns="{GPX11}"><trk><name>A &amp; B</name><trkseg>{point}</trkseg></trk></gpx>'
    _same_as_events(data.encode())
    (activity,) = read_gpx(data.encode(), "t.gpx")
    assert activity.start.year == 2024
    assert activity.name == "A & B"


def test_cut_short_files_read_the_same_both_ways() -> None:
    data = (SAMPLES / "runpandas_nike_run.gpx").read_bytes() if SAMPLES.is_dir() else b""
    data = data or (DATA / "runpandas_garmin_connect_3pts.gpx").read_bytes()
    for cut in range(0, len(data), max(1, len(data) // 97)):
        assert not _same_as_events(data[:cut])  # never well-formed: always the event reader


# --- generated files -------------------------------------------------------------------------

NUMBERS = st.sampled_from(["45.5"] * 6 + [" 7.25 ", "-3", "", "abc", "nan", "1e2", "91", "0"])
TIMES = times(4)
PREFIX = st.sampled_from(["", "gpxtpx:", "ns3:"])


@st.composite
def _extensions(draw: st.DrawFn) -> str:
    """<extensions> with heart rate and cadence in the shapes writers use, and odd ones."""
    items = []
    for _ in range(draw(st.integers(0, 4))):
        name = draw(st.sampled_from(["hr", "HeartRate", "heartrate", "cad", "Cadence", "atemp"]))
        prefix = draw(PREFIX)
        shape = draw(st.sampled_from(["text"] * 8 + ["empty", "child", "attribute"]))
        value = draw(NUMBERS)
        if shape == "empty":
            items.append(f"<{prefix}{name}/>")
        elif shape == "child":
            items.append(f"<{prefix}{name}><x>1</x>{value}</{prefix}{name}>")
        elif shape == "attribute":
            items.append(f'<{prefix}{name} unit="x">{value}</{prefix}{name}>')
        else:
            items.append(f"<{prefix}{name}>{value}</{prefix}{name}>")
    space = draw(SPACE)
    body = space.join(items)
    if draw(st.booleans()):
        prefix = draw(PREFIX)
        body = f"<{prefix}TrackPointExtension>{space}{body}{space}</{prefix}TrackPointExtension>"
    if draw(st.integers(0, 19)) == 0:
        body = f"<extensions>{body}</extensions>"  # nested: the fast reader must not be fooled
    if draw(st.integers(0, 19)) == 0:
        body = f"<!-- <hr>99</hr> -->{body}"  # a commented-out value is no value
    if draw(st.integers(0, 19)) == 0:
        body = f"<![CDATA[<cad>99</cad>]]>{body}"
    return f"<extensions>{space}{body}{space}</extensions>"


@st.composite
def _point(draw: st.DrawFn) -> str:
    """A <trkpt> of the common shape most of the time, with the variations files show."""
    lat, lon = draw(NUMBERS), draw(NUMBERS)
    quote = draw(st.sampled_from(['"', "'"]))
    attributes = [f"lat={quote}{lat}{quote}", f"lon={quote}{lon}{quote}"]
    if draw(st.booleans()):
        attributes.reverse()
    if draw(st.integers(0, 9)) == 0:
        attributes.pop()  # no lat or no lon
    space = draw(SPACE)
    children = []
    for name in draw(
        st.sampled_from([["ele", "time"], ["ele", "time"], ["time"], ["time", "ele"], ["ele"]])
    ):
        value = draw(TIMES if name == "time" else NUMBERS)
        children.append(
            f"<{name}/>" if draw(st.integers(0, 19)) == 0 else f"<{name}>{value}</{name}>"
        )
    if draw(st.integers(0, 4)) == 0:
        children.append(draw(st.sampled_from(["<speed>3.1</speed>", "<sat>7</sat>", "<hdop/>"])))
    if draw(st.booleans()):
        children.append(draw(_extensions()))
    if draw(st.integers(0, 29)) == 0:
        children.insert(0, "<time>2024-05-01T09:59:59Z</time>")  # a second time: first counts
    inner = space.join(children)
    return f"<trkpt {' '.join(attributes)}>{space}{inner}{space}</trkpt>"


@st.composite
def _name(draw: st.DrawFn, tag: str) -> str:
    text = draw(
        st.sampled_from(
            ["Morning Run"] * 4
            + [" run ", "Run &amp; ride", "&#82;un", "", "<![CDATA[A & <b>]]> x", "a<!--c-->b"]
        )
    )
    shape = draw(st.sampled_from(["text"] * 8 + ["empty", "child"]))
    if shape == "empty":
        return f"<{tag}/>"
    if shape == "child":
        return f"<{tag}>{text}<b>x</b></{tag}>"
    return f"<{tag}>{text}</{tag}>"


@st.composite
def _gpx(draw: st.DrawFn) -> bytes:
    """A GPX file: a declaration or not, names, tracks, segments, points, and rare oddities."""
    space = draw(SPACE)
    parts = []
    if draw(st.booleans()):
        parts.append(f"<metadata>{draw(_name('name'))}</metadata>")
    if draw(st.integers(0, 4)) == 0:
        parts.append(draw(_name("name")))  # GPX 1.0 keeps the file's name at the root
    for _ in range(draw(st.integers(0, 3))):
        track = []
        if draw(st.booleans()):
            track.append(draw(_name("name")))
        if draw(st.booleans()):
            track.append(draw(_name("type")).replace(">run<", ">running<"))
        for _ in range(draw(st.integers(0, 2))):
            points = draw(st.lists(_point(), max_size=6))
            if points and draw(st.integers(0, 4)) == 0:
                points = points * draw(st.integers(2, 5))  # the same layout again and again
            track.append(f"<trkseg>{space}{space.join(points)}{space}</trkseg>")
        if draw(st.integers(0, 7)) == 0:
            track.append(draw(_point()))  # a <trkpt> straight in <trk>: not a point
        parts.append(f"<trk>{space}{space.join(track)}{space}</trk>")
    root = draw(st.sampled_from(["gpx"] * 12 + ["g:gpx"] * 4 + ["kml"]))
    namespaces = f'xmlns="{GPX11}" xmlns:gpxtpx="{TPX}" xmlns:ns3="{TPX}" xmlns:g="{GPX11}"'
    document = f"<{root} {namespaces}>{space}{space.join(parts)}{space}</{root}>"
    oddity = draw(st.integers(0, 29))
    if oddity == 0:
        document = document.replace("<trk>", "<trk><!-- note <trkpt> -->", 1)
    elif oddity == 5:
        document = document.replace("</ele>", "</ele><!-- - -->", 1)
    elif oddity == 1:
        document = document.replace(">2024-05-01", "><![CDATA[2024-05-01]]>", 1)
    elif oddity in (2, 3, 4):
        document = document.replace("<time>2024", "<time>&#50;024", 1)
    return as_file(draw, document)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_gpx(), template_from=st.sampled_from([1, 2, 100]))
def test_generated_files_read_the_same_both_ways(data: bytes, template_from: int) -> None:
    original = gpx_scan._TEMPLATE_FROM_POINTS
    gpx_scan._TEMPLATE_FROM_POINTS = template_from  # templates on small files too
    try:
        _same_as_events(data)
    finally:
        gpx_scan._TEMPLATE_FROM_POINTS = original


def test_every_variation_of_the_common_shape_takes_the_fast_path() -> None:
    # Not vacuous: prefixes, either quote, lon before lat, leaves after <time>, extensions
    # in any case and order, an empty element: all read by the patterns, not the events.
    points = [
        '<trkpt lat="1.5" lon="2.5"><ele>10</ele><time>2024-05-01T10:00:00Z</time></trkpt>',
        "<trkpt lon='2.6' lat='1.6'>\n <time>2024-05-01T10:00:01Z</time>\n</trkpt>",
        '<g:trkpt lat="1.7" lon="2.7"><g:time>2024-05-01T10:00:02Z</g:time><speed>3</speed>'
        "<sat/><extensions><ns3:TrackPointExtension><ns3:Cad>80</ns3:Cad><ns3:HR>140</ns3:HR>"
        "</ns3:TrackPointExtension></extensions></g:trkpt>",
        '<trkpt lat="1.8" lon="2.8"><time>2024-05-01T10:00:03Z</time>'
        '<extensions><heartrate/><hr>150</hr><cadence unit="rpm">81</cadence></extensions>'
        "</trkpt>",
    ]
    data = (
        f'<gpx xmlns="{GPX11}" xmlns:ns3="{TPX}" xmlns:g="{GPX11}"><metadata><name>A &amp; B'
        f"</name></metadata><trk><name>Run</name><type>running</type><trkseg>"
        f"{''.join(points * 30)}</trkseg></trk></gpx>"
    ).encode()
    assert _same_as_events(data)
    (activity,) = read_gpx(data, "t.gpx")
    assert activity.name == "Run"
    assert [s.heart_rate_bpm for s in activity.samples[:4]] == [None, None, 140, None]
    assert [s.cadence_spm for s in activity.samples[:4]] == [None, None, 160.0, 162.0]
