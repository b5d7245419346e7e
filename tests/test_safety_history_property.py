"""Over any stored history, an answer moved toward a red flag never lowers the level now.

Hypothesis draws histories of screenings and check-ins (in any order, on any dates within a
few weeks, some with the doctor-assessed confirmation), then moves one answer of one record one
step toward alarm, or adds one more alarming record, and checks `safety_status` never calms
(the contract's "same holds over time" property; DOMAIN.md 2.1.4).
"""

import os
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from screening_base import CALM
from test_screening_monotonic import _steps_toward_alarm, valid_answers

from backstride.domain.safety_status import ScreeningRecord, safety_status
from backstride.domain.screening import level_rank, screen
from backstride.domain.screening_answers import ScreeningAnswers

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
EXAMPLES = int(os.environ.get("BACKSTRIDE_PROPERTY_EXAMPLES", "150"))


@st.composite
def histories(draw: st.DrawFn, doctor: bool = False) -> list[tuple[str, int, dict[str, Any]]]:
    """Records as (kind, minutes before now, raw answers); a future date now and then.

    With `doctor`, some records carry the doctor-assessed confirmation: the one path by which
    a calmer answer may replace an alarm, so the monotonic properties draw histories without it
    and the doctor path has its own property below.
    """
    count = draw(st.integers(1, 4))
    out = []
    for _ in range(count):
        kind = draw(st.sampled_from(["screen", "screen", "check_in", "screen_stopped"]))
        minutes = draw(st.one_of(st.integers(-60 * 24 * 3, 60 * 24 * 40), st.integers(0, 600)))
        raw = draw(valid_answers())
        raw["doctor_assessed_since_warning"] = doctor and draw(st.booleans())
        out.append((kind, minutes, raw))
    return out


def _records(history: list[tuple[str, int, dict[str, Any]]]) -> list[ScreeningRecord]:
    records = []
    for index, (kind, minutes, raw) in enumerate(history):
        answers = ScreeningAnswers(**raw)
        result = screen(answers)
        records.append(
            ScreeningRecord(
                f"r{index}",
                NOW - timedelta(minutes=minutes),
                kind,  # type: ignore[arg-type]
                answers,
                result.triage,
                tuple(r.id for r in result.fired),
            )
        )
    return records


def _level(history: list[tuple[str, int, dict[str, Any]]]) -> int:
    status = safety_status(_records(history), [], NOW)
    assert status.level is not None
    return level_rank(status.level)


def _moves(raw: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    moves = [
        (name, moved)
        for name, moved in _steps_toward_alarm(raw)
        # Recording long-standing symptoms in both legs is the claudication path of its own
        # (C1, DOMAIN.md 2.1.2 E5), not a step toward alarm for the records after it.
        if not (
            name == "leg_symptom_side"
            and moved["leg_symptom_side"] == "both"
            and moved["leg_symptom_onset"] == "chronic_stable"
        )
    ]
    return moves


@settings(max_examples=EXAMPLES, deadline=None)
@given(histories(), st.data())
def test_moving_one_answer_of_any_record_toward_alarm_never_lowers_the_level_now(
    history: list[tuple[str, int, dict[str, Any]]], data: st.DataObject
) -> None:
    before = _level(history)
    index = data.draw(st.integers(0, len(history) - 1))
    kind, minutes, raw = history[index]
    for name, moved in _moves(raw):
        changed = [*history[:index], (kind, minutes, moved), *history[index + 1 :]]
        assert _level(changed) <= before, f"moving {name} in record {index} calmed the level"


@settings(max_examples=EXAMPLES, deadline=None)
@given(histories(), valid_answers(), st.sampled_from(["screen", "check_in"]), st.integers(0, 600))
def test_adding_a_record_never_calms_without_the_doctor_assessed_path(
    history: list[tuple[str, int, dict[str, Any]]],
    raw: dict[str, Any],
    kind: str,
    minutes: int,
) -> None:
    before = _level(history)
    raw["doctor_assessed_since_warning"] = False
    after = _level([*history, (kind, minutes, raw)])
    held = safety_status(_records(history), [], NOW).held
    if held is not None:
        assert after <= level_rank(held.level)
    alarm_before = before <= level_rank("urgent_doctor")
    if alarm_before:
        assert after <= before


@settings(max_examples=EXAMPLES, deadline=None)
@given(valid_answers(), st.sampled_from(["none", "chronic_stable", "new"]), st.data())
def test_two_leg_symptoms_new_since_the_last_screening_are_always_e5(
    raw: dict[str, Any], onset: str, data: st.DataObject
) -> None:
    """none -> chronic_stable must not switch E5 off when the two-leg symptoms are new."""
    calm_legs = {
        **raw,
        "leg_symptom_side": "none",
        "leg_symptom_onset": "none",
        "numbness_tingling_leg": "none",
    }
    later = {**raw, "leg_symptom_side": "both", "leg_symptom_onset": onset}
    kind = data.draw(st.sampled_from(["screen", "check_in"]))
    status = safety_status(_records([("screen", 120, calm_legs), (kind, 60, later)]), [], NOW)
    assert status.level == "emergency"


@settings(max_examples=EXAMPLES, deadline=None)
@given(histories(doctor=True), valid_answers())
def test_after_a_doctor_assessment_an_emergency_rule_that_fires_is_an_emergency(
    history: list[tuple[str, int, dict[str, Any]]], raw: dict[str, Any]
) -> None:
    """The doctor path lowers only urgent history flags, never an emergency sign now."""
    emergency = {**raw, "saddle_numbness": True, "doctor_assessed_since_warning": True}
    status = safety_status(_records([*history, ("screen", 0, emergency)]), [], NOW)
    assert status.level == "emergency"


@settings(max_examples=EXAMPLES, deadline=None)
@given(histories(doctor=True))
def test_removing_a_doctor_confirmation_never_calms(
    history: list[tuple[str, int, dict[str, Any]]],
) -> None:
    before = _level(history)
    without = [
        (kind, minutes, {**raw, "doctor_assessed_since_warning": False})
        for kind, minutes, raw in history
    ]
    assert _level(without) <= before


def test_a_screening_dated_before_an_urgent_check_in_does_not_calm_it() -> None:
    """Found by the property above: a check-in told the runner urgent (U8, age 5, sudden
    onset); a full screening restored with an earlier date made the check-in merge over other
    answers, and the level fell to see_clinician. The told result stands."""
    child = {**CALM, "age": 5, "age_at_onset": 4, "first_ever_episode": True}
    alone = _records([("check_in", 0, child)])
    assert alone[0].triage == "urgent_doctor" and "U8" in alone[0].rules
    earlier = {**child, "first_ever_episode": False}  # the restored screening says otherwise
    both = _records([("check_in", 0, child), ("screen", 1, earlier)])
    status = safety_status(both, [], NOW)
    assert status.level is not None
    assert level_rank(status.level) <= level_rank("urgent_doctor")
