"""The running week a plan is built around: as given, from the profile, or from imported runs."""

from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Literal

from backstride.domain.activity_record import StoredActivity
from backstride.domain.local_time import local_start
from backstride.domain.profile import RunDay, format_run_days, parse_run_days
from backstride.domain.usual_week import ImportedRun, usual_week
from backstride.domain.variation import RunSummary
from backstride.errors import InvalidInput

USUAL_WEEK_DAYS = 8 * 7  # imported runs from the last 8 weeks shape the usual week
INDOOR_SUB_SPORTS = frozenset({"treadmill", "indoor_running", "virtual_activity"})
Source = Literal["given", "profile", "imported runs", "none"]  # "given": for this plan only


def _local_start(run: StoredActivity, zone: tzinfo) -> datetime:
    """When the run began on the runner's clock (domain.local_time.local_start)."""
    return local_start(run.start, run.local_offset_min, zone)


def run_summary(run: StoredActivity, zone: tzinfo) -> RunSummary | None:
    """What the variety check needs of one run: its day, distance, time, climb, indoors."""
    if run.distance_m is None:
        return None
    # No moving time worked out (e.g. sparse samples): the elapsed time, as the pace uses.
    moving_s = run.moving_s if run.moving_s else run.elapsed_s
    gain = run.elevation_gain_m
    return RunSummary(
        day=_local_start(run, zone).date(),
        distance_m=run.distance_m,
        moving_s=moving_s,
        elevation_gain_m=float(gain) if isinstance(gain, int | float) else None,
        indoor=run.sub_sport in INDOOR_SUB_SPORTS,
    )


def imported_week(runs: list[StoredActivity], today: date, zone: tzinfo) -> list[RunDay]:
    """The usual week from the runs imported over the last 8 weeks."""
    since = today - timedelta(days=USUAL_WEEK_DAYS)
    recent = []
    for run in runs:
        start = _local_start(run, zone)
        if since < start.date() <= today:
            recent.append(ImportedRun(start.date(), start.strftime("%H:%M"), run.distance_m))
    return usual_week(recent)


def running_week(
    runs_spec: str | None,
    profile_days: Sequence[RunDay],
    runs: list[StoredActivity],
    today: date,
    zone: tzinfo,
) -> tuple[list[RunDay], Source, list[str]]:
    """The running days, where they came from, and a note when they were guessed or unknown."""
    if runs_spec is not None:
        try:
            return parse_run_days(runs_spec), "given", []
        except InvalidInput as error:
            raise InvalidInput(f"runs {runs_spec!r}: {error}", field="runs") from None
    if profile_days:
        return list(profile_days), "profile", []
    imported = imported_week(runs, today, zone)
    if imported:
        note = (
            f"Your running week ({format_run_days(imported)}) comes from the runs you imported "
            "over the last 8 weeks. You can set it yourself, in your profile or for one plan."
        )
        return imported, "imported runs", [note]
    note = (
        "No running week is known yet, so this plan has no runs in it: set your running days, "
        "or import your runs."
    )
    return [], "none", [note]
