"""What the pages load is ours or vendored and pinned by its hash; nothing from elsewhere."""

import hashlib
import re
from importlib.resources import files
from pathlib import Path

from web_client import sign_up, web_app

VENDORED = {
    # htmx 2.0.11 (0BSD), dist/htmx.min.js of the npm package htmx.org@2.0.11
    "htmx-2.0.11.min.js": "d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717",
}
AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"  # axe-core@4.14.1
TEMPLATES = files("backstride.web") / "templates"


def test_vendored_scripts_are_the_pinned_releases() -> None:
    vendor = files("backstride.web") / "static" / "vendor"
    found = {entry.name for entry in vendor.iterdir() if entry.name.endswith(".js")}
    assert found == set(VENDORED)
    for name, digest in VENDORED.items():
        assert hashlib.sha256((vendor / name).read_bytes()).hexdigest() == digest, name
    assert hashlib.sha256(AXE.read_bytes()).hexdigest() == AXE_SHA256


def test_templates_load_nothing_from_another_site() -> None:
    outside = re.compile(r"""(?:src|href|action)\s*=\s*["'](?:https?:)?//""", re.IGNORECASE)
    for template in TEMPLATES.iterdir():
        text = template.read_text(encoding="utf-8")
        assert not outside.search(text), template.name


def test_pages_load_the_vendored_htmx_with_eval_off() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        page = browser.get("/today").text
        assert '<script src="/static/vendor/htmx-2.0.11.min.js" defer></script>' in page
        assert '"allowEval": false' in page and '"includeIndicatorStyles": false' in page
        script = browser.get("/static/vendor/htmx-2.0.11.min.js")
        assert script.status_code == 200
        assert script.headers["content-type"].startswith(
            ("text/javascript", "application/javascript")
        )
        assert hashlib.sha256(script.content).hexdigest() == VENDORED["htmx-2.0.11.min.js"]
