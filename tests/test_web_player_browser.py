"""The guided player in chromium on a phone: played through, paused, skipped, back, quit, pain,
leg symptoms; timers throttled over half an hour; the wake lock; axe-core on every screen.

Time is Playwright's clock (page.clock), which drives performance.now() and the timers alike.
navigator.wakeLock is replaced by a recorder in an init script (headless chromium grants none).
"""

import re
from datetime import datetime
from typing import Any

import pytest
from screening_base import CALM
from web_browser import VIEWPORTS, Looker, browser_at, set_up_admin
from web_server import screen_directly

WAKE_RECORDER = """
window.__wake = [];
Object.defineProperty(navigator, 'wakeLock', {configurable: true, value: {
  request: async (type) => {
    const sentinel = new EventTarget();
    sentinel.release = async () => {
      window.__wake.push('release');
      sentinel.dispatchEvent(new Event('release'));
    };
    window.__wake.push('request:' + type);
    window.__sentinel = sentinel;
    return sentinel;
  },
}});
"""
SOUND_RECORDER = """
window.__sound = {tones: [], said: [], buzz: []};
const RealContext = window.AudioContext;
window.AudioContext = class extends RealContext {
  createOscillator() {
    const oscillator = super.createOscillator();
    const start = oscillator.start.bind(oscillator);
    oscillator.start = (at) => {
      window.__sound.tones.push(oscillator.frequency.value);
      start(at);
    };
    return oscillator;
  }
};
speechSynthesis.speak = (utterance) => { window.__sound.said.push(utterance.text); };
navigator.vibrate = (pattern) => { window.__sound.buzz.push(pattern); return true; };
"""
KEPT = """async () => {
  const { all } = await import('/static/outbox.js');
  return await all();
}"""


def _ready(look: Looker, url: str, minutes: int) -> Any:
    page = look.page
    page.add_init_script(WAKE_RECORDER)
    page.add_init_script(SOUND_RECORDER)
    page.clock.install()
    set_up_admin(page, url)
    screen_directly("anna", CALM)
    page.goto(f"{url}/player?minutes={minutes}")
    page.get_by_role("button", name="Start the session").wait_for()
    return page


def _kept(page: Any) -> dict[str, Any]:
    entries = page.evaluate(KEPT)
    assert len(entries) == 1, entries
    entry: dict[str, Any] = entries[0]
    return entry


def _now_what(page: Any) -> str:
    text: str = page.locator("#now-what").inner_text()
    return text


def _play_to_the_end(page: Any, pain: int | None = 2) -> None:
    """Run the clock on, answering every pain question, until the end screen shows."""
    for _ in range(400):
        if page.locator("#done").is_visible():
            return
        if page.locator("#pain").is_visible():
            name = "Skip" if pain is None else f"Pain {pain} of 10"
            page.get_by_role("button", name=name, exact=True).click()
        page.clock.run_for(5000)
    raise AssertionError("the session did not end")


@pytest.mark.parametrize("size", sorted(VIEWPORTS))
def test_a_short_session_played_through_with_pause_skip_and_back(size: str) -> None:
    with browser_at(size) as (url, _, look):
        from playwright.sync_api import expect

        page = _ready(look, url, 5)
        look.check("player-ready")
        start = _kept(page)["start"]
        steps = start["steps"]
        page.get_by_role("button", name="Start the session").click()
        expect(page.locator("#now-what")).to_have_text(steps[0]["label"])
        assert page.evaluate("window.__wake") == ["request:screen"]
        sound = page.evaluate("window.__sound")
        assert sound["tones"] == [523, 659] and sound["said"] == [steps[0]["label"]]  # get ready
        first = steps[0]
        pose = f"/exercises/{first['exercise']}/figure.svg?level={first['level_id']}"
        expect(page.locator("#pose")).to_have_attribute("src", pose)  # the rung, drawn
        page.wait_for_function("document.getElementById('pose').naturalWidth > 0")
        page.get_by_text("How to do it").click()  # the exercise's steps, one tap away
        first_how = start["exercises"][0]["steps"][0]
        expect(page.locator("#how-steps li").first).to_have_text(first_how)
        look.check("player-running")

        page.clock.run_for(3000)
        left = int(steps[0]["duration_s"]) - 3  # or a second less: the clock also runs in real
        expect(page.locator("#countdown")).to_have_text(re.compile(f"^({left}|{left - 1})$"))
        assert 880 not in page.evaluate("window.__sound.tones")  # the last 3 s are not there yet
        page.get_by_role("button", name="Pause").click()
        page.clock.run_for(20000)
        expect(page.get_by_role("button", name="Resume")).to_be_visible()
        expect(page.locator("#countdown")).to_have_text(str(int(steps[0]["duration_s"]) - 3))
        page.get_by_role("button", name="Resume").click()
        page.get_by_role("button", name="Next").click()
        expect(page.locator("#now-what")).to_have_text(steps[1]["label"])
        page.get_by_role("button", name="Back").click()
        expect(page.locator("#now-what")).to_have_text(steps[0]["label"])
        page.keyboard.press("n")
        expect(page.locator("#now-what")).to_have_text(steps[1]["label"])
        page.clock.run_for(int(steps[1]["duration_s"] * 1000) + 200)
        expect(page.locator("#pain")).to_be_visible()
        look.check("player-pain")
        expect(page.locator("#now-what")).to_have_text(steps[2]["label"])  # no pause
        _play_to_the_end(page)

        expect(page.get_by_role("heading", name="Session complete")).to_be_visible()
        sound = page.evaluate("window.__sound")
        assert 880 in sound["tones"] and sound["tones"][-3:] == [523, 659, 784]  # 3-2-1; done
        assert "Session complete. Well done." in sound["said"] and 150 in sound["buzz"]
        expect(page.locator("#sync")).to_contain_text("once you answer or skip")
        look.check("player-effort")
        assert not _kept(page)["synced"]
        page.get_by_role("button", name="Effort 6 of 10").click()
        expect(page.locator("#effort")).to_be_hidden()
        expect(page.locator("#sync")).to_have_text("Saved on the server.")
        expect(page.locator("#doses li").first).to_contain_text(":")
        look.check("player-done")
        assert page.evaluate("window.__wake") == ["request:screen", "release"]
        entry = _kept(page)
        assert entry["synced"] and entry["result"]["finished"]
        assert entry["report"]["completions"][0] == {"step": 0, "skipped": True}
        assert entry["report"]["completions"][1] == {"step": 1, "skipped": False}
        stored = page.request.get(f"{url}/api/v1/sessions/{entry['id']}").json()
        assert stored["finished"] and stored["completed"] and stored["ended_by"] == "end"
        assert stored == entry["result"] and entry["report"]["rpe"] == 6


def test_throttled_timers_still_end_on_time_over_half_an_hour() -> None:
    with browser_at("phone") as (url, _, look):
        from playwright.sync_api import expect

        page = _ready(look, url, 45)
        # The installed clock also flows with real time; paused, it moves only when told, so a
        # check near a step's edge cannot be overtaken by a loaded machine's slowness. (Only
        # here: axe-core needs running timers, and this test makes no axe check after it.)
        page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)  # in seconds
        start = _kept(page)["start"]
        total_s = start["total_s"]
        pause_s = 30 * 60 - total_s  # today's routine and a long pause: 30 minutes in all
        assert total_s >= 15 * 60 and pause_s > 0, total_s
        offsets = [0.0]
        for step in start["steps"]:
            offsets.append(offsets[-1] + step["duration_s"])
        page.get_by_role("button", name="Start the session").click()
        jump_s = 61.37  # timers fire at most once a jump: a page throttled in the background
        played_s = 0.0
        paused = False
        while played_s + jump_s < total_s - 1:
            page.clock.fast_forward(int(jump_s * 1000))
            played_s += jump_s
            index = max(i for i, offset in enumerate(offsets[:-1]) if offset <= played_s)
            if offsets[index + 1] - played_s > 0.05:  # not on a step's edge
                expect(page.locator("#now-what")).to_have_text(start["steps"][index]["label"])
            if not paused and played_s > total_s / 2:
                paused = True
                page.keyboard.press("Space")
                for _ in range(int(pause_s // jump_s)):
                    page.clock.fast_forward(int(jump_s * 1000))
                page.clock.fast_forward(
                    int(pause_s * 1000) - int(pause_s // jump_s) * int(jump_s * 1000)
                )
                page.keyboard.press("Space")
        page.clock.fast_forward(int((total_s - played_s) * 1000) + 5)
        if page.locator("#pain").is_visible():
            page.get_by_role("button", name="Skip", exact=True).click()
        expect(page.get_by_role("heading", name="Session complete")).to_be_visible()
        report = _kept(page)["report"]
        assert abs(report["active_s"] - total_s) <= 0.05, (report["active_s"], total_s)
        assert report["reached_end"] and len(report["completions"]) == len(start["steps"])
        wall_s = (_moment(report["ended_at"]) - _moment(report["started_at"])).total_seconds()
        assert abs(wall_s - 30 * 60) <= 0.05, wall_s


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_quit_pain_and_leg_symptoms_end_the_session() -> None:
    with browser_at("phone") as (url, browser, look):
        from playwright.sync_api import expect

        page = _ready(look, url, 5)
        page.get_by_label("Speak the cues").uncheck()
        page.get_by_role("button", name="Start the session").click()
        page.clock.run_for(4000)
        assert page.evaluate("window.__sound.said") == []  # spoken cues switched off
        page.get_by_role("button", name="Quit").click()
        expect(page.get_by_role("button", name="End it")).to_be_focused()
        look.check("player-quit-confirm")
        page.get_by_role("button", name="Carry on").click()
        page.keyboard.press("q")
        page.get_by_role("button", name="End it").click()
        expect(page.get_by_role("heading", name="Session over")).to_be_visible()
        expect(page.locator("#done-why")).to_contain_text("ended early")
        expect(page.locator("#sync")).to_have_text("Saved on the server.")
        assert page.evaluate("window.__wake") == ["request:screen", "release"]
        quit_id = _kept(page)["id"]
        assert page.request.get(f"{url}/api/v1/sessions/{quit_id}").json()["ended_by"] == "quit"

        page.goto(f"{url}/player?minutes=5")
        page.get_by_role("button", name="Start the session").click()
        steps = _kept(page)["start"]["steps"]
        first_end = next(i for i, step in enumerate(steps) if step["ends_exercise"])
        page.clock.run_for(int(sum(s["duration_s"] for s in steps[: first_end + 1]) * 1000) + 200)
        page.get_by_role("button", name="Pain 8 of 10").click()
        expect(page.locator("#done-why")).to_contain_text("Pain of 7 or more")
        expect(page.get_by_role("link", name="Do the check-in now")).to_be_visible()
        look.check("player-pain-stop")
        page.get_by_role("link", name="Do the check-in now").click()
        expect(page).to_have_url(f"{url}/check-in")

        page.goto(f"{url}/player?minutes=5")
        expect(page.locator("#refused-why")).to_contain_text("no more exercise today")
        assert look.errors == [f"409 for {url}/api/v1/sessions"]  # the refusal, on purpose
        look.errors.clear()
        look.check("player-refused")


def test_leg_symptoms_stop_the_session_at_once() -> None:
    with browser_at("phone") as (url, _, look):
        from playwright.sync_api import expect

        page = _ready(look, url, 5)
        page.get_by_role("button", name="Start the session").click()
        page.clock.run_for(2000)
        # The browser drops the lock when the page is hidden; visible again, it is asked again.
        page.evaluate("window.__sentinel.dispatchEvent(new Event('release'))")
        page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
        page.clock.run_for(100)
        assert page.evaluate("window.__wake") == ["request:screen", "request:screen"]
        page.get_by_role("button", name="Leg symptoms: stop").click()
        expect(page.locator("#done-why")).to_contain_text("Leg symptoms")
        expect(page.locator("#sync")).to_have_text("Saved on the server.")
        entry = _kept(page)
        assert page.evaluate("window.__wake") == ["request:screen", "request:screen", "release"]
        assert entry["report"]["leg_symptoms_step"] == 0
        assert entry["result"]["ended_by"] == "leg_symptoms" and entry["result"]["check_in_next"]


def test_a_new_rounds_rest_names_the_round_once_and_holds_show_no_rep_line() -> None:
    with browser_at("phone") as (url, _, look):
        from playwright.sync_api import expect

        page = _ready(look, url, 45)
        steps = _kept(page)["start"]["steps"]
        round_rest = next(i for i, s in enumerate(steps) if s["label"].startswith("Round 2 of"))
        hold = next(i for i, s in enumerate(steps) if s["kind"] == "hold")
        page.get_by_role("button", name="Start the session").click()
        for index in range(max(round_rest, hold) + 1):
            expect(page.locator("#now-what")).to_have_text(steps[index]["label"])
            if index == hold:
                expect(page.locator("#rep")).to_be_hidden()
                expect(page.locator("#where")).to_contain_text("Round 1 of")
            if index == round_rest:
                expect(page.locator("#where")).not_to_contain_text("Round")
                look.check("player-new-round")
            page.keyboard.press("n")
