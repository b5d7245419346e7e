"""A real browser for tests: Debian's chromium through Playwright, offline, never downloaded."""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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


@contextmanager
def static_scripts_page(origin: str, title: str) -> Iterator[Any]:
    """A chromium tab on a blank page at `origin` that can load the app's own static scripts
    (served from the package, no server): for testing the JavaScript on its own."""
    browser_or_skip()
    from importlib.resources import files

    from playwright.sync_api import sync_playwright

    static = files("backstride.web") / "static"

    def serve(route: Any) -> None:
        path = route.request.url.removeprefix(origin)
        if path.startswith("/static/"):
            body = (static / path.removeprefix("/static/")).read_text(encoding="utf-8")
            route.fulfill(body=body, content_type="text/javascript")
        else:
            route.fulfill(body=f"<!doctype html><title>{title}</title>", content_type="text/html")

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page()
            tab.route(f"{origin}/**", serve)
            tab.goto(origin + "/")
            yield tab
        finally:
            browser.close()
