"""The player's pages as the server sends them: sign-in, the service worker and what it keeps,
the manifest and its icons, the metronome's step rate checked."""

import json
import re
from importlib.resources import files

from web_client import sign_up, web_app

from backstride.web.guards import CSP

STATIC = files("backstride.web") / "static"


def test_the_player_pages_need_a_runner() -> None:
    with web_app() as browser:
        for path in ("/player", "/metronome"):
            response = browser.get(path)
            assert response.status_code in (302, 303), path
        sign_up(browser, "anna")
        player = browser.get("/player?minutes=abc")
        assert player.status_code == 200
        assert 'data-minutes="abc"' in player.text and "/static/player.js" in player.text


def test_the_service_worker_is_versioned_and_keeps_files_that_exist() -> None:
    with web_app() as browser:
        worker = browser.get("/sw.js")
    assert worker.status_code == 200
    assert worker.headers["content-type"].startswith("text/javascript")
    assert worker.headers["service-worker-allowed"] == "/"
    assert "__VERSION__" not in worker.text
    version = re.search(r'const VERSION = "([0-9a-f]{16})";', worker.text)
    assert version is not None
    kept = re.findall(r'"(/static/[^"]+)"', worker.text)
    assert len(kept) >= 10
    for path in kept:
        assert (STATIC / path.removeprefix("/static/")).is_file(), path
    assert "skipWaiting" in worker.text and "clients.claim" in worker.text
    assert "worker-src 'self'" in CSP and "manifest-src 'self'" in CSP


def test_the_manifest_names_icons_that_exist() -> None:
    with web_app() as browser:
        manifest = browser.get("/static/manifest.webmanifest")
    assert manifest.status_code == 200
    document = json.loads(manifest.text)
    assert document["start_url"] == "/player" and document["display"] == "standalone"
    sizes = set()
    for icon in document["icons"]:
        icon_file = STATIC / icon["src"].removeprefix("/static/")
        assert icon_file.is_file(), icon["src"]
        if icon["type"] == "image/png":
            head = icon_file.read_bytes()[:24]
            assert head[:8] == b"\x89PNG\r\n\x1a\n"
            width, height = int.from_bytes(head[16:20]), int.from_bytes(head[20:24])
            assert icon["sizes"] == f"{width}x{height}"
            sizes.add(width)
    assert {192, 512} <= sizes


def test_the_metronome_names_a_bad_step_rate() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        assert 'value="170"' in browser.get("/metronome").text
        assert 'value="180"' in browser.get("/metronome?spm=180").text
        for typed, words in (("99", "spm 99 is out of range"), ("fast", "not a whole number")):
            refused = browser.get(f"/metronome?spm={typed}")
            assert refused.status_code == 422, typed
            assert words in refused.text, typed
