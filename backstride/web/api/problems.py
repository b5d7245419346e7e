"""The API's one place for errors: every refusal is {"detail": ..., "field": ...} with a 4xx.

API routes use ApiRoute, which turns a BackstrideError, a request that fails validation and an
HTTP error into that shape; the pages keep their own error handlers (web/errors.py).
"""

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, ValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response

from backstride.domain.validation_words import wanted
from backstride.errors import BackstrideError, InvalidInput, Throttled
from backstride.web.errors import status_of

SHOWN_CHARS = 80
"""A value quoted back in a message is cut to this many characters."""


class ApiProblem(BaseModel):
    """What the API answers to a request it refuses: a sentence, and the field at fault."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    detail: str
    field: str | None = None


class ApiRefusal(Exception):
    """A request refused before any service runs (no token, a read-only token, a bad body)."""

    def __init__(self, status: int, detail: str, field: str | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.field = field


def problem(status: int, detail: str, field: str | None = None, **headers: str) -> JSONResponse:
    """The JSON answer of a refusal."""
    body = ApiProblem(detail=detail, field=field).model_dump(mode="json")
    response = JSONResponse(body, status_code=status)
    for name, value in headers.items():
        response.headers[name.replace("_", "-")] = value
    return response


def shown(value: Any) -> str:
    """A value as quoted back: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 3] + "..."


def validation_problem(error: RequestValidationError) -> JSONResponse:
    """A parameter that failed FastAPI's checks: the first problem in plain words."""
    detail, field = validation_words(error)
    return problem(422, detail, field)


def validation_words(error: RequestValidationError) -> tuple[str, str | None]:
    """The first of FastAPI's failed checks in plain words, and the field it names (the API
    answers with them as JSON, a page as a calm page)."""
    problems = error.errors()
    if not problems:
        return "the request is not valid", None
    first = problems[0]
    loc = [str(part) for part in first.get("loc", ()) if part not in ("query", "path", "body")]
    field = ".".join(loc) or None
    words = (field or "the request").replace("_", " ")
    if first.get("type") == "missing":
        detail = f"{words} is missing: it is required"
    else:
        detail = f"{words} {shown(first.get('input'))} is not valid: {wanted(dict(first))}"
    more = len(problems) - 1
    if more:
        detail += f" (and {more} more problem{'s' if more != 1 else ''})"
    return detail, field


def error_problem(error: BackstrideError) -> JSONResponse:
    """A service's error with its status (web/errors.py) and the field it names (or, for a
    model's failed check, the first field that failed)."""
    field = error.field if isinstance(error, InvalidInput) else None
    cause = error.__cause__
    if field is None and isinstance(cause, ValidationError) and cause.errors():
        field = ".".join(str(part) for part in cause.errors()[0]["loc"]) or None
    if isinstance(error, Throttled):
        return problem(429, str(error), field, retry_after=str(error.retry_after_s))
    return problem(status_of(error), str(error), field)


class ApiRoute(APIRoute):
    """An API route: whatever it refuses is answered as an ApiProblem, never a page or a 500."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def answer(request: Request) -> Response:
            try:
                return await handler(request)
            except ApiRefusal as refusal:
                headers = {"www_authenticate": "Bearer"} if refusal.status == 401 else {}
                return problem(refusal.status, refusal.detail, refusal.field, **headers)
            except RequestValidationError as error:
                return validation_problem(error)
            except BackstrideError as error:
                return error_problem(error)
            except HTTPException as error:
                return problem(error.status_code, str(error.detail))

        return answer
