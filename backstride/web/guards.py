"""What every response carries and every unsafe request must pass: headers and origin checks.

The CSP allows no inline script or style and nothing from elsewhere; frames are refused. A
POST, PUT, PATCH or DELETE from another site is refused before any route runs: the browser's
Fetch-Metadata header says where it came from, else the Origin header must be this site.
"""

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
    "media-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), screen-wake-lock=(self)",
}
SAME_SITE = frozenset({"same-origin", "none"})
"""Sec-Fetch-Site values of a request made by this site's own pages, or typed by the user."""


def cross_site(scope: Scope) -> bool:
    """True when an unsafe request comes from another site's page."""
    headers = Headers(scope=scope)
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site not in SAME_SITE
    origin = headers.get("origin")
    if origin is None or origin == "null":
        return origin == "null"
    scheme = scope.get("scheme", "http")
    return origin != f"{scheme}://{headers.get('host', '')}"


class Guards:
    """ASGI middleware: security headers on every response, cross-site unsafe requests refused."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                if scope.get("scheme") == "https":
                    headers.setdefault("strict-transport-security", "max-age=31536000")
            await send(message)

        if scope["method"] not in SAFE_METHODS and cross_site(scope):
            refusal = PlainTextResponse(
                "refused: this request came from another site (cross-site request forgery "
                "protection)",
                status_code=403,
            )
            await refusal(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)
