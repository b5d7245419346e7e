"""The web's one place for errors: each BackstrideError becomes a status and a calm page."""

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from backstride.errors import (
    BackstrideError,
    Conflict,
    InvalidInput,
    NotAllowed,
    NotFound,
    SafetyRefusal,
    SignInFailed,
    Throttled,
)
from backstride.web.auth import FormTokenMissing, SignInNeeded

STATUS: tuple[tuple[type[BackstrideError], int], ...] = (
    (InvalidInput, 422),
    (SignInFailed, 401),
    (Throttled, 429),
    (NotAllowed, 403),
    (NotFound, 404),
    (Conflict, 409),
    (SafetyRefusal, 409),
)


def status_of(error: BackstrideError) -> int:
    """The HTTP status of an error (400 for any other kind)."""
    return next((code for kind, code in STATUS if isinstance(error, kind)), 400)


def add_error_handlers(app: FastAPI) -> None:
    """Errors raised by routes, as pages; nothing a user sends becomes a 500. (API routes
    answer their own errors as JSON: api/problems.py.)"""
    from backstride.web.templating import page

    async def sign_in_needed(request: Request, error: Exception) -> Response:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    async def form_token_missing(request: Request, error: Exception) -> Response:
        return page(
            request,
            "problem.html",
            403,
            title="This form has expired",
            message="The form was sent without the token its page carried (or from an old "
            "page). Go back, reload the page and send it again.",
        )

    async def backstride_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, BackstrideError)
        response: HTMLResponse = page(
            request, "problem.html", status_of(error), title="That did not work", message=str(error)
        )
        if isinstance(error, Throttled):
            response.headers["retry-after"] = str(error.retry_after_s)
        return response

    async def bad_parameter(request: Request, error: Exception) -> Response:
        from backstride.web.api.problems import validation_words

        assert isinstance(error, RequestValidationError)
        detail, _ = validation_words(error)
        return page(request, "problem.html", 422, title="That did not work", message=detail)

    app.add_exception_handler(SignInNeeded, sign_in_needed)
    app.add_exception_handler(RequestValidationError, bad_parameter)
    app.add_exception_handler(FormTokenMissing, form_token_missing)
    app.add_exception_handler(BackstrideError, backstride_error)
