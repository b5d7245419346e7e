"""Every page of the app in a real browser at both viewports: axe-core finds no serious or
critical problem and the console no error. The list is checked against the route table, so a
new page must join it."""

import re

import pytest
from api_calls import RUN_FILE
from screening_base import CALM
from test_web_access import ROUTES
from web_browser import VIEWPORTS, browser_at, set_up_admin
from web_runs import import_directly
from web_server import queue_import_directly, screen_directly

NOT_PAGES = {
    "/health",
    "/api/openapi.json",
    "/plan.ics",
    "/account/export",
    "/",
    "/exercises/{exercise_id}/figure.svg",
    "/routine/handout.pdf",
    "/sw.js",
    "/runs/jobs/{job_id}/progress",
    "/runs/{run_id}/original",
    "/report",
    "/calendar/{secret}.ics",
}
"""GET routes that answer with something other than a page (or only redirect)."""

ELSEWHERE = {"/clients/{runner_id}": "tests/test_care_browser.py, as a linked clinician"}
"""Pages that need a second account to exist, and the browser test that runs axe on them."""

SIGNED_OUT = ["/login", "/register"]
"""Pages seen before signing in (/setup is seen by the browser tests, before the admin exists)."""


def page_paths(first_entry: str, first_record: str, job: str = "", run: str = "") -> dict[str, str]:
    """Each page route with real ids of the signed-in runner's data."""
    return {
        "/today": "/today",
        "/routine": "/routine",
        "/routine/handout": "/routine/handout",
        "/player": "/player",
        "/runs/upload": "/runs/upload",
        "/runs": "/runs",
        "/runs/{run_id}": f"/runs/{run}",
        "/runs/{run_id}/delete": f"/runs/{run}/delete",
        "/load": "/load",
        "/care": "/care",
        "/care/accept": "/care/accept",
        "/care/requests/accept": "/care/requests/accept",
        "/clients": "/clients",
        "/cadence": "/cadence",
        "/runs/jobs/{job_id}": f"/runs/jobs/{job}",
        "/metronome": "/metronome",
        "/plan": "/plan",
        "/pain": "/pain",
        "/pain/{entry_id}/edit": f"/pain/{first_entry}/edit",
        "/screen": "/screen",
        "/check-in": "/check-in",
        "/screen/result/{record_id}": f"/screen/result/{first_record}",
        "/screen/history": "/screen/history",
        "/exercises": "/exercises",
        "/exercises/{exercise_id}": "/exercises/bird-dog",
        "/learn": "/learn",
        "/learn/{topic_id}": "/learn/pain-patterns",
        "/profile": "/profile",
        "/account": "/account",
        "/api/docs": "/api/docs",
        "/setup": "/setup",
        "/register": "/register",
        "/login": "/login",
    }


def test_the_sweep_names_every_page() -> None:
    pages = {path for (method, path) in ROUTES if method == "GET"} - NOT_PAGES
    assert pages == set(page_paths("x", "y")) | set(ELSEWHERE)


@pytest.mark.parametrize("size", sorted(VIEWPORTS))
def test_every_page_passes_axe(size: str) -> None:
    with browser_at(size) as (url, browser, look):
        page = look.page
        for path in SIGNED_OUT:
            page.goto(url + path)
            look.check("signed-out" + path.replace("/", "-"))
        set_up_admin(page, url)
        screen_directly("anna", CALM)
        page.goto(url + "/today")
        page.get_by_role("button", name="Morning pain 3 out of 10").click()
        page.get_by_text("Morning pain today: 3/10").wait_for()
        page.goto(url + "/pain")
        entry = page.locator("a[href$='/edit']").first.get_attribute("href") or ""
        page.goto(url + "/screen/history")
        record = page.locator("a[href^='/screen/result/']").first.get_attribute("href") or ""
        job = queue_import_directly("anna", RUN_FILE)
        import_directly("anna", RUN_FILE)
        page.goto(url + "/runs")
        links = page.locator("table.runs a").evaluate_all("a => a.map(x => x.getAttribute('href'))")
        run = next(h for h in links if re.fullmatch(r"/runs/[0-9a-f-]{36}", h)).rsplit("/", 1)[-1]
        paths = page_paths(entry.split("/")[2], record.rsplit("/", 1)[-1], job, run)
        for route, path in paths.items():
            if route in ("/setup", "/register", "/login"):
                continue  # seen signed out above (signed in, they send the browser on)
            response = page.goto(url + path)
            assert response is not None and response.status == 200, path
            look.check(path.strip("/").replace("/", "-") or "root")
