"""The general GPX reader: expat parse events, any shape of well-formed GPX, no tree built."""

from xml.parsers.expat import XMLParserType

from backstride.importers.failure import ImportFailure
from backstride.importers.gpx_tracks import RawGpx, RawTrack
from backstride.importers.xml_safety import parse_all, safe_parser

HEART_RATE_TAGS = frozenset({"hr", "heartrate"})
CADENCE_TAGS = frozenset({"cad", "cadence"})


def read_gpx_events(data: bytes) -> RawGpx:
    """Tracks and names from any GPX file, or an ImportFailure saying what is wrong with it."""
    parser = safe_parser()
    reader = _GpxReader(parser)
    parse_all(parser, data)
    if reader.root is None:
        raise ImportFailure("not valid XML: no element found")
    return reader.found


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
        self.found = RawGpx()
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
                self.found.tracks.append(RawTrack())
            elif local == "metadata":
                self.found.has_metadata = True
            elif local == "name" and self.found.root_name is None:
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
        if depth == self.point_depth:
            get = self.point.get
            point = (get("lat"), get("lon"), get("ele"), get("time"), get("hr"), get("cad"))
            self.found.tracks[-1].points.append(point)
            self.point_depth = 0
        self.path.pop()

    def _store(self, value: str | None) -> None:
        what = self.capture_what
        if what in ("time", "ele", "hr", "cad"):
            self.point[what] = value
        else:
            self.found.keep_name(what, value)
