"""What a GPX reader found, before any conversion: tracks of raw point texts and the names."""

from dataclasses import dataclass, field

# One <trkpt> as written: lat, lon, ele, time, heart rate, cadence. Each is the text of the
# first such attribute or element (bytes from the pattern reader, str from the event reader),
# or None where the point has none. Numbers and times are converted later, in one place.
RawText = str | bytes | None
RawPoint = tuple[RawText, RawText, RawText, RawText, RawText, RawText]


@dataclass(slots=True)
class RawTrack:
    """One <trk>: its first <name> and <type> child, and its points in document order."""

    name: str | None = None
    type: str | None = None
    named: bool = False  # only the first <name> and <type> child count, as in a tree lookup
    typed: bool = False
    points: list[RawPoint] = field(default_factory=list)


@dataclass(slots=True)
class RawGpx:
    """A whole GPX file as read: its tracks, and the names a track without one falls back on."""

    tracks: list[RawTrack] = field(default_factory=list)
    has_metadata: bool = False
    metadata_name: str | None = None
    root_name: str | None = None

    @property
    def file_name(self) -> str | None:
        """The file's own name: <metadata><name> (GPX 1.1) or the root's <name> (GPX 1.0)."""
        return self.metadata_name if self.has_metadata else self.root_name

    def keep_name(self, what: str, value: str | None) -> None:
        """Keeps the text of a name or type element where it belongs; the first one counts.

        `what` says which: 'root_name' (GPX 1.0), 'metadata_name', 'trk_name', 'trk_type'.
        """
        if what == "root_name":
            self.root_name = value
        elif what == "metadata_name":
            self.metadata_name = self.metadata_name or value
        elif self.tracks:
            track = self.tracks[-1]
            if what == "trk_name" and not track.named:
                track.name, track.named = value, True
            elif what == "trk_type" and not track.typed:
                track.type, track.typed = value, True
