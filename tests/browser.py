"""A real browser for tests: Debian's chromium through Playwright, offline, never downloaded."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a closed network: no background fetches, no sandbox as root (ENGINEERING-NOTES).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser_or_skip() -> None:
    """CI sets BACKSTRIDE_REQUIRE_BROWSER: there a missing browser fails instead of skipping."""
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append("chromium (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright (pip install -e .[dev])")
    if missing:
        why = "no browser for this test: " + ", ".join(missing)
        if os.environ.get("BACKSTRIDE_REQUIRE_BROWSER"):
            pytest.fail(why)
        pytest.skip(why)
