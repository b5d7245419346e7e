"""The runs pages: the list with filters, totals and pages; one run in full; deleting a run."""

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from backstride.documents.run_charts import ClockAxis, cadence_bands, line_over_run, track_line
from backstride.domain.activity_metrics import CADENCE_BIN_SPM
from backstride.domain.run_listing import ALL_SPORTS
from backstride.domain.run_row import run_row, runs_heading
from backstride.domain.run_series import pace_or_speed_points
from backstride.domain.units import SPEED_SPORTS, clock_text, distance_text
from backstride.errors import InvalidInput
from backstride.services.run_detail import RunDetail, run_detail
from backstride.services.run_listing import RunListing, run_listing
from backstride.services.runs import delete_run
from backstride.web.auth import FORM_FIELD, check_form_token, runner_action, signed_in
from backstride.web.errors import status_of
from backstride.web.templating import page

router = APIRouter()
Typed = Annotated[str, Query(max_length=40)]


@router.get("/runs")
def runs(
    request: Request,
    sport: Typed = "",
    since: Typed = "",
    until: Typed = "",
    page_: Annotated[str, Query(alias="page", max_length=20)] = "1",
) -> Response:
    """The runner's activities of one sport between two days, latest first, 30 a page."""
    who = signed_in(request)
    fields = {"sport": sport, "since": since, "until": until}
    error: InvalidInput | None = None
    with runner_action(request, who, write=False) as action:
        try:
            listing = run_listing(action, sport, since, until, page_)
        except InvalidInput as refused:
            error, listing = refused, run_listing(action)
    return page(
        request,
        "runs.html",
        200 if error is None else status_of(error),
        title="Your runs",
        listing=listing,
        rows=[run_row(run, listing.zone, listing.units) for run in listing.activities],
        heading=_heading(listing),
        fields=fields,
        error=None if error is None else str(error),
        field=None if error is None else error.field,
        all_sports=ALL_SPORTS,
        links=_page_links(listing, fields),
        deleted=request.query_params.get("deleted") == "1",
    )


def _heading(listing: RunListing) -> str:
    runs_only = listing.query.sport == "running"
    if not listing.total_count:
        return "No runs in this list" if runs_only else "No activities in this list"
    return runs_heading(
        listing.total_count,
        listing.total_distance_m,
        listing.total_elapsed_s,
        listing.units,
        runs_only,
    )


def _page_links(listing: RunListing, fields: dict[str, str]) -> dict[str, str]:
    """The previous and next pages' addresses, with the same filter."""
    kept = {name: value for name, value in fields.items() if value}
    links = {}
    if listing.query.page > 1:
        links["previous"] = "/runs?" + urlencode({**kept, "page": listing.query.page - 1})
    if listing.query.page < listing.pages:
        links["next"] = "/runs?" + urlencode({**kept, "page": listing.query.page + 1})
    return links


@router.get("/runs/{run_id}")
def run_page(request: Request, run_id: str) -> Response:
    """One of the runner's activities in full; another runner's id is 404."""
    who = signed_in(request)
    with runner_action(request, who, write=False) as action:
        detail = run_detail(action, run_id)
    return page(request, "run.html", title=_title(detail), **_detail_context(detail))


def _title(detail: RunDetail) -> str:
    return f"{detail.run.name or detail.run.sport.capitalize()}, {detail.start:%d %b %Y}"


def _detail_context(detail: RunDetail) -> dict[str, Any]:
    """The numbers, splits and the four pictures of one activity."""
    run, units, axis = detail.run, detail.units, ClockAxis(detail.start, detail.span_s)
    speeds, speed_unit = pace_or_speed_points(detail.series.speed_mps, run.sport, units)
    is_speed = run.sport in SPEED_SPORTS
    splits = [
        (split["km"], clock_text(split["duration_s"]))
        for split in run.summary.get("splits", [])
        if isinstance(split, dict) and {"km", "duration_s"} <= set(split)
    ]
    histogram = {
        int(band): int(count) for band, count in run.summary.get("cadence_histogram", {}).items()
    }
    row = run_row(run, detail.zone, units)
    return {
        "detail": detail,
        "row": row,
        "distance": distance_text(run.distance_m, units),
        "moving": clock_text(run.moving_s) if run.moving_s else "-",
        "pace_word": "Speed" if is_speed else "Pace",
        "max_hr": run.summary.get("max_hr_bpm"),
        "climb": run.elevation_gain_m,
        "splits": splits,
        "heart_chart": Markup(
            line_over_run(
                "Heart rate over the run, beats per minute",
                axis,
                detail.series.heart_rate_bpm,
                "bpm",
            )
        ),
        "speed_chart": Markup(
            line_over_run(
                f"{'Speed' if is_speed else 'Pace'} over the run, {speed_unit}",
                axis,
                speeds,
                speed_unit,
                upside_down=not is_speed,
            )
        ),
        "speed_unit": speed_unit,
        "band_spm": CADENCE_BIN_SPM,
        "cadence_chart": Markup(
            cadence_bands("Time in each cadence band, steps per minute", histogram, CADENCE_BIN_SPM)
        ),
        "track_chart": Markup(track_line("The route, north up", detail.series.track)),
    }


@router.get("/runs/{run_id}/delete")
def confirm_delete(request: Request, run_id: str) -> Response:
    """Ask before deleting one of the runner's activities; another runner's id is 404."""
    who = signed_in(request)
    with runner_action(request, who, write=False) as action:
        detail = run_detail(action, run_id)
    row = run_row(detail.run, detail.zone, detail.units)
    return page(
        request,
        "run_delete.html",
        title="Delete this run?",
        detail=detail,
        row=row,
        distance=distance_text(detail.run.distance_m, detail.units),
    )


@router.post("/runs/{run_id}/delete")
def delete(
    request: Request, run_id: str, token: Annotated[str | None, Form(alias=FORM_FIELD)] = None
) -> Response:
    """Delete one of the runner's activities for good; another runner's id is 404."""
    check_form_token(request, token)
    who = signed_in(request)
    with runner_action(request, who, write=True) as action:
        delete_run(action, run_id)
    return RedirectResponse("/runs?deleted=1", status_code=303)
