"""The report download: the same self-contained HTML page `backstride report` writes."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from backstride.documents.report_html import render_report
from backstride.services.report import report_figures
from backstride.web.auth import runner_action, signed_in

router = APIRouter()
Day = Annotated[str, Query(max_length=20)]


@router.get("/report")
def report(request: Request, since: Day = "", until: Day = "") -> Response:
    """The report over a period (YYYY-MM-DD; by default the last 12 weeks) as a file."""
    who = signed_in(request)
    with runner_action(request, who, write=False) as action:
        figures = report_figures(action, since or None, until or None)
        made = action.local(action.now).strftime("%Y-%m-%d %H:%M")
    name = f"backstride-report-{figures.first:%Y%m%d}-{figures.last:%Y%m%d}.html"
    return Response(
        render_report(figures, made),
        media_type="text/html; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )
