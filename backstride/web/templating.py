"""Jinja2 pages: autoescaped templates, the form token and the account in every context."""

from datetime import datetime, tzinfo
from importlib.resources import files
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from backstride.domain.devices import device_name
from backstride.domain.text_blocks import blocks
from backstride.web.auth import current, form_token, keep_form_token

templates = Jinja2Templates(directory=str(files("backstride.web") / "templates"))
templates.env.autoescape = True
templates.env.globals["zip"] = zip
templates.env.globals["device_name"] = device_name


templates.env.filters["blocks"] = blocks


def on_clock(moment: datetime, zone: tzinfo) -> str:
    """A stored moment on the runner's own clock, with the zone's short name."""
    return moment.astimezone(zone).strftime("%d %b %Y %H:%M %Z")


templates.env.filters["on_clock"] = on_clock


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A rendered page with the form token and the signed-in account (or None) in its context."""
    context.setdefault("who", current(request))
    response = templates.TemplateResponse(
        request,
        name,
        {"form_token": form_token(request), **context},
        status_code=status_code,
    )
    keep_form_token(request, response)
    return response
