"""The session API: start today's routine, report what was played once, read it back."""

from datetime import timedelta
from typing import Any

from api_calls import API, Runner, runner_with_data
from screening_base import answers_with
from web_client import FakeClock, web_app

from backstride.services.browser_session_result import SessionResult, SessionStartResult


def _start(anna: Runner, **body: Any) -> SessionStartResult:
    started = anna.call("POST", f"{API}/sessions", json=body)
    assert started.status_code == 201, started.text
    return SessionStartResult.model_validate(started.json())


def _played_through(start: SessionStartResult, **changes: Any) -> dict[str, Any]:
    """A report of every step played to its deadline."""
    report: dict[str, Any] = {
        "started_at": "2026-01-05T08:00:00Z",
        "ended_at": "2026-01-05T08:10:00Z",
        "active_s": start.total_s,
        "reached_end": True,
        "completions": [{"step": i, "skipped": False} for i in range(len(start.steps))],
        "pain_answers": [
            {"step": i, "score": 2} for i, step in enumerate(start.steps) if step.ends_exercise
        ],
    }
    return report | changes


def test_a_session_is_started_played_reported_and_read_back() -> None:
    with web_app() as browser:
        anna = runner_with_data(browser, "anna")
        start = _start(anna, minutes=10)
        assert start.steps and start.total_s == sum(step.duration_s for step in start.steps)
        assert start.pain_rules.ends_exercise_above == 5
        assert start.pain_rules.ends_session_from == 7
        open_one = SessionResult.model_validate(
            anna.call("GET", f"{API}/sessions/{start.id}").json()
        )
        assert not open_one.finished and open_one.ended_by is None
        before = anna.export()

        report = _played_through(start)
        played = anna.call("POST", f"{API}/sessions/{start.id}/played", json=report)
        assert played.status_code == 200, played.text
        result = SessionResult.model_validate(played.json())
        assert result.finished and result.completed and result.ended_by == "end"
        assert not result.check_in_next
        assert all(e.work_done == e.work_planned > 0 for e in result.exercises)
        assert all(e.pain_during == 2 for e in result.exercises)
        assert result.next_doses and all(dose.reason for dose in result.next_doses)
        after = anna.export()
        assert after != before

        again = anna.call("POST", f"{API}/sessions/{start.id}/played", json=report)
        assert again.status_code == 200 and again.json() == played.json()
        assert anna.export() == after
        assert anna.call("GET", f"{API}/sessions/{start.id}").json() == played.json()

        other = _played_through(start, rpe=4)
        clash = anna.call("POST", f"{API}/sessions/{start.id}/played", json=other)
        assert clash.status_code == 409, clash.text
        assert "first report stands" in clash.json()["detail"]
        assert anna.export() == after


def _stopped_by_pain(anna: Runner, score: int) -> Any:
    """Start a session and report it ended at the first exercise by a pain score of 7+."""
    start = _start(anna, minutes=10)
    first_end = next(i for i, step in enumerate(start.steps) if step.ends_exercise)
    report = _played_through(
        start,
        reached_end=False,
        ended_by="pain_7_plus",
        completions=[{"step": i, "skipped": False} for i in range(first_end + 1)],
        pain_answers=[{"step": first_end, "score": score}],
    )
    return anna.call("POST", f"{API}/sessions/{start.id}/played", json=report)


def test_pain_of_7_ends_the_session_and_no_other_starts_today() -> None:
    with web_app() as browser:
        anna = runner_with_data(browser, "anna")
        played = _stopped_by_pain(anna, 8)
        assert played.status_code == 200, played.text
        result = SessionResult.model_validate(played.json())
        assert result.check_in_next and not result.completed
        assert result.exercises[0].stopped_for_pain == 8
        again = anna.call("POST", f"{API}/sessions", json={})
        assert again.status_code == 409
        assert "no more exercise today" in again.json()["detail"]


def test_leg_symptoms_end_the_session_and_call_for_the_check_in() -> None:
    with web_app() as browser:
        anna = runner_with_data(browser, "anna")
        start = _start(anna, minutes=10)
        report = _played_through(
            start,
            reached_end=False,
            ended_by="leg_symptoms",
            completions=[{"step": 0, "skipped": False}],
            pain_answers=[],
            leg_symptoms_step=1,
        )
        played = anna.call("POST", f"{API}/sessions/{start.id}/played", json=report)
        assert played.status_code == 200, played.text
        result = SessionResult.model_validate(played.json())
        assert result.check_in_next and result.ended_by == "leg_symptoms"
        assert result.exercises[0].leg_symptoms


def test_no_session_starts_when_the_level_or_the_gate_forbids_it() -> None:
    with web_app() as browser:
        anna = runner_with_data(browser, "anna")
        urgent = anna.call("POST", f"{API}/screenings", json=answers_with(saddle_numbness=True))
        assert urgent.status_code == 201
        before = anna.export()
        refused = anna.call("POST", f"{API}/sessions", json={})
        assert refused.status_code == 409, refused.text
        assert "steps" not in refused.json() and refused.json()["detail"]
        assert anna.export() == before


def test_the_check_in_comes_first_when_the_gate_says_so() -> None:
    clock = FakeClock()
    with web_app(clock) as browser:
        anna = runner_with_data(browser, "anna")
        played = _stopped_by_pain(anna, 7)
        assert played.status_code == 200, played.text
        clock.now += timedelta(days=1)
        before = anna.export()
        gated = anna.call("POST", f"{API}/sessions", json={})
        assert gated.status_code == 409, gated.text
        assert gated.json()["detail"].startswith("check-in first"), gated.text
        assert anna.export() == before


def test_bad_reports_are_refused_with_the_value_named() -> None:
    with web_app() as browser:
        anna = runner_with_data(browser, "anna")
        start = _start(anna, minutes=10)
        count = len(start.steps)
        url = f"{API}/sessions/{start.id}/played"
        cases: list[tuple[dict[str, Any], str]] = [
            ({"completions": [{"step": count, "skipped": False}]}, f"step {count}"),
            ({"pain_answers": [{"step": 0, "score": 11}]}, "pain 11"),
            ({"ended_at": "yesterday"}, "'yesterday'"),
            ({"ended_at": "2026-01-05T08:10:00"}, "offset"),
            ({"ended_at": "2026-01-05T07:00:00Z"}, "before started_at"),
            ({"ended_at": "2099-01-05T07:00:00Z"}, "in the future"),
            ({"reached_end": "yes"}, "reached end"),
            ({"rpe": 12}, "effort 12"),
            ({"reached_end": False, "ended_by": "end"}, "did not reach its end"),
        ]
        for changes, words in cases:
            response = anna.call("POST", url, json=_played_through(start, **changes))
            assert response.status_code == 422, (changes, response.text)
            assert words in response.json()["detail"], (changes, response.text)
        assert not anna.call("GET", f"{API}/sessions/{start.id}").json()["finished"]
        missing = anna.call("POST", f"{API}/sessions/nope/played", json=_played_through(start))
        assert missing.status_code == 404
        assert anna.call("GET", f"{API}/sessions/nope").status_code == 404
        assert anna.call("POST", f"{API}/sessions", json={"minutes": "10"}).status_code == 422
