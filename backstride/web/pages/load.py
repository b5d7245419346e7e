"""The load page: weekly load and its change, acute and chronic load, monotony, pain beside it."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from markupsafe import Markup

from backstride.documents.report_html import TimeAxis, line_chart, week_bars
from backstride.domain.load import UNIT_LABELS
from backstride.domain.load_report import LoadReport, correlation_words
from backstride.domain.plain_sources import for_people
from backstride.errors import InvalidInput
from backstride.services.load import training_load
from backstride.web.auth import runner_action, signed_in
from backstride.web.errors import status_of
from backstride.web.templating import page

router = APIRouter()
SHOWN_WEEKS = 12
UNIT_CHOICES = (("distance", "distance"), ("minutes", "minutes"), ("rpe", "effort x minutes"))


@router.get("/load")
def load(request: Request, unit: Annotated[str, Query(max_length=40)] = "distance") -> Response:
    """Load by week beside pain, today's acute and chronic load, each formula with its numbers."""
    who = signed_in(request)
    error: InvalidInput | None = None
    with runner_action(request, who, write=False) as action:
        try:
            report = training_load(action, unit, SHOWN_WEEKS)
        except InvalidInput as refused:
            error, report = refused, training_load(action, shown_weeks=SHOWN_WEEKS)
    return page(
        request,
        "load.html",
        200 if error is None else status_of(error),
        title="Training load",
        error=None if error is None else str(error),
        unit=unit,
        units=UNIT_CHOICES,
        **_load_context(report),
    )


def _load_context(report: LoadReport) -> dict[str, Any]:
    """The last weeks as rows and as charts on one time axis, and the formulas."""
    label = UNIT_LABELS[report.unit]
    weeks = report.weeks[-SHOWN_WEEKS:]
    first = weeks[0].week_start if weeks else report.days[0]
    axis = TimeAxis(first, report.days[-1])
    shown = [(day, i) for i, day in enumerate(report.days) if day >= first]
    pain = [(day, mean) for day, mean in report.daily_pain.items() if first <= day <= axis.last]
    loaded = [week.week_start for week in report.weeks if week.total > 0]
    return {
        "older_load": loaded[-1] if loaded and not any(week.total for week in weeks) else None,
        "report": report,
        "label": label,
        "weeks": [(week, report.weekly_pain.get(week.week_start)) for week in reversed(weeks)],
        "bars": Markup(week_bars(f"Load by week, {label}", axis, weeks, label)),
        "lines": Markup(
            line_chart(
                f"Acute (7-day) and chronic (28-day) load, {label}",
                axis,
                {
                    "acute": [(day, report.acute[i]) for day, i in shown],
                    "chronic": [(day, report.chronic[i]) for day, i in shown],
                },
                label,
                legend=False,
            )
        ),
        "pain": Markup(
            line_chart(
                "Daily mean pain, 0-10", axis, {"pain": pain}, "0-10", (0.0, 10.0), legend=False
            )
        ),
        "correlation": correlation_words(report.correlation),
        "caveat": for_people(report.correlation.caveat),
        "explanation": [for_people(line) for line in report.explanation],
    }
