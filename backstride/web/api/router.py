"""Every API route under /api/v1, with the refusals each may answer documented."""

from typing import Any

from fastapi import APIRouter

from backstride.web.api import (
    care,
    catalogue,
    data,
    imports,
    pain,
    profile,
    programme,
    screenings,
    sessions,
    training,
)
from backstride.web.api.problems import ApiProblem, ApiRoute

PREFIX = "/api/v1"
REFUSALS: dict[int | str, dict[str, Any]] = {
    status: {"model": ApiProblem, "description": words}
    for status, words in (
        (401, "no valid token or session"),
        (403, "a read token on a write, or a session without its form token"),
        (404, "nothing by that id among the runner's own data"),
        (409, "not safe now, or a clash with what is stored"),
        (415, "the body is not of the media type the operation takes"),
        (422, "a value that is not valid, named with what would be"),
    )
}

api_router = APIRouter(prefix=PREFIX, route_class=ApiRoute, responses=REFUSALS)
for part in (
    profile,
    screenings,
    pain,
    catalogue,
    training,
    data,
    sessions,
    imports,
    care,
    programme,
):
    api_router.include_router(part.router)
