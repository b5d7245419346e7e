"""The player with no network: the page and its session kept by the service worker and
IndexedDB, a session played offline and sent once when the network is back."""

import re
import time
from typing import Any

from screening_base import CALM
from web_browser import PASSWORD, browser_at, register, set_up_admin
from web_server import screen_directly

STALE = """async () => {
  const cache = await caches.open('backstride-0123456789abcdef');
  await cache.put('/player', new Response('an old player'));
}"""
CACHED_PAGES = """async () => {
  const paths = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) {
      const path = new URL(request.url).pathname;
      if (!path.startsWith('/static/')) paths.push(path);
    }
  }
  return paths;
}"""
KEPT = """async () => {
  const { all } = await import('/static/outbox.js');
  return await all();
}"""


def _controlled(page: Any) -> None:
    """Wait (real time: the page's clock is Playwright's) until the service worker controls it."""
    for _ in range(100):
        if page.evaluate("Boolean(navigator.serviceWorker.controller)"):
            return
        time.sleep(0.1)
    raise AssertionError("the service worker never took control of the page")


def _sign_out(page: Any, url: str) -> None:
    """The menu's sign-out form, sent as a tap on it would (wherever the menu keeps it)."""
    page.goto(f"{url}/account")
    page.evaluate("document.querySelector('form[action=\"/logout\"]').submit()")
    page.wait_for_url("**/login*")


def test_a_session_played_offline_is_sent_once_when_the_network_is_back() -> None:
    with browser_at("phone") as (url, _, look):
        from playwright.sync_api import expect

        page = look.page
        page.clock.install()
        posts: list[str] = []
        page.on(
            "request",
            lambda r: posts.append(r.url) if r.method == "POST" and "/played" in r.url else None,
        )
        set_up_admin(page, url)
        screen_directly("anna", CALM)
        page.evaluate(STALE)  # what an older release's worker left behind
        page.goto(f"{url}/player?minutes=5")
        page.get_by_role("button", name="Start the session").wait_for()
        _controlled(page)
        version = re.search(r'const VERSION = "(\w+)"', page.request.get(f"{url}/sw.js").text())
        assert version is not None
        for _ in range(50):  # the new worker drops the old release's cache once it is active
            if page.evaluate("caches.keys()") == [f"backstride-{version.group(1)}"]:
                break
            time.sleep(0.1)
        assert page.evaluate("caches.keys()") == [f"backstride-{version.group(1)}"]
        [prepared] = page.evaluate(KEPT)

        page.context.set_offline(True)
        page.reload()
        expect(page.get_by_role("heading", name="Guided session")).to_be_visible()
        expect(page.locator("#status")).to_contain_text("Offline: playing the session kept")
        look.check("player-offline-ready")
        page.get_by_role("button", name="Start the session").click()
        steps = prepared["start"]["steps"]
        first_end = next(i for i, step in enumerate(steps) if step["ends_exercise"])
        answered = False
        for _ in range(400):
            if page.locator("#done").is_visible():
                break
            if page.locator("#pain").is_visible():
                name = "Pain 6 of 10" if not answered else "Skip"
                page.get_by_role("button", name=name, exact=True).click()
                if not answered:
                    expect(page.locator("#note")).to_contain_text("Pain 6")
                answered = True
            page.clock.run_for(5000)
        page.get_by_role("button", name="Skip", exact=True).click()  # no effort given
        expect(page.locator("#sync")).to_have_text(
            "Saved on this phone, will sync when you are back online."
        )
        look.check("player-offline-done")
        [played] = page.evaluate(KEPT)
        assert played["id"] == prepared["id"] and not played["synced"]
        assert played["report"]["pain_answers"] == [{"step": first_end, "score": 6}]
        assert played["report"]["dropped_steps"], "pain 6 ends that exercise's later rounds"
        assert posts == [f"{url}/api/v1/sessions/{prepared['id']}/played"]  # tried, offline

        page.context.set_offline(False)
        expect(page.locator("#sync")).to_have_text("Saved on the server.")
        page.evaluate(
            "window.dispatchEvent(new Event('online'))"
        )  # a second 'online' sends nothing
        page.clock.run_for(1000)
        assert len(posts) == 2, posts
        stored = page.request.get(f"{url}/api/v1/sessions/{prepared['id']}").json()
        assert stored["finished"] and stored["exercises"][0]["stopped_for_pain"] == 6
        export = page.request.get(f"{url}/api/v1/export").json()
        finished = [
            row
            for name, rows in export["tables"].items()
            if "session" in name and "log" not in name
            for row in rows
            if row.get("ended_at")
        ]
        assert [row["id"] for row in finished] == [prepared["id"]]

        page.context.set_offline(True)
        page.reload()
        expect(page.get_by_role("heading", name="Guided session")).to_be_visible()
        expect(page.locator("#status")).to_contain_text("no session was kept on this phone")
        page.goto(f"{url}/metronome")
        expect(page.get_by_label("Steps a minute")).to_be_visible()


def test_a_phone_shared_by_two_runners_sends_each_session_as_its_runner() -> None:
    with browser_at("phone") as (url, _, look):
        from playwright.sync_api import expect

        page = look.page
        context = page.context
        set_up_admin(page, url)
        screen_directly("anna", CALM)
        page.goto(f"{url}/player?minutes=5")
        page.get_by_role("button", name="Start the session").wait_for()
        _controlled(page)
        context.set_offline(True)
        page.get_by_role("button", name="Start the session").click()
        page.get_by_role("button", name="Quit").click()
        page.get_by_role("button", name="End it").click()
        expect(page.locator("#sync")).to_contain_text("Saved on this phone")
        [annas] = page.evaluate(KEPT)
        assert "/player" in page.evaluate(CACHED_PAGES)
        page.close()  # the phone put away before the network is back

        posts: list[str] = []
        context.on("request", lambda r: posts.append(r.url) if "/played" in r.url else None)
        context.set_offline(False)
        page = context.new_page()
        _sign_out(page, url)
        expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
        kept_pages: list[str] = page.evaluate(CACHED_PAGES)
        assert kept_pages == [], kept_pages  # signed out: the pages the worker kept were anna's
        register(page, url, "bea")
        screen_directly("bea", CALM)
        page.goto(f"{url}/player?minutes=5")
        page.get_by_role("button", name="Start the session").wait_for()
        assert posts == []  # anna's session is not sent with bea's cookie
        kept = {entry["id"]: entry for entry in page.evaluate(KEPT)}
        assert len(kept) == 2 and not kept[annas["id"]]["synced"]

        _sign_out(page, url)
        page.get_by_label("Login").fill("anna")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.goto(f"{url}/player?minutes=5")
        page.get_by_role("button", name="Start the session").wait_for()
        assert posts == [f"{url}/api/v1/sessions/{annas['id']}/played"]
        stored = page.request.get(f"{url}/api/v1/sessions/{annas['id']}").json()
        assert stored["finished"] and stored["ended_by"] == "quit"
