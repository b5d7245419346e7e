"""An HTML document of backstride's own turned into a PDF with WeasyPrint, offline."""

from typing import Any

from backstride.errors import BackstrideError


def pdf_of(html: str) -> bytes:
    """The PDF of a self-contained HTML document; nothing outside it is fetched."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as missing:  # OSError: Pango is not on this machine
        raise BackstrideError(
            f"PDFs need WeasyPrint and its Pango library ({missing}); the HTML handout works "
            "without them"
        ) from None
    document = HTML(string=html, url_fetcher=_nothing_from_outside)
    found: bytes = document.write_pdf()
    return found


def _nothing_from_outside(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The document is self-contained: any address it names is refused, not fetched."""
    raise ValueError(f"the handout fetches nothing: {url[:80]!r} refused")
