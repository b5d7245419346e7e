"""An imported activity as the record lists it: its summary numbers, without the samples."""

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class StoredActivity:
    """An activity as listed: its summary numbers, without the samples."""

    id: str
    source: str
    start: datetime
    local_offset_min: int | None
    sport: str
    sub_sport: str | None
    elapsed_s: float
    moving_s: float | None
    distance_m: float | None
    summary: dict[str, Any]
    """The stored metrics document; read it through the typed properties below."""

    def _number(self, key: str) -> float | None:
        value = self.summary.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return float(value) if math.isfinite(value) else None

    @property
    def avg_pace_s_per_km(self) -> float | None:
        """Moving (else elapsed) time over distance, when both are known."""
        return self._number("avg_pace_s_per_km")

    @property
    def avg_cadence_spm(self) -> float | None:
        """Mean cadence in steps per minute, when the device recorded it."""
        return self._number("avg_cadence_spm")

    @property
    def avg_hr_bpm(self) -> float | None:
        """Mean heart rate, when the device recorded it."""
        return self._number("avg_hr_bpm")

    @property
    def elevation_gain_m(self) -> float | None:
        """Metres climbed, when the file has altitudes."""
        return self._number("elevation_gain_m")

    @property
    def name(self) -> str | None:
        """The activity's own name (a Strava title), if it has one."""
        value = self.summary.get("name")
        return value if isinstance(value, str) else None
