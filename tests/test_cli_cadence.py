"""`backstride cadence`: baseline at easy pace, the ladder, adoption, advice and the 30 s count."""

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pydantic import ValidationError
from stored_runs import store_activity

from backstride.cli import commands_cadence
from backstride.cli.app import run
from backstride.cli.local_action import local_action
from backstride.domain.activity import Activity, Sample
from backstride.domain.profile import Profile
from backstride.services.pain import log_pain

NOW = datetime.now(UTC).replace(hour=7, minute=0, second=0, microsecond=0)
EASY = 360.0  # 6:00 /km
TEMPO = 300.0  # 5:00 /km


def store_run(days_ago: int, cadence: float | None, pace_s_per_km: float = EASY) -> None:
    """A 30-minute run sampled every 10 s at a steady pace and cadence."""
    start = NOW - timedelta(days=days_ago)
    samples = tuple(
        Sample(float(t), t / pace_s_per_km * 1000, cadence_spm=cadence) for t in range(0, 1801, 10)
    )
    distance = 1800 / pace_s_per_km * 1000
    store_activity(Activity("test.fit", "running", None, start, 0, 1800.0, distance, samples))


def store_baseline_weeks() -> None:
    """Three easy runs near 160 spm and two faster tempo runs near 177, two months ago."""
    for days_ago, cadence in ((60, 159.0), (57, 160.0), (54, 161.0)):
        store_run(days_ago, cadence)
    for days_ago, cadence in ((58, 176.0), (55, 178.0)):
        store_run(days_ago, cadence, TEMPO)


def log_pain_days(scores: dict[int, int]) -> None:
    for days_ago, score in scores.items():
        with local_action(NOW - timedelta(days=days_ago)) as action:
            log_pain(action, score, "morning")


def cadence_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    capsys.readouterr()
    assert run(["cadence", "--json", *args]) == 0
    payload: dict[str, Any] = json.loads(capsys.readouterr().out)
    return payload


def cadence_text(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert run(["cadence", *args]) == 0
    return " ".join(capsys.readouterr().out.split())


def test_without_data_it_says_how_to_get_a_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    out = cadence_text(capsys)
    assert "No cadence baseline yet" in out
    assert "backstride import" in out and "--count" in out and "--steps" in out
    view = cadence_json(capsys)
    assert view["baseline_spm"] is None and view["source"] is None
    assert view["advice"]["action"] == "no_baseline"


def test_a_counted_cadence_is_stored_and_used(capsys: pytest.CaptureFixture[str]) -> None:
    view = cadence_json(capsys, "--steps", "80")
    assert view["baseline_spm"] == 160 and view["source"] == "counted"
    assert [step["target_spm"] for step in view["steps"]] == [165, 170]
    assert [step["percent"] for step in view["steps"]] == [3.1, 6.2]
    assert view["advice"]["action"] == "hold" and view["advice"]["target_spm"] == 165
    assert view["advice"]["metronome"] == {"spm": 165, "minutes": 20}
    assert cadence_json(capsys)["baseline_spm"] == 160  # kept for the next call
    capsys.readouterr()
    assert run(["profile"]) == 0
    assert "160 spm (counted " in capsys.readouterr().out
    out = cadence_text(capsys)
    assert (
        "counted by hand" in out
        and "Hold at 165 spm" in out
        and "a running brand's guest post" in out
    )


@pytest.mark.parametrize("typed", ["39", "121", "-1", "abc"])
def test_a_count_out_of_range_is_refused(capsys: pytest.CaptureFixture[str], typed: str) -> None:
    assert run(["cadence", "--steps", typed]) == 2
    err = capsys.readouterr().err
    assert repr(typed) in err or typed in err
    assert "40 to 120" in err
    assert cadence_json(capsys)["baseline_spm"] is None


def test_the_profile_keeps_a_counted_cadence_strictly() -> None:
    assert Profile(counted_cadence_spm=160, counted_on="2025-04-30").counted_cadence_spm == 160
    for bad in ({"counted_cadence_spm": 79}, {"counted_cadence_spm": 241}, {"counted_on": "30.4."}):
        with pytest.raises(ValidationError):
            Profile.model_validate(bad)


def test_baseline_from_easy_runs_only_and_the_ladder(capsys: pytest.CaptureFixture[str]) -> None:
    store_baseline_weeks()
    store_run(40, None)  # no cadence recorded
    view = cadence_json(capsys, "--steps", "90")  # a count is kept but runs win
    assert view["source"] == "runs"
    assert view["baseline_spm"] == 160  # the tempo runs at 176-178 spm are left out
    assert view["baseline_runs"] == 3
    assert view["easy_pace_s_per_km"] == pytest.approx(EASY)
    assert "2 runs at another pace left out" in view["baseline_reason"]
    # cadence_ladder stops at the band: 160 -> 165 -> 170 (+10 % would allow up to 176)
    assert [step["target_spm"] for step in view["steps"]] == [165, 170]
    assert not any(step["adopted"] for step in view["steps"])
    assert view["advice"]["action"] == "hold" and view["advice"]["target_spm"] == 165
    assert "no easy-pace runs after your baseline weeks" in view["advice"]["reason"]
    assert any("had no cadence recorded" in note for note in view["notes"])
    assert any("counted cadence of 180 spm is kept but not used" in n for n in view["notes"])
    out = cadence_text(capsys)
    assert "median of 3 easy-pace runs at 6:00 /km, pace within 5 %" in out
    assert "+3.1 %" in out and "+6.2 %" in out
    assert "stop rather than push on (a running brand's guest post" in out
    assert "DOMAIN.md" not in out  # the section ids stay in --json


def test_an_adopted_step_with_stable_pain_advances(capsys: pytest.CaptureFixture[str]) -> None:
    store_baseline_weeks()
    for days_ago, cadence in ((10, 164.0), (7, 165.0), (4, 166.0)):
        store_run(days_ago, cadence)
    store_run(3, 180.0, TEMPO)  # a faster run says nothing about adoption
    log_pain_days({12: 3, 9: 3, 5: 3, 1: 3})
    view = cadence_json(capsys)
    assert [(s["target_spm"], s["adopted"], s["runs_judged"]) for s in view["steps"]] == [
        (165, True, 3),
        (170, False, 3),
    ]
    assert view["recent_spm"] == 165
    assert view["pain"]["verdict"] == "stable"
    advice = view["advice"]
    assert (advice["action"], advice["target_spm"]) == ("advance", 170)
    assert advice["metronome"] == {"spm": 170, "minutes": 20}
    assert "Advance to 170 spm" in cadence_text(capsys)


def test_rising_pain_holds_an_adopted_step(capsys: pytest.CaptureFixture[str]) -> None:
    store_baseline_weeks()
    for days_ago, cadence in ((10, 164.0), (7, 165.0), (4, 166.0)):
        store_run(days_ago, cadence)
    log_pain_days({12: 2, 9: 2, 5: 6, 1: 6})
    view = cadence_json(capsys)
    assert view["pain"]["verdict"] == "worse"
    advice = view["advice"]
    assert (advice["action"], advice["target_spm"]) == ("hold", 165)
    assert "pain is rising" in advice["reason"]
    assert "Hold at 165 spm" in cadence_text(capsys)


def test_a_step_not_yet_adopted_means_more_practice(capsys: pytest.CaptureFixture[str]) -> None:
    store_baseline_weeks()
    for days_ago, cadence in ((10, 160.0), (7, 161.0), (4, 161.0)):
        store_run(days_ago, cadence)
    view = cadence_json(capsys)
    assert [s["adopted"] for s in view["steps"]] == [False, False]
    advice = view["advice"]
    assert (advice["action"], advice["target_spm"]) == ("hold", 165)
    assert "median of 161 spm" in advice["reason"]
    assert advice["metronome"] == {"spm": 165, "minutes": 20}


def test_every_step_adopted_ends_the_ladder(capsys: pytest.CaptureFixture[str]) -> None:
    store_baseline_weeks()
    for days_ago, cadence in ((10, 170.0), (7, 171.0), (4, 172.0)):
        store_run(days_ago, cadence)
    view = cadence_json(capsys)
    assert [s["adopted"] for s in view["steps"]] == [True, True]
    assert (view["advice"]["action"], view["advice"]["target_spm"]) == ("hold", 170)
    assert "every step" in view["advice"]["reason"]


def test_a_runner_in_the_band_needs_no_change(capsys: pytest.CaptureFixture[str]) -> None:
    for days_ago in (20, 15, 10):
        store_run(days_ago, 178.0)
    view = cadence_json(capsys)
    assert view["baseline_spm"] == 178 and view["steps"] == []
    assert view["advice"]["action"] == "no_change"
    out = cadence_text(capsys)
    assert "already in the 170-190 band: no change needed" in out
    assert "Hold" not in out and "Advance" not in out


class FakeClock:
    """A monotonic clock that moves only when the count waits."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.waited: list[float] = []

    def now(self) -> float:
        return self.t

    def wait(self, seconds: float) -> None:
        self.waited.append(seconds)
        self.t += seconds


def replies(*typed: str | type[BaseException]) -> Iterator[str]:
    for reply in typed:
        if isinstance(reply, type):
            raise reply
        yield reply


def test_the_timed_count_saves_the_steps(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()
    answers = replies("", "lots", "82")
    prompts: list[str] = []

    def read_line(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(commands_cadence, "_now", clock.now)
    monkeypatch.setattr(commands_cadence, "_wait", clock.wait)
    monkeypatch.setattr(commands_cadence, "_read_line", read_line)
    assert run(["cadence", "--count", "--quiet"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert sum(clock.waited) == pytest.approx(30)
    assert len(clock.waited) == 30  # one redraw a second
    assert prompts[0].startswith("Press Enter")
    assert prompts[1:] == ["How many steps did you count? "] * 2
    assert "'lots' is not a whole number" in out
    assert "Saved: 82 steps in 30 s, so 164 steps a minute." in out
    assert "\a" not in out
    assert cadence_json(capsys)["baseline_spm"] == 164


@pytest.mark.parametrize("cancel_at", [0, 1])
def test_cancelling_the_count_saves_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, cancel_at: int
) -> None:
    clock = FakeClock()
    answers = replies(*[""] * cancel_at, KeyboardInterrupt)
    monkeypatch.setattr(commands_cadence, "_now", clock.now)
    monkeypatch.setattr(commands_cadence, "_wait", clock.wait)
    monkeypatch.setattr(commands_cadence, "_read_line", lambda prompt: next(answers))
    assert run(["cadence", "--count", "--quiet"]) == 130
    assert "Count cancelled, nothing saved." in capsys.readouterr().out
    assert cadence_json(capsys)["baseline_spm"] is None


def test_count_and_steps_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["cadence", "--count", "--steps", "80"]) == 2
    assert "either --count or --steps" in capsys.readouterr().err


def test_the_baseline_comes_from_recent_runs_not_the_oldest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    old = (NOW - datetime(1990, 6, 1, 7, tzinfo=UTC)).days
    store_run(old, 180.0)  # a run from a watch whose clock said 1990
    for days_ago in (30, 27, 24, 21, 18):
        store_run(days_ago, 166.0)
    view = cadence_json(capsys)
    assert view["baseline_spm"] == 166
    assert "recent runs" in view["baseline_reason"]
    assert any("1 older run" in note and "not used" in note for note in view["notes"])
