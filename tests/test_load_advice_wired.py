"""LA1 in the runner's day and the plan: pain worse by the MIC beside a weekly jump over 30 %."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from screening_base import CALM
from stored_runs import store_run

from backstride.cli.app import run
from backstride.cli.local_action import local_action
from backstride.domain.screening import screen
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.services.pain import log_pain
from backstride.services.screening import record_screening

NOW = datetime.now(UTC)
MONDAY = (NOW - timedelta(days=NOW.weekday())).replace(hour=7, minute=0, second=0, microsecond=0)


def _history(last_week_km: float, this_week_km: float, pains: tuple[int, int]) -> None:
    with local_action(NOW - timedelta(days=20)) as action:
        record_screening(action, screen(ScreeningAnswers(**CALM)), "screen")
    for offset, km in ((-14, 20.0), (-7, last_week_km), (0, this_week_km)):
        store_run(MONDAY + timedelta(days=offset), km, km * 6)
    earlier, recent = pains
    for days_ago in range(13, 6, -1):
        with local_action(NOW - timedelta(days=days_ago)) as action:
            log_pain(action, earlier, "morning")
    for days_ago in range(6, -1, -1):
        with local_action(NOW - timedelta(days=days_ago, minutes=-1)) as action:
            log_pain(action, recent, "morning")


def _flat(text: str) -> str:
    return " ".join(re.sub("[│╭╮╰╯─]", " ", text).split())


def test_a_jump_over_30_percent_with_worse_pain_is_said_in_today_and_plan(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _history(last_week_km=20.0, this_week_km=29.0, pains=(2, 5))  # +45 %, pain +3
    assert run(["today"]) == 0
    today = _flat(capsys.readouterr().out)
    assert "trim the next runs" in today.lower() and "45 %" in today
    assert run(["plan", "--json"]) == 0
    notes = json.loads(capsys.readouterr().out)["notes"]
    assert any("trim the next runs" in note.lower() for note in notes)


@pytest.mark.parametrize(
    ("this_week_km", "pains"),
    [(26.0, (2, 5)), (29.0, (4, 5))],  # +30 % is not a jump; 4 -> 5 is under the MIC (1.2)
)
def test_no_advice_below_either_threshold(
    capsys: pytest.CaptureFixture[str], this_week_km: float, pains: tuple[int, int]
) -> None:
    _history(last_week_km=20.0, this_week_km=this_week_km, pains=pains)
    assert run(["today"]) == 0
    assert "trim the next runs" not in _flat(capsys.readouterr().out).lower()
