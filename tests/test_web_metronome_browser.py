"""The browser metronome: an hour rendered through an OfflineAudioContext in chromium, every
click's onset read back from the samples; and the page on a phone (axe-core, bad values).

The hour is rendered at 8000 Hz to keep it quick (28.8 million samples); the tolerance, one
sample, is then 1/8000 s. Clicks are scheduled a stretch at a time while the render is suspended
(scheduling all 10,200 at once made chromium's render quadratic: 480 s took 4 s). The onsets
are found in the page (the samples stay in chromium) and compared here with k x 60/170 s.
"""

from collections.abc import Iterator
from importlib.resources import files
from typing import Any

import pytest
from browser import static_scripts_page
from screening_base import CALM
from web_browser import browser_at, set_up_admin
from web_server import screen_directly

STATIC = files("backstride.web") / "static"
ORIGIN = "http://metronome.test"
RATE = 8000
SPM = 170
SECONDS = 3600

RENDER = """
async ([rate, spm, seconds, accentEvery]) => {
  const { clickPlan, scheduleClicks } = await import('/static/metronome.js');
  const context = new OfflineAudioContext(1, seconds * rate, rate);
  const plan = clickPlan(context, spm, accentEvery, 0);
  // The look-ahead loop on the audio clock, as the page runs it: the render stops every
  // CHUNK seconds and the next stretch (and a little more) is scheduled before it goes on.
  const CHUNK = 16;
  let scheduled = scheduleClicks(context, plan, 0, CHUNK + 1);
  for (let at = CHUNK; at < seconds; at += CHUNK) {
    context.suspend(at).then(() => {
      scheduled = scheduleClicks(context, plan, scheduled, Math.min(at + CHUNK + 1, seconds));
      context.resume();
    });
  }
  const samples = (await context.startRendering()).getChannelData(0);
  const onsets = [];
  const peaks = [];
  let last = -Infinity;
  for (let i = 0; i < samples.length; i += 1) {
    if (Math.abs(samples[i]) > 1e-3 && i - last > rate * 0.1) {
      onsets.push(i);
      let peak = 0;
      for (let j = i; j < i + 4; j += 1) peak = Math.max(peak, Math.abs(samples[j]));
      peaks.push(Math.round(peak * 100) / 100);
      last = i;
    }
  }
  return { scheduled, onsets, peaks };
}
"""


@pytest.fixture
def page() -> Iterator[Any]:
    with static_scripts_page(ORIGIN, "metronome") as tab:
        yield tab


def test_an_hour_at_170_spm_keeps_every_click_within_one_sample(page: Any) -> None:
    found = page.evaluate(RENDER, [RATE, SPM, SECONDS, 4])
    expected = SECONDS * SPM // 60
    assert found["scheduled"] == expected == 10200
    onsets = found["onsets"]
    assert len(onsets) == expected
    worst = max(abs(frame - k * 60 / SPM * RATE) for k, frame in enumerate(onsets))
    assert worst <= 1.0, worst
    assert onsets[-1] > (SECONDS - 1) * RATE  # the last minute is there too, not just the first
    peaks = found["peaks"]
    accents = {peaks[k] for k in range(0, expected, 4)}  # the accent, every 4th, louder
    plain = {peaks[k] for k in range(expected) if k % 4}
    assert min(accents) > 0.8 and max(plain) < 0.65 < max(accents), (accents, plain)


def test_the_onset_check_sees_a_drifting_metronome(page: Any) -> None:
    """The same check fails for clicks timed by adding a rounded interval (what it guards)."""
    drifting = page.evaluate(
        """async ([rate, spm]) => {
          const step = Math.round(rate * 60 / spm) / rate;  // rounded to whole samples
          return Array.from({length: 10200}, (_, k) => Math.round(k * step * rate));
        }""",
        [RATE, SPM],
    )
    worst = max(abs(frame - k * 60 / SPM * RATE) for k, frame in enumerate(drifting))
    assert worst > 1.0


def test_the_metronome_page_on_a_phone() -> None:
    with browser_at("phone") as (url, _, look):
        from playwright.sync_api import expect

        page = look.page
        page.add_init_script(
            "window.__wake = []; Object.defineProperty(navigator, 'wakeLock', {value: {"
            "request: async () => { window.__wake.push('request'); const s = new EventTarget();"
            " s.release = async () => window.__wake.push('release'); return s; }}});"
        )
        set_up_admin(page, url)
        screen_directly("anna", CALM)
        page.goto(url + "/metronome")
        expect(page.get_by_label("Steps a minute")).to_have_value("170")
        look.check("metronome")
        page.get_by_label("Steps a minute").fill("300")
        page.get_by_role("button", name="Start").click()
        expect(page.get_by_role("alert")).to_contain_text("spm '300' is not valid")
        expect(page.get_by_label("Steps a minute")).to_have_attribute("aria-invalid", "true")
        look.check("metronome-refused")
        page.get_by_label("Steps a minute").fill("176")
        page.get_by_label("Accent").select_option("4")
        page.get_by_role("button", name="Start").click()
        expect(page.get_by_role("status")).to_have_text("Clicking at 176 steps a minute.")
        expect(page.get_by_role("button", name="Stop")).to_be_visible()
        look.check("metronome-running")
        page.get_by_role("button", name="Stop").click()
        expect(page.get_by_role("status")).to_have_text("Stopped.")
        assert page.evaluate("window.__wake") == ["request", "release"]

        page.goto(url + "/metronome?spm=fast")
        expect(page.get_by_role("alert")).to_contain_text("spm 'fast' is not a whole number")
        look.check("metronome-bad-query")
