"""A client's timeline: screenings, check-ins, pain, sessions and runs as one list, newest first."""

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

TimelineKind = Literal["screening", "check_in", "pain", "session", "run"]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One thing that happened, with a line saying what."""

    at: datetime
    kind: TimelineKind
    summary: str


def timeline(entries: list[TimelineEntry], limit: int = 200) -> list[TimelineEntry]:
    """The entries newest first (ties keep their kind's order), at most `limit` of them."""
    return sorted(entries, key=lambda entry: entry.at, reverse=True)[:limit]
