"""The guided player and the metronome pages, and the service worker that keeps them offline."""

import hashlib
from functools import cache
from importlib.resources import files

from fastapi import APIRouter, Request
from fastapi.responses import Response

from backstride.domain.metronome import MAX_SPM, MIN_SPM, check_spm
from backstride.errors import InvalidInput
from backstride.services.cadence import cadence_coaching
from backstride.web.auth import runner_action, signed_in
from backstride.web.templating import page

router = APIRouter()
WORKER = files("backstride.web") / "static" / "sw.js"
DEFAULT_SPM = 170
"""The metronome's start when the runner has no cadence ladder yet (the S004 band's floor)."""


@router.get("/player")
def player(request: Request, minutes: str = "") -> Response:
    """The guided session: today's routine played step by step (the page's script does it).

    `minutes` is handed to the API as it was typed; the API names a bad value.
    """
    signed_in(request)
    return page(request, "player.html", title="Guided session", minutes=minutes.strip()[:6])


@router.get("/metronome")
def metronome(request: Request, spm: str = "") -> Response:
    """A metronome at the cadence ladder's target, or at the step rate asked for."""
    who = signed_in(request)
    with runner_action(request, who, write=False) as action:
        advice = cadence_coaching(action).advice
    target = advice.metronome.spm if advice.metronome else None
    chosen, error = target or DEFAULT_SPM, None
    if spm.strip():
        try:
            chosen = _spm_of(spm)
        except InvalidInput as refused:
            error = str(refused)
    return page(
        request,
        "metronome.html",
        status_code=422 if error else 200,
        title="Metronome",
        spm=chosen,
        typed=spm[:20],
        target=target,
        reason=advice.reason,
        error=error,
        min_spm=MIN_SPM,
        max_spm=MAX_SPM,
    )


def _spm_of(typed: str) -> int:
    text = typed.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 4:
        raise InvalidInput(
            f"spm {typed[:20]!r} is not a whole number of steps a minute: give {MIN_SPM} to "
            f"{MAX_SPM}",
            field="spm",
        )
    check_spm(int(text))
    return int(text)


@cache
def worker_text() -> str:
    """The service worker with its version: a digest of every static file it may keep."""
    digest = hashlib.sha256()
    static = files("backstride.web") / "static"
    for item in sorted(static.iterdir(), key=lambda entry: entry.name):
        if item.is_file():
            digest.update(item.name.encode() + b"\0" + item.read_bytes())
    return WORKER.read_text(encoding="utf-8").replace("__VERSION__", digest.hexdigest()[:16])


@router.get("/sw.js")
def service_worker() -> Response:
    """The service worker, served from the root so that its scope is the whole site."""
    return Response(
        worker_text(),
        media_type="text/javascript",
        headers={"cache-control": "no-cache", "service-worker-allowed": "/"},
    )
