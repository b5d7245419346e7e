"""Today's routine from the runner's record, pure: refused without a screening, else built."""

from datetime import UTC, datetime, timedelta

import pytest
from screening_base import CALM

from backstride.domain.catalogue import load_catalogue
from backstride.domain.refusals import NO_SCREENING, refusal_hint, refusal_of
from backstride.domain.runner_record import runner_record
from backstride.domain.safety_status import ScreeningRecord
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.domain.todays_routine import DEFAULT_MINUTES, routine_plan
from backstride.errors import SafetyRefusal

CATALOGUE = load_catalogue()
NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)


def calm_screening(taken_at: datetime) -> ScreeningRecord:
    answers = ScreeningAnswers.model_validate(CALM)
    return ScreeningRecord("s1", taken_at, "screen", answers, "self_care", ())


def test_with_no_screening_there_is_no_routine_and_the_hint_is_to_screen() -> None:
    record = runner_record(CATALOGUE, [], [], [], NOW, UTC)
    assert refusal_of(record.status) == NO_SCREENING
    assert refusal_hint(record.status) == "screen"
    with pytest.raises(SafetyRefusal, match="no screening yet"):
        routine_plan(CATALOGUE, record, frozenset(), NOW.date(), UTC)


def test_after_a_calm_screening_a_routine_is_built_for_20_minutes() -> None:
    record = runner_record(CATALOGUE, [], [], [calm_screening(NOW - timedelta(days=1))], NOW, UTC)
    assert refusal_of(record.status) is None and record.decisions == {}
    plan = routine_plan(CATALOGUE, record, frozenset(), NOW.date(), UTC)
    assert plan.minutes == DEFAULT_MINUTES and plan.goal == "prevent"
    assert plan.routine.items and plan.decisions == {}


def test_a_full_screening_older_than_4_weeks_asks_for_a_new_one() -> None:
    old = calm_screening(NOW - timedelta(weeks=5))
    record = runner_record(CATALOGUE, [], [], [old], NOW, UTC)
    refusal = refusal_of(record.status)
    assert refusal is not None and "more than 4 weeks old" in refusal
