"""Activities as the importers return them: our own values, never a parsing library's objects."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple, overload


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


class SampleColumns(Sequence[Sample]):
    """Samples held as seven columns, as the readers build them and the database stores them.

    Reading a long run as columns and storing it as columns skips building one tuple per
    point and taking them apart again (bench/import_bench.py). It reads as a sequence of
    Samples and equals the tuple of the same Samples.
    """

    __slots__ = (
        "altitude_m",
        "cadence_spm",
        "distance_m",
        "heart_rate_bpm",
        "latitude",
        "longitude",
        "t_s",
    )

    def __init__(
        self,
        t_s: Sequence[float],
        distance_m: Sequence[float | None],
        heart_rate_bpm: Sequence[int | None],
        cadence_spm: Sequence[float | None],
        altitude_m: Sequence[float | None],
        latitude: Sequence[float | None],
        longitude: Sequence[float | None],
    ) -> None:
        columns = (distance_m, heart_rate_bpm, cadence_spm, altitude_m, latitude, longitude)
        if any(len(column) != len(t_s) for column in columns):
            raise ValueError("every sample column must be as long as the times")
        self.t_s = t_s
        self.distance_m = distance_m
        self.heart_rate_bpm = heart_rate_bpm
        self.cadence_spm = cadence_spm
        self.altitude_m = altitude_m
        self.latitude = latitude
        self.longitude = longitude

    @classmethod
    def of(cls, samples: "Samples") -> "SampleColumns":
        """These samples as columns (themselves when they already are)."""
        if isinstance(samples, SampleColumns):
            return samples
        if not samples:
            return cls([], [], [], [], [], [], [])
        return cls(*(list(column) for column in zip(*samples, strict=True)))

    def columns(self) -> tuple[Sequence[float | None], ...]:
        """The seven columns in Sample's field order."""
        return (
            self.t_s,
            self.distance_m,
            self.heart_rate_bpm,
            self.cadence_spm,
            self.altitude_m,
            self.latitude,
            self.longitude,
        )

    def __len__(self) -> int:
        return len(self.t_s)

    @overload
    def __getitem__(self, index: int) -> Sample: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Sample, ...]: ...

    def __getitem__(self, index: int | slice) -> Sample | tuple[Sample, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        return Sample(*(column[index] for column in self.columns()))  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[Sample]:
        return map(Sample, *self.columns())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SampleColumns | tuple):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"SampleColumns({len(self)} samples)"


Samples = tuple[Sample, ...] | SampleColumns
"""What an activity's samples may be: a tuple of Samples or the same as columns."""


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
    samples: Samples
    name: str | None = None

    def __post_init__(self) -> None:
        if self.start.tzinfo is None:
            raise ValueError("an activity's start must carry a time zone (UTC)")

    @property
    def is_run(self) -> bool:
        """Running of any kind (road, trail, treadmill, track)."""
        return self.sport == "running"
