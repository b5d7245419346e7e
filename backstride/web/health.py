"""A health check for reverse proxies and monitors: answers without touching the database."""

from fastapi import APIRouter

from backstride import __version__

router = APIRouter()


@router.get("/health", include_in_schema=False)
async def health() -> dict[str, str]:
    """The app is up (also the baseline of bench/web_bench.py: the same app, no work)."""
    return {"status": "ok", "version": __version__}
