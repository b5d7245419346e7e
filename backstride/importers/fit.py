"""FIT activity files to Activity values: one per session, multisport files split.

Units (FIT profile): positions in semicircles, altitude in 1/5 m above -500 m, distance in
cm, times in ms. Running cadence is stored as strides per minute plus a fractional part in
1/128: steps per minute are twice their sum (see `_cadence_spm`).
"""

from bisect import bisect_left, bisect_right
from datetime import UTC, datetime
from typing import TypeVar

from backstride.config import InputLimits
from backstride.domain.activity import Activity, SampleColumns
from backstride.importers.failure import ImportFailure, NotAnActivity
from backstride.importers.fit_messages import (
    FIT_EPOCH_S,
    FitMessages,
    check_rate,
    decode_messages,
)

ACTIVITY_FILE = 4  # file_id.type for an activity (FIT profile "file" enum)
FILE_TYPES = {1: "device", 2: "settings", 3: "sport", 5: "workout", 6: "course",
              9: "weight", 15: "monitoring", 28: "monitoring", 32: "monitoring"}  # fmt: skip
SPORTS = {
    0: "generic", 1: "running", 2: "cycling", 3: "transition", 4: "fitness_equipment",
    5: "swimming", 10: "training", 11: "walking", 12: "cross_country_skiing",
    13: "alpine_skiing", 15: "rowing", 16: "mountaineering", 17: "hiking", 18: "multisport",
    19: "paddling", 21: "e_biking", 30: "inline_skating", 35: "snowshoeing", 41: "kayaking",
}  # fmt: skip
SUB_SPORTS = {
    1: "treadmill", 2: "street", 3: "trail", 4: "track", 6: "indoor_cycling", 7: "road",
    8: "mountain", 17: "lap_swimming", 18: "open_water", 27: "indoor_walking",
    45: "indoor_running", 58: "virtual_activity",
}  # fmt: skip
SEMICIRCLE_DEG = 180 / 2**31
ON_FOOT = ("running", "walking", "hiking")
_T = TypeVar("_T")
END_SLACK_S = 1  # a session's last record may carry the second after its recorded end


def read_fit(data: bytes, source: str, limits: InputLimits | None = None) -> list[Activity]:
    """Every session in a FIT activity file as its own Activity, records assigned by time."""
    return read_fit_noted(data, source, limits)[0]


def read_fit_noted(
    data: bytes, source: str, limits: InputLimits | None = None
) -> tuple[list[Activity], str | None]:
    """The activities, and a note when part of the file was damaged and left out.

    Files with more sessions or records than the limits allow (per file, and per second of
    the time they cover) are refused with InputRefused before their samples are built.
    """
    found = decode_messages(data, limits)
    return _activities(found, source), found.note


def _activities(found: FitMessages, source: str) -> list[Activity]:
    if found.file_type is not None and found.file_type != ACTIVITY_FILE:
        kind = FILE_TYPES.get(found.file_type, f"type {found.file_type}")
        raise NotAnActivity(f"a FIT {kind} file, not an activity")
    offset_min = _local_offset_min(found)
    if not found.sessions:
        return _without_sessions(found, source, offset_min)
    activities = []
    records = _Records(found)
    for session in sorted(found.sessions, key=_session_start):
        activity = _session_activity(session, records, source, offset_min)
        if activity is not None:
            activities.append(activity)
    return activities


def _session_start(session: dict[str, object]) -> int:
    return _int(session.get("start_time")) or _int(session.get("timestamp")) or 0


def _session_activity(
    session: dict[str, object], records: "_Records", source: str, offset_min: int | None
) -> Activity | None:
    start = _session_start(session)
    if start == 0:
        return None
    elapsed_ms = _int(session.get("total_elapsed_time"))
    end = _int(session.get("timestamp")) or 0
    if elapsed_ms is not None:
        end = max(end, start + elapsed_ms // 1000)
    sport = _name(SPORTS, _int(session.get("sport")), "unknown")
    samples = records.samples(start, end + END_SLACK_S, sport)
    distance_cm = _int(session.get("total_distance"))
    distance = distance_cm / 100 if distance_cm is not None else _last_distance(samples)
    elapsed = elapsed_ms / 1000 if elapsed_ms is not None else float(end - start)
    return Activity(
        source=source,
        sport=sport,
        sub_sport=_name(SUB_SPORTS, _int(session.get("sub_sport")), None),
        start=_utc(start),
        local_offset_min=offset_min,
        elapsed_s=elapsed,
        distance_m=distance,
        samples=samples,
    )


def _without_sessions(found: FitMessages, source: str, offset_min: int | None) -> list[Activity]:
    # Some devices (and files cut off before their summary) have records but no session.
    stamps = found.record_stamps
    if len(stamps) < 2:
        return []  # a single point is no timed activity
    sport_message = found.sports[0] if found.sports else {}
    sport = _name(SPORTS, _int(sport_message.get("sport")), "unknown")
    start, end = min(stamps), max(stamps)
    samples = _Records(found).samples(start, end, sport)
    return [
        Activity(
            source=source,
            sport=sport,
            sub_sport=_name(SUB_SPORTS, _int(sport_message.get("sub_sport")), None),
            start=_utc(start),
            local_offset_min=offset_min,
            elapsed_s=float(end - start),
            distance_m=_last_distance(samples),
            samples=samples,
        )
    ]


class _Records:
    """The file's records as columns in our units, cut into sample columns per session."""

    def __init__(self, found: FitMessages) -> None:
        self.limits = found.limits
        self.stamps = found.record_stamps
        # Records in time order (file order among equal times), searched once per session.
        self.by_time = sorted(range(len(self.stamps)), key=self.stamps.__getitem__)
        self.sorted_stamps = [self.stamps[i] for i in self.by_time]
        column = found.record_column
        self.distance_m = _distances(column("distance"), column("compressed_speed_distance"))
        self.heart_rate = [
            v if isinstance(v, int) and v > 0 else None for v in column("heart_rate")
        ]
        self.cadence = _cadences(column("cadence"), column("fractional_cadence"))
        self.altitude_m = [
            e / 5 - 500 if isinstance(e, int) else a / 5 - 500 if isinstance(a, int) else None
            for e, a in zip(column("enhanced_altitude"), column("altitude"), strict=True)
        ]
        self.latitude, self.longitude = _positions(column("position_lat"), column("position_long"))

    def samples(self, start: int, end: int, sport: str) -> SampleColumns:
        """The records timed from start to end (inclusive), in file order."""
        low = bisect_left(self.sorted_stamps, start)
        high = bisect_right(self.sorted_stamps, end)
        check_rate(high - low, end - start, self.limits)
        chosen = sorted(self.by_time[low:high])

        def pick(values: list[_T]) -> list[_T]:
            if chosen and chosen[-1] - chosen[0] + 1 == len(chosen):  # one run of records
                return values[chosen[0] : chosen[-1] + 1]
            return [values[i] for i in chosen]

        # FIT stores on-foot cadence as strides (one per pair of steps) per minute, plus a
        # fractional part in 1/128: steps per minute are twice that. Rides keep their rpm.
        cadence = pick(self.cadence)
        if sport in ON_FOOT:
            cadence = [None if value is None else value * 2 for value in cadence]
        return SampleColumns(
            [float(stamp - start) for stamp in pick(self.stamps)],
            pick(self.distance_m),
            pick(self.heart_rate),
            cadence,
            pick(self.altitude_m),
            pick(self.latitude),
            pick(self.longitude),
        )


def _cadences(cadence: list[object], fraction: list[object]) -> list[float | None]:
    """Strides (or revolutions) per minute with their fractional part in 1/128."""
    return [
        None if not isinstance(c, int) else c + (f / 128 if isinstance(f, int) else 0.0)
        for c, f in zip(cadence, fraction, strict=True)
    ]


def _positions(
    latitude: list[object], longitude: list[object]
) -> tuple[list[float | None], list[float | None]]:
    """Degrees from semicircles, None for both where either is missing."""
    both = [
        isinstance(lat, int) and isinstance(lon, int)
        for lat, lon in zip(latitude, longitude, strict=True)
    ]
    return (
        [lat * SEMICIRCLE_DEG if ok else None for lat, ok in zip(latitude, both, strict=True)],  # type: ignore[operator]
        [lon * SEMICIRCLE_DEG if ok else None for lon, ok in zip(longitude, both, strict=True)],  # type: ignore[operator]
    )


def _distances(distance: list[object], packed: list[object]) -> list[float | None]:
    rolling = _RollingDistance()
    return [
        d / 100 if isinstance(d, int) else rolling.add(p) if isinstance(p, bytes) else None
        for d, p in zip(distance, packed, strict=True)
    ]


class _RollingDistance:
    """Distance from compressed_speed_distance: a 12-bit count of 1/16 m that wraps."""

    def __init__(self) -> None:
        self.total_m = 0.0
        self.last: int | None = None

    def add(self, packed: bytes) -> float | None:
        if len(packed) != 3 or packed == b"\xff\xff\xff":
            return None
        raw = (packed[1] >> 4) | (packed[2] << 4)
        if self.last is not None:
            self.total_m += ((raw - self.last) & 0xFFF) / 16
        self.last = raw
        return self.total_m


def _local_offset_min(found: FitMessages) -> int | None:
    for message in found.activities:
        local, utc = message.get("local_timestamp"), message.get("timestamp")
        if isinstance(local, int) and isinstance(utc, int) and utc:
            minutes = (local - utc) / 60
            if abs(minutes) <= 14 * 60:
                return round(minutes / 15) * 15  # offsets are whole quarter-hours
    return None


def _last_distance(samples: SampleColumns) -> float | None:
    distances = [d for d in samples.distance_m if d is not None]
    return distances[-1] if distances else None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _name(names: dict[int, str], value: int | None, missing: _T) -> str | _T:
    if value is None or (value == 0 and names is SUB_SPORTS):
        return missing  # sub-sport 0 is "generic": no sub-sport worth naming
    return names.get(value, f"sport {value}" if names is SPORTS else f"sub-sport {value}")


def _utc(fit_seconds: int) -> datetime:
    try:
        return datetime.fromtimestamp(FIT_EPOCH_S + fit_seconds, UTC)
    except (OverflowError, OSError, ValueError) as error:
        raise ImportFailure(f"the file has an impossible time ({fit_seconds})") from error
