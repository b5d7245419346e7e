"""Cadence advice as a pure rule: advance only on an adopted step with pain not rising."""

from datetime import date, timedelta

import pytest

from backstride.domain.cadence_advice import CadenceRun, StepView, adoption, cadence_advice

STEPS = [StepView(165, 3.1, True, 3), StepView(170, 6.2, False, 3)]


def _runs(cadence: float, count: int) -> list[CadenceRun]:
    day = date(2026, 11, 1)
    return [CadenceRun(day + timedelta(days=i), 360.0, cadence, False, True) for i in range(count)]


@pytest.mark.parametrize(
    ("verdict", "action"),
    [("stable", "advance"), ("improving", "advance"), ("worse", "hold")],
)
def test_an_adopted_step_advances_only_when_pain_is_not_rising(verdict: str, action: str) -> None:
    advice = cadence_advice(STEPS, "ladder", "runs", 3, 165.0, verdict, "Pain rose by 2.")
    assert advice.action == action
    assert advice.target_spm == (170 if action == "advance" else 165)


def test_a_step_is_judged_on_two_or_more_like_pace_runs_only() -> None:
    assert adoption([165], _runs(165.0, 1), 360.0) == ([False], 1, None)
    verdicts, judged, recent = adoption([165, 170], _runs(166.0, 3), 360.0)
    assert verdicts == [True, False] and judged == 3 and recent == 166.0


def test_a_runner_past_every_step_is_told_to_keep_the_cadence() -> None:
    done = [StepView(165, 3.1, True, 3)]
    advice = cadence_advice(done, "ladder", "runs", 3, 171.0, "stable", "")
    assert advice.action == "hold" and "keep this cadence" in advice.reason
