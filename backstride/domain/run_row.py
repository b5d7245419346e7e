"""One activity as a line of text in any list of runs: its start, distance, time, pace, cadence."""

from dataclasses import dataclass
from datetime import tzinfo

from backstride.domain.activity_record import StoredActivity
from backstride.domain.local_time import local_start
from backstride.domain.units import (
    Units,
    clock_text,
    distance_in,
    distance_text,
    pace_or_speed_text,
)


@dataclass(frozen=True, slots=True)
class RunRow:
    """The texts a list shows for one activity, in the runner's units and on their clock."""

    id: str
    start: str
    """The local start with its UTC offset, e.g. "2026-09-01 07:02 +02:00"."""
    sport: str
    distance: str
    """In the runner's units without the unit ("10.02"); "-" under 10 m."""
    time: str
    pace: str
    """Pace per km or mile, or speed for cycling-like sports; "-" without a distance."""
    cadence: str
    heart: str


def run_row(run: StoredActivity, zone: tzinfo, units: Units) -> RunRow:
    """The texts of one activity for a list."""
    start = local_start(run.start, run.local_offset_min, zone)
    cadence, heart = run.avg_cadence_spm, run.avg_hr_bpm
    return RunRow(
        id=run.id,
        start=f"{start:%Y-%m-%d %H:%M} {start.isoformat()[-6:]}",
        sport=run.sport,
        distance=(
            "-"
            if not run.distance_m or run.distance_m < 10
            else f"{distance_in(run.distance_m, units):.2f}"
        ),
        time=clock_text(run.elapsed_s),
        pace=pace_or_speed_text(run.sport, run.distance_m, run.moving_s or run.elapsed_s, units),
        cadence=f"{cadence:.0f}" if cadence else "-",
        heart=f"{heart:.0f}" if heart else "-",
    )


def runs_heading(
    count: int, distance_m: float, elapsed_s: float, units: Units, runs_only: bool
) -> str:
    """What a list of activities adds up to: "12 runs, 103.20 km, 9.4 h in all"."""
    one = count == 1
    what = ("run" if one else "runs") if runs_only else ("activity" if one else "activities")
    return f"{count} {what}, {distance_text(distance_m, units)}, {elapsed_s / 3600:.1f} h in all"
