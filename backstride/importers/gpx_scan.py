"""A fast GPX reader for the shape nearly every device writes; other shapes go to the events.

Calling back into Python for each of the seven or so elements of every track point is what
made the event reader slow. This reader lets expat check the whole file first (well-formed,
namespaces bound, UTF-8, no handler called), then one compiled pattern takes each common
point in a single match. The argument for its exactness rests on that check and on these
gates: the file is UTF-8 or ASCII, it holds no '<!' but comments and CDATA sections (so no
DTD), no processing instruction after the XML declaration and no reference ('&') from the
first point on. In such a file every '<' outside a comment or CDATA opens a tag; those two
are read as tokens of their own between elements, and a point holding one does not match
the point patterns. So the patterns cannot be fooled by markup hidden in text. Whatever
they do not take exactly (another point shape, a <name> with children, a misplaced <trkpt>,
a file expat rejects) returns None, and the event reader reads the file instead: both
readers give the same result on every file this one accepts (tests/test_gpx_scan.py).
"""

import re
from collections.abc import Callable
from operator import itemgetter

from backstride.importers.gpx_tracks import RawGpx, RawPoint, RawTrack
from backstride.importers.xml_safety import well_formed

_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"  # an optional namespace prefix, as in <gpxtpx:hr>
_SPACE = rb"[ \t\r\n]*"


def _leaf(name: bytes) -> bytes:
    """<name>text</name> with no attribute or child: the text is group 1."""
    return rb"<" + _PREFIX + name + rb">([^<]*)</" + _PREFIX + name + _SPACE + rb">" + _SPACE


# Any other simple child of a point after <time> (GPX 1.0 speed and course, sat, hdop,
# name...): no child. Its text is not wanted.
_OTHER_LEAF = (
    rb"<" + _PREFIX + rb"(?!(?:ele|time|extensions|trkpt)[\s/>])[A-Za-z_][\w.-]*"
    rb"(?:\s[^>]*?)?(?:/>|>[^<]*</[^>]*>)" + _SPACE
)
# What <extensions> holds, up to its end tag; a nested <extensions> makes the point fail to
# match, as its end tag comes first, and so does a comment or CDATA inside (it could hide a
# value from the look-aheads below). Possessive and with one-byte classes: sre runs these
# several times faster than a [^<&] class (measured while writing this reader).
_EXTENSIONS_BODY = rb"[^<]*+(?:<(?!/" + _PREFIX + rb"extensions|!)[^<]*+)*+"


def _first_inside_extensions(names: bytes) -> bytes:
    """A look-ahead from the start of <extensions>' content to the first element with one of
    these names (any case, any prefix), the event reader's choice: its text is the group,
    empty when the element is empty or absent. The first having a child fails the point."""
    wanted = rb"<" + _PREFIX + rb"(?i:" + names + rb")"
    return (
        rb"(?=(?:[^<]*+(?!</" + _PREFIX + rb"extensions|" + wanted + rb"[\s/>])<)*+[^<]*+"
        rb"(?:</|" + wanted + rb"(?:\s[^>]*?)?(?:/>|>([^<]*)</)))"
    )


# The common point: its attributes, then <ele>, <time>, other leaves and one <extensions>,
# each optional, in the order the GPX schemas give. Groups: attributes, ele, time, heart
# rate (as Garmin's TrackPointExtension and others name it), cadence.
_POINT = b"".join(
    [
        rb"<" + _PREFIX + rb"trkpt(\s[^>]*)?>" + _SPACE,
        rb"(?:" + _leaf(rb"ele") + rb")?",
        rb"(?:" + _leaf(rb"time") + rb")?",
        rb"(?:" + _OTHER_LEAF + rb")*",
        rb"(?:<" + _PREFIX + rb"extensions>",
        _first_inside_extensions(rb"hr|heartrate"),
        _first_inside_extensions(rb"cad|cadence"),
        _EXTENSIONS_BODY,
        rb"</" + _PREFIX + rb"extensions" + _SPACE + rb">" + _SPACE + rb")?",
        rb"</" + _PREFIX + rb"trkpt" + _SPACE + rb">",
    ]
)
# Any other tag, and the text after it up to the next tag.
_TAG = rb"<(/?)([^\s/>]+)([^>]*)>([^<]*)"
# A comment, and the text after it; a CDATA section, its text and the text after it.
_COMMENT = rb"(<)!--[^-]*+(?:-(?!->)[^-]*+)*+-->([^<]*)"
_CDATA = rb"(<)!\[CDATA\[([^\]]*+(?:\](?!\]>)[^\]]*+)*+)\]\]>([^<]*)"
_POINT_ALONE = re.compile(_POINT)
_POINT_GROUPS = 5
# One attribute of a start tag, in a tag expat has accepted: name, then quoted value.
_ATTRIBUTE = re.compile(rb"([^\s=]+)" + _SPACE + rb"=" + _SPACE + rb"(\"[^\"]*\"|'[^']*')")
_TEXT_RUN = re.compile(rb">([^<]*)<")
# A file of this many points or more gets a pattern of its own (see _template).
_TEMPLATE_FROM_POINTS = 100
_NO_TEMPLATE = rb"(<)()(?!)"  # the same two groups as a template, never matching
_DTD_OR_OTHER = re.compile(rb"<!(?!--|\[CDATA\[)")  # a DOCTYPE: the event reader refuses it
_DECLARATION = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:<\?xml\s[^>]*?\?>)?")
_ENCODING = re.compile(rb"\sencoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_UTF8_NAMES = frozenset({b"utf-8", b"utf8", b"us-ascii", b"ascii"})
_REFERENCE = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


class _OtherShape(Exception):
    """The file has a shape these patterns do not read exactly: the event reader will."""


def scan_gpx(data: bytes) -> RawGpx | None:
    """Tracks and names of a GPX file of the common shape; None when the events must read it."""
    body_at = _plain_body(data)
    if body_at is None or not well_formed(data):
        return None
    try:
        return _read_tokens(data, body_at)
    except _OtherShape:
        return None


def _plain_body(data: bytes) -> int | None:
    """Where the elements start, if the file passes the gates that make the patterns exact."""
    if b"\x00" in data[:4] or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None  # UTF-16 or UTF-32: the byte patterns are for ASCII-based text
    declaration = _DECLARATION.match(data)
    body_at = declaration.end() if declaration else 0
    if declaration and body_at:
        encoding = _ENCODING.search(data, 0, body_at)
        if encoding and encoding.group(1).lower() not in _UTF8_NAMES:
            return None
    if _DTD_OR_OTHER.search(data) or data.find(b"<?", body_at) != -1:
        return None
    # A reference (&amp;, &#49;) stands for other text: the patterns take values as written,
    # so a reference from the first point on sends the file to the event reader. Names and
    # types before it are decoded (_text).
    first_point = data.find(b"trkpt", body_at)
    if first_point != -1 and data.find(b"&", first_point) != -1:
        return None
    return body_at


def _read_tokens(data: bytes, body_at: int) -> RawGpx:
    """Follows the tags as the event reader does (depths, first names), points in one match."""
    tokens, from_template = _tokens_for(data, body_at)
    found = RawGpx()
    path: list[bytes] = []
    capture: tuple[str, int, list[str]] | None = None  # what is read, at which depth, its text
    in_segment = False  # in gpx/trk/trkseg, where a <trkpt> is a point
    points: list[RawPoint] = []
    # Token layout: the template's marker, empty group and fields; the common point's
    # groups; a comment's marker and following text; a CDATA section's marker, text and
    # following text; a tag's slash, name, attributes and following text.
    slash_at = tokens.groups - 4
    cdata_at = slash_at - 3
    comment_at = cdata_at - 2
    point_at = comment_at - _POINT_GROUPS
    for token in tokens.findall(data, body_at):
        if token[0] or not (token[slash_at + 1] or token[comment_at] or token[cdata_at]):
            if not in_segment:
                raise _OtherShape("a <trkpt> outside gpx/trk/trkseg")
            if token[0]:
                points.append(from_template(token))
            else:
                points.append(_common_point(token[point_at:comment_at]))
            continue
        if token[comment_at] or token[cdata_at]:
            if capture is not None:  # text around them and inside CDATA is one text
                if token[cdata_at]:
                    capture[2].append(_text(token[cdata_at + 1], cdata=True))
                    capture[2].append(_text(token[cdata_at + 2]))
                else:
                    capture[2].append(_text(token[comment_at + 1]))
            continue
        slash, name, rest, text = token[slash_at:]
        local = name.rpartition(b":")[2]
        if slash:
            if capture is not None:
                if capture[1] != len(path):
                    raise _OtherShape("an element with children inside a <name> or <type>")
                found.keep_name(capture[0], "".join(capture[2]).strip() or None)
                capture = None
            path.pop()
        else:
            if capture is not None:
                raise _OtherShape("an element with children inside a <name> or <type>")
            if local == b"trkpt":
                raise _OtherShape("a track point of another shape")
            path.append(local)
            depth = len(path)
            empty = rest.endswith(b"/")
            what = _what(found, path, local, depth)
            if what == "trk":
                points = []
                found.tracks.append(RawTrack(points=points))
            elif what and empty:
                found.keep_name(what, None)
            elif what:
                capture = (what, depth, [_text(text)])
            if empty:
                path.pop()
        in_segment = len(path) == 3 and path[1] == b"trk" and path[2] == b"trkseg" and not capture
    return found  # expat has seen one root element, every tag closed


def _tokens_for(
    data: bytes, body_at: int
) -> tuple[re.Pattern[bytes], Callable[[tuple[bytes, ...]], RawPoint]]:
    """The pattern for this file's tokens, and how a template match becomes a RawPoint."""
    first = None
    if data.count(b"<trkpt", body_at) >= _TEMPLATE_FROM_POINTS:
        first = _POINT_ALONE.search(data, body_at)
    template, fields = _template(data, first) if first else (_NO_TEMPLATE, (1,) * 6)
    pattern = b"|".join((template, _POINT, _COMMENT, _CDATA, _TAG))
    return re.compile(pattern), itemgetter(*fields)


def _template(data: bytes, first: re.Match[bytes]) -> tuple[bytes, tuple[int, ...]]:
    """A pattern of the file's first common point, its values made holes, and where in a
    token each RawPoint field lands (1, the empty group, where that point had none).

    Writers repeat one point layout thousands of times; matching that layout as literal
    bytes is faster than the general point pattern (on the 8,357-point Strava sample,
    measured while writing this: 19 ms against 53 ms for the matching alone), and exact: a
    point that matches it has the very tags of the first, so the same elements hold its
    values. Any point that differs is taken by the general pattern.
    """
    start, end = first.span()
    block = data[start:end]
    if block.count(b"<") != block.count(b">"):
        return _NO_TEMPLATE, (1,) * 6  # a '>' in a value: tags and text cannot be told apart
    field_of = {first.span(g): g for g in range(2, 6) if first.start(g) != -1}  # ele..cad
    cuts = []
    if first.start(1) != -1:
        for attribute in _ATTRIBUTE.finditer(data, *first.span(1)):
            name, (value_start, value_end) = attribute.group(1), attribute.span(2)
            if name in (b"lat", b"lon"):
                # a hole for the value inside its quotes: field 0 (lat) or 1 (lon)
                cuts.append((value_start + 1, value_end - 1, 0 if name == b"lat" else 1))
    for run in _TEXT_RUN.finditer(data, start, end):
        cuts.append((*run.span(1), field_of.get(run.span(1), -1)))
    pieces = [rb"(<)()"]
    fields = [1] * 6
    group = 3
    position = start + 1
    for cut_start, cut_end, field in cuts:
        pieces.append(re.escape(data[position:cut_start]))
        if field >= 0:
            quote = data[cut_start - 1 : cut_start]
            pieces.append(rb"([^<]*)" if field > 1 else rb"([^" + quote + rb"]*)")
            fields[field] = group - 1
            group += 1
        elif data[cut_start:cut_end].strip(b" \t\r\n"):
            pieces.append(rb"[^<]*+")  # a value nobody reads (power, temperature...)
        else:
            pieces.append(rb"[ \t\r\n]*+")
        position = cut_end
    pieces.append(re.escape(data[position:end]))
    if any(fields[field] == 1 for field in field_of.values()):
        return _NO_TEMPLATE, (1,) * 6  # a value not in a text run of its own: no template
    return b"".join(pieces), tuple(fields)


def _common_point(groups: tuple[bytes, ...]) -> RawPoint:
    """A point taken by the general pattern: lat and lon from its attributes (None if not
    there, as expat gives them: unprefixed names only)."""
    attributes, ele, time, heart_rate, cadence = groups
    lat = lon = None
    for name, value in _ATTRIBUTE.findall(attributes):
        if name == b"lat":
            lat = value[1:-1]
        elif name == b"lon":
            lon = value[1:-1]
    return (lat, lon, ele, time, heart_rate, cadence)


def _what(found: RawGpx, path: list[bytes], local: bytes, depth: int) -> str:
    """What this start tag opens, as the event reader sees it: '' when nothing wanted."""
    if depth == 1:
        if local != b"gpx":
            raise _OtherShape("not a GPX root: the event reader says so")
        return ""
    if depth == 2:
        if local == b"trk":
            return "trk"
        if local == b"metadata":
            found.has_metadata = True
        elif local == b"name" and found.root_name is None:
            return "root_name"
        return ""
    if depth == 3 and local in (b"name", b"type") and path[1] in (b"trk", b"metadata"):
        return f"{path[1].decode()}_{local.decode()}"
    return ""


def _text(raw: bytes, cdata: bool = False) -> str:
    """Text as expat gives it: line ends made '\\n', references replaced (not in CDATA)."""
    text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text and not cdata:
        text = _REFERENCE.sub(_character, text)
    return text


def _character(reference: re.Match[str]) -> str:
    name = reference.group(1)
    if name.startswith("#x"):
        return chr(int(name[2:], 16))
    if name.startswith("#"):
        return chr(int(name[1:]))
    return _NAMED[name]
