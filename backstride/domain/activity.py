"""Activities as the importers return them: our own values, never a parsing library's objects."""

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple


class Sample(NamedTuple):
    """One recorded point: seconds since the start and whatever the device measured there.

    A named tuple rather than a frozen dataclass: a long run has tens of thousands of them,
    and a tuple is built several times faster (see bench/import_bench.py).
    """

    t_s: float
    distance_m: float | None = None
    heart_rate_bpm: int | None = None
    cadence_spm: float | None = None
    altitude_m: float | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True, slots=True)
class Activity:
    """One activity: when, what sport, how long and how far, and its samples in time order."""

    source: str
    sport: str
    sub_sport: str | None
    start: datetime
    local_offset_min: int | None
    elapsed_s: float
    distance_m: float | None
    samples: tuple[Sample, ...]
    name: str | None = None

    def __post_init__(self) -> None:
        if self.start.tzinfo is None:
            raise ValueError("an activity's start must carry a time zone (UTC)")

    @property
    def is_run(self) -> bool:
        """Running of any kind (road, trail, treadmill, track)."""
        return self.sport == "running"
