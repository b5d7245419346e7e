"""Distances, paces and speeds in the runner's units (km or mi), as numbers and as text."""

from typing import Literal

Units = Literal["km", "mi"]
METRES_PER: dict[Units, float] = {"km": 1000.0, "mi": 1609.344}
SPEED_SPORTS = frozenset({"cycling", "e_biking", "inline_skating"})
"""Sports whose people speak of speed rather than pace."""


def distance_in(distance_m: float, units: Units) -> float:
    """A distance in the runner's units."""
    return distance_m / METRES_PER[units]


def distance_text(distance_m: float | None, units: Units) -> str:
    """A distance such as "10.02 km"; "-" when there is none worth showing (under 10 m)."""
    if distance_m is None or distance_m < 10:
        return "-"
    return f"{distance_in(distance_m, units):.2f} {units}"


def clock_text(seconds: float) -> str:
    """A duration as m:ss, or h:mm:ss from an hour."""
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def pace_or_speed_text(
    sport: str, distance_m: float | None, moving_s: float | None, units: Units
) -> str:
    """Pace per km or mile ("5:12 /km"), or speed for cycling-like sports ("24.3 km/h")."""
    if distance_m is None or distance_m < 10 or not moving_s:
        return "-"
    distance = distance_in(distance_m, units)
    if sport in SPEED_SPORTS:
        per_hour = "km/h" if units == "km" else "mph"
        return f"{distance / (moving_s / 3600):.1f} {per_hour}"
    return f"{clock_text(moving_s / distance)} /{units}"
