"""A fast TCX reader for the shape nearly every device writes; other shapes go to ElementTree.

Building an ElementTree and walking it in Python, element by element, is what made TCX the
slowest format to import. This reader lets expat check the whole file first (well-formed,
namespaces bound, UTF-8, no handler called), then one compiled pattern takes each common
trackpoint in a single match and a short loop follows the tags around them. The argument
for its exactness rests on that check and on these gates: the file is UTF-8 or ASCII and
holds no '<!' at all (no DTD, comment or CDATA section), no processing instruction after the
XML declaration and no reference ('&'). In such a file every '<' opens a tag and every text
is the very characters written, so the patterns cannot be fooled by markup hidden in text.
Whatever they do not take exactly (another trackpoint layout, an <Activity> outside
TrainingCenterDatabase/Activities, a MultiSportSession, a value with children, a file expat
rejects) returns None and the ElementTree reader reads the file instead: both give the same
result on every file this one accepts (tests/test_tcx_scan.py).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter

from backstride.importers.xml_safety import well_formed

_S = r"[ \t\r\n]*"  # XML white space; \s would also take Unicode spaces
_PREFIX = r"(?:[^ \t\r\n/<>:=]+:)?"  # an optional namespace prefix, as in <ns3:TPX>
# The attributes of a tag expat has accepted: each a name, '=' and a quoted value (which may
# hold a '>', so a tag cannot be taken as '<' up to the next '>').
_ATTRIBUTES = r"(?:[ \t\r\n]+[^ \t\r\n=/>]+" + _S + "=" + _S + r"(?:\"[^\"]*\"|'[^']*'))*"
_ATTRIBUTE = re.compile(r"([^ \t\r\n=]+)" + _S + "=" + _S + r"(?:\"([^\"]*)\"|'([^']*)')")


def _leaf(name: str, group: bool = True) -> str:
    """<name>text</name> or <name/>, no attribute or child: the text is the group."""
    text = r"([^<]*)" if group else r"[^<]*"
    return r"<" + _PREFIX + name + _S + r"(?:/>|>" + text + r"</" + _PREFIX + name + _S + r">)" + _S


_RUN_CADENCE = r"<" + _PREFIX + r"RunCadence(?=[ \t\r\n/>])"
_EXTENSIONS_END = r"</" + _PREFIX + r"Extensions[ \t\r\n>]"
# Any start tag whose local name is Activity: ElementTree's reader takes those wherever they
# are, so one inside <Extensions> (the only part of a trackpoint not read tag by tag) makes
# the point fail to match.
_ACTIVITY_TAG = r"(?:[^ \t\r\n/<>]*:)?Activity[ \t\r\n/>]"
# A look-ahead from the start of <Extensions>' content to the first <RunCadence> in it, at
# any depth, as the ElementTree reader looks: its tag is the first group (empty when there
# is none) and its text the second. A first one with a child fails the point.
_FIRST_RUN_CADENCE = (
    r"(?=(?:[^<]*+(?!" + _EXTENSIONS_END + "|" + _RUN_CADENCE + r")<)*+[^<]*+"
    r"(?:</|(" + _RUN_CADENCE + r")" + _ATTRIBUTES + _S + r"(?:/>|>([^<]*)</)))"
)
# What <Extensions> holds, up to its end tag. A nested <Extensions> makes the point fail to
# match, as its end tag comes first. Possessive: no backtracking into it.
_EXTENSIONS_BODY = r"[^<]*+(?:<(?!" + _EXTENSIONS_END[1:] + "|" + _ACTIVITY_TAG + r")[^<]*+)*+"
# The common trackpoint: its children in the order of the TCX schema, each optional and at
# most once (so the first of each name is the only one). Groups: a marker, then time,
# latitude, longitude, altitude, distance, heart rate, cadence, the RunCadence tag and its
# text.
_POINT = "".join(
    [
        r"(<)" + _PREFIX + r"Trackpoint" + _S + ">" + _S,
        r"(?:" + _leaf("Time") + r")?",
        r"(?:<" + _PREFIX + r"Position" + _S + ">" + _S,
        r"(?:" + _leaf("LatitudeDegrees") + r")?",
        r"(?:" + _leaf("LongitudeDegrees") + r")?",
        r"</" + _PREFIX + r"Position" + _S + ">" + _S + r")?",
        r"(?:" + _leaf("AltitudeMeters") + r")?",
        r"(?:" + _leaf("DistanceMeters") + r")?",
        r"(?:<" + _PREFIX + r"HeartRateBpm" + _ATTRIBUTES + _S + ">" + _S,
        r"(?:" + _leaf("Value") + r")?",
        r"</" + _PREFIX + r"HeartRateBpm" + _S + ">" + _S + r")?",
        r"(?:" + _leaf("Cadence") + r")?",
        r"(?:" + _leaf("SensorState", group=False) + r")?",
        r"(?:<" + _PREFIX + r"Extensions" + _S + ">",
        _FIRST_RUN_CADENCE,
        _EXTENSIONS_BODY,
        r"</" + _PREFIX + r"Extensions" + _S + ">" + _S + r")?",
        r"</" + _PREFIX + r"Trackpoint" + _S + ">",
    ]
)
_POINT_GROUPS = 10
_POINT_ALONE = re.compile(_POINT)
# Any other tag (slash, name, attributes, '/' of an empty element) and the text after it;
# then a '<' that starts none of these, which no well-formed file here holds.
_TAG = r"<(/?)([^ \t\r\n/>]+)(" + _ATTRIBUTES + ")" + _S + r"(/?)>([^<]*)|(<)"
_TEXT_RUN = re.compile(r">([^<]*)<")
# A file this long or longer (some 100 trackpoints) gets patterns of its own (see _template).
_TEMPLATE_FROM_CHARS = 30_000
_TEMPLATE_AT = (0.5, 0.25, 0.75)  # where in the file the layouts are taken from
_DECLARATION = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:<\?xml[ \t\r\n][^>]*?\?>)?")
_ENCODING = re.compile(rb"\sencoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_UTF8_NAMES = frozenset({b"utf-8", b"utf8", b"us-ascii", b"ascii"})
_ROOT = "TrainingCenterDatabase"

RawPoint = tuple[str, ...]
"""A trackpoint's texts as written ('' where absent): time, latitude, longitude, altitude,
distance, heart rate, cadence, the RunCadence tag (non-empty when there is one), its text."""


@dataclass(slots=True)
class RawLap:
    """A <Lap>'s StartTime and the text of its first <TotalTimeSeconds>, <DistanceMeters>."""

    start_time: str | None
    total_time: str | None = None
    distance: str | None = None
    seen: set[str] = field(default_factory=set)


@dataclass(slots=True)
class RawActivity:
    """An <Activity>'s Sport, its first <Id>'s text, its laps and the points of their tracks."""

    sport: str | None
    id_text: str | None = None
    has_id: bool = False
    laps: list[RawLap] = field(default_factory=list)
    points: list[RawPoint] = field(default_factory=list)


class _OtherShape(Exception):
    """The file has a shape these patterns do not read exactly: ElementTree will."""


def scan_tcx(data: bytes) -> list[RawActivity] | None:
    """The activities of a TCX file of the common shape, as texts; None when ElementTree
    must read it (any other shape, anything unsafe or not well-formed)."""
    body_at = _plain_body(data)  # the gates come first: expat never sees a DTD here
    if body_at is None or not well_formed(data):
        return None
    try:
        text = str(memoryview(data)[body_at:], "utf-8")  # no copy of the bytes first
    except UnicodeDecodeError:  # expat checks UTF-8 too: a difference goes to the safe path
        return None
    try:
        return _read_tokens(text)
    except _OtherShape:
        return None


def _plain_body(data: bytes) -> int | None:
    """Where the elements start, if the file passes the gates that make the patterns exact."""
    if b"\x00" in data[:4] or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None  # UTF-16 or UTF-32: the patterns are for ASCII-based text
    declaration = _DECLARATION.match(data)
    body_at = declaration.end() if declaration else 0
    encoding = _ENCODING.search(data, 0, body_at)
    if encoding and encoding.group(1).lower() not in _UTF8_NAMES:
        return None
    # '&', '!' and '?' are rare in these files and found at memory speed; '<' is everywhere.
    if b"&" in data or (b"!" in data and b"<!" in data):
        return None  # a reference, DTD, comment or CDATA section
    if data.find(b"?", body_at) != -1 and data.find(b"<?", body_at) != -1:
        return None  # a processing instruction
    return body_at


def _read_tokens(text: str) -> list[RawActivity]:
    """Follows the tags as the ElementTree reader walks them, trackpoints in one match each."""
    activities: list[RawActivity] = []
    path: list[str] = []
    capture: tuple[str, int, str] | None = None  # what is read, at which depth, its text
    activity: RawActivity | None = None
    lap: RawLap | None = None
    in_track = False  # in TrainingCenterDatabase/Activities/Activity/Lap/Track
    tokens, templates = _tokens_for(text)
    # Token layout: each template's marker, empty group and fields; the common trackpoint's
    # marker and fields; a tag's slash, name, attributes, '/', following text; a stray '<'.
    slash_at = tokens.groups - 6
    point_at = slash_at - _POINT_GROUPS
    for token in tokens.findall(text):
        point: RawPoint | None = None
        for marker, from_template in templates:
            if token[marker]:
                point = from_template(token)
                break
        else:
            if token[point_at]:
                point = token[point_at + 1 : slash_at]
        if point is not None:
            if capture is not None:
                raise _OtherShape("a trackpoint inside a value")
            if in_track and activity is not None:
                activity.points.append(point)
            continue  # a trackpoint elsewhere: not one of an activity's
        slash, name, attributes, empty, after, stray = token[slash_at:]
        if stray:
            raise _OtherShape("a '<' that starts no tag the patterns know")
        if name.count(":") > 1:
            raise _OtherShape("a name with two colons")
        local = name.rpartition(":")[2]
        if slash:
            if capture is not None:
                if capture[1] != len(path):
                    raise _OtherShape("a value with children")
                _keep(activity, lap, capture[0], capture[2])
                capture = None
            path.pop()
        else:
            if capture is not None:
                raise _OtherShape("a value with children")
            path.append(local)
            depth = len(path)
            if local == "Activity":
                if depth != 3 or path[1] != "Activities":
                    raise _OtherShape("an activity outside TrainingCenterDatabase/Activities")
                activity = RawActivity(_attribute(attributes, "Sport"))
                activities.append(activity)
            elif depth == 1:
                if local != _ROOT:
                    raise _OtherShape("not a TCX root: the ElementTree reader says so")
            elif depth == 4 and path[2] == "Activity" and activity is not None:
                if local == "Lap":
                    lap = RawLap(_attribute(attributes, "StartTime"))
                    activity.laps.append(lap)
                elif local == "Id" and not activity.has_id:
                    activity.has_id = True
                    capture = ("Id", depth, after)
            elif depth == 5 and path[3] == "Lap" and path[2] == "Activity" and lap is not None:
                if local in ("TotalTimeSeconds", "DistanceMeters") and local not in lap.seen:
                    lap.seen.add(local)
                    capture = (local, depth, after)
            elif depth == 6 and local == "Trackpoint" and in_track and not empty:
                raise _OtherShape("a trackpoint of another shape")
            if empty:
                if capture is not None:
                    _keep(activity, lap, capture[0], "")
                    capture = None
                path.pop()
        in_track = (
            len(path) == 5 and path[4] == "Track" and path[3] == "Lap" and path[2] == "Activity"
        )
    return activities  # expat has seen one root element, every tag closed


def _tokens_for(
    text: str,
) -> tuple[re.Pattern[str], list[tuple[int, Callable[[tuple[str, ...]], RawPoint]]]]:
    """The pattern for this file's tokens, and for each template in it the index of its
    marker in a token and how its match becomes a RawPoint."""
    layouts: list[tuple[str, tuple[int, ...]]] = []
    if len(text) >= _TEMPLATE_FROM_CHARS:
        # The first points of a recording often differ (no speed or heart rate yet): the
        # layouts are taken from the middle and the quarters of the file.
        for fraction in _TEMPLATE_AT:
            found = _POINT_ALONE.search(text, int(len(text) * fraction))
            layout = _template(text, found) if found else None
            if layout is not None and layout not in layouts:
                layouts.append(layout)
    pieces: list[str] = []
    templates: list[tuple[int, Callable[[tuple[str, ...]], RawPoint]]] = []
    offset = 0
    for pattern, fields in layouts:
        pieces.append(pattern)
        getter: Callable[[tuple[str, ...]], RawPoint] = itemgetter(*(offset + f for f in fields))
        templates.append((offset, getter))
        offset += re.compile(pattern).groups
    return re.compile("|".join((*pieces, _POINT, _TAG))), templates


def _template(text: str, first: re.Match[str]) -> tuple[str, tuple[int, ...]] | None:
    """A pattern of this common trackpoint's layout, its values made holes, and where in
    its groups each RawPoint field lands (1, the empty group, where that point had none);
    None when its values cannot be told from its tags.

    Writers repeat one trackpoint layout thousands of times; matching that layout as
    literal text is several times faster than the general pattern (on the 3,507-point
    Polar sample, measured while writing this: about 4 ms against 20 for the matching
    alone), and exact: a point that matches it has the very tags of this one, so the same
    elements hold its values, and its other texts sit where the general pattern takes any
    text. Any point that differs is taken by the general pattern.
    """
    start, end = first.span()
    block = text[start:end]
    if block.count("<") != block.count(">"):
        return None  # a '>' in an attribute: tags and text cannot be told apart
    # Groups 2-8 hold time..cadence (fields 0-6), 9 the RunCadence tag, 10 its text (field 8).
    field_of = {
        first.span(group): field
        for field, group in zip([*range(7), 8], [*range(2, 9), 10], strict=True)
        if first.start(group) != -1
    }
    pieces = [r"(<)()"]
    fields = [1] * 9
    if first.group(9):
        fields[7] = 0  # the marker, '<': this layout has a <RunCadence> in its extensions
    group = 2
    position = start + 1
    for run in _TEXT_RUN.finditer(text, start, end):
        run_start, run_end = run.span(1)
        pieces.append(re.escape(text[position:run_start]))
        field = field_of.get(run.span(1), -1)
        if field >= 0:
            pieces.append(r"([^<]*)")
            fields[field] = group
            group += 1
        elif text[run_start:run_end].strip(" \t\r\n"):
            pieces.append(r"[^<]*+")  # a value nobody reads (speed, sensor state...)
        else:
            pieces.append(r"[ \t\r\n]*+")
        position = run_end
    pieces.append(re.escape(text[position:end]))
    if any(fields[field] == 1 for field in field_of.values()):
        return None  # a value not in a text run of its own
    return "".join(pieces), tuple(fields)


def _keep(activity: RawActivity | None, lap: RawLap | None, what: str, value: str) -> None:
    """Where a value read between tags goes."""
    if what == "Id" and activity is not None:
        activity.id_text = value
    elif what == "TotalTimeSeconds" and lap is not None:
        lap.total_time = value
    elif what == "DistanceMeters" and lap is not None:
        lap.distance = value


def _attribute(attributes: str, wanted: str) -> str | None:
    """An unprefixed attribute's value, as expat gives it; a value with a tab or line end
    (which expat turns into spaces) is not read here."""
    for attribute in _ATTRIBUTE.finditer(attributes):
        if attribute.group(1) == wanted:
            value = attribute.group(2) if attribute.group(2) is not None else attribute.group(3)
            if any(character in value for character in "\t\r\n"):
                raise _OtherShape("an attribute value expat would normalise")
            return value
    return None
