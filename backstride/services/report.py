"""The report's figures: load, pain and cadence over a period (by default the last 12 weeks)."""

from datetime import date, timedelta

from backstride.documents.report_html import ReportFigures
from backstride.domain.load import WeekChange
from backstride.domain.local_time import local_start
from backstride.errors import InvalidInput
from backstride.services.context import Action
from backstride.services.load import training_load
from backstride.services.runs import list_runs

DEFAULT_WEEKS = 12


def parse_day(typed: str, field: str) -> date:
    """A day typed as YYYY-MM-DD."""
    try:
        return date.fromisoformat(typed.strip())
    except ValueError:
        raise InvalidInput(
            f"{field} {typed!r} is not a date: give it as YYYY-MM-DD, e.g. 2026-09-01",
            field=field,
        ) from None


def report_figures(action: Action, since: str | None, until: str | None) -> ReportFigures:
    """What the report draws from `since` to `until` (default: 12 weeks up to today)."""
    last = parse_day(until, "until") if until else action.today
    first = (
        parse_day(since, "since")
        if since
        else last - timedelta(weeks=DEFAULT_WEEKS) + timedelta(days=1)
    )
    if first > last:
        raise InvalidInput(
            f"since {first} is after until {last}: give a period that runs forward",
            field="since",
        )
    load = training_load(action, "distance")
    by_week = {week.week_start: week for week in load.weeks}
    monday = first - timedelta(days=first.weekday())
    weeks = []
    while monday <= last:
        weeks.append(by_week.get(monday, WeekChange(monday, 0.0, None, False)))
        monday += timedelta(weeks=1)
    runs = list_runs(action)
    days = [local_start(run.start, run.local_offset_min, action.zone).date() for run in runs]
    cadences = [
        (day, run.avg_cadence_spm)
        for run, day in zip(runs, days, strict=True)
        if run.avg_cadence_spm is not None
    ]
    return ReportFigures(
        first=first,
        last=last,
        weeks=weeks,
        days=load.days,
        acute=load.acute,
        chronic=load.chronic,
        daily_pain=load.daily_pain,
        run_cadences=cadences,
        caveat=load.correlation.caveat,
        distance_unit=load.unit.removeprefix("distance_"),
        outside=sum(1 for day in days if not first <= day <= last),
    )
