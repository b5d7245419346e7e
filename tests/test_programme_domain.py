"""Programme changes in the domain: the fold of versions, the checks at the time of the change,
and the changes applied to today's routine after the safety rules (pure, no database)."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from screening_base import CALM

from backstride.domain.catalogue import load_catalogue
from backstride.domain.pain import PainEntry
from backstride.domain.prescription import starting_prescription
from backstride.domain.programme_changes import (
    ChangeAsked,
    ProgrammeChange,
    check_change,
    in_force,
)
from backstride.domain.progression_history import planned_document
from backstride.domain.runner_record import RunnerRecord, runner_record
from backstride.domain.safety_status import ScreeningRecord
from backstride.domain.screening import screen
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.domain.session_record import ExerciseLog, SessionRecord
from backstride.domain.todays_routine import routine_plan, routine_request
from backstride.errors import InvalidInput, SafetyRefusal

CAT = load_catalogue()
NOW = datetime(2026, 12, 3, 9, tzinfo=UTC)
ALL_KIT = frozenset({"mat", "stability_ball", "towel", "wall"})
RADICULAR = {**CALM, "radiates_below_knee": True}
PREGNANT = {**CALM, "pregnant_or_postpartum": True}
SPASM = {**CALM, "onset": "sudden", "locked_or_seized_feeling": True}
EMERGENCY = {**CALM, "saddle_numbness": True}


def _record(*answers: dict[str, object]) -> RunnerRecord:
    records = []
    for index, raw in enumerate(answers):
        parsed = ScreeningAnswers.model_validate(raw)
        result = screen(parsed)
        taken = NOW - timedelta(hours=len(answers) - index)
        fired = tuple(r.id for r in result.fired)
        records.append(ScreeningRecord(f"s{index}", taken, "screen", parsed, result.triage, fired))
    return runner_record(CAT, [], [], records, NOW, UTC)


def _version(number: int, asked: ChangeAsked, undoes: str | None = None) -> ProgrammeChange:
    return ProgrammeChange(f"c{number}", number, NOW, "cleo-id", "cleo", asked, undoes)


def _check(asked: ChangeAsked, *answers: dict[str, object]) -> ChangeAsked:
    request = routine_request(_record(*answers), ALL_KIT, NOW.date())
    return check_change(CAT, asked, request)


def test_the_latest_change_per_ladder_wins_and_an_undo_brings_the_earlier_back() -> None:
    pin = _version(1, ChangeAsked("pin", "hips", "squat"))
    out = _version(2, ChangeAsked("exclude", "sore knee", "squat"))
    assert set(in_force([pin]).pins) == {"squat"}
    assert set(in_force([pin, out]).excludes) == {"squat"} and not in_force([pin, out]).pins
    undo = _version(3, out.asked, undoes="c2")
    assert in_force([pin, out, undo]).pins == {"squat": pin}
    assert in_force([pin, _version(2, pin.asked, undoes="c1")]).changes() == []


def test_a_pin_is_checked_against_the_pattern_and_the_limits() -> None:
    assert _check(ChangeAsked("pin", "x", "Plank"), CALM).exercise_id == "plank"
    refusals = [
        (ChangeAsked("pin", "x", "ball-back-extension"), SPASM, "avoided for"),
        # Radicular pain is see_clinician (C1): the low-load set (L1) covers L4 as well.
        (ChangeAsked("pin", "x", "partial-crunch"), RADICULAR, "L1"),
        (ChangeAsked("pin", "x", "locust"), PREGNANT, "L1"),
    ]
    for asked, answers, rule in refusals:
        with pytest.raises(SafetyRefusal, match=rule):
            _check(asked, answers)


def test_caps_sessions_notes_and_reasons_are_checked() -> None:
    assert _check(ChangeAsked("cap", "x", "plank", max_hold_s=60), CALM).max_hold_s == 60
    with pytest.raises(
        SafetyRefusal, match="above the ladder: Forearm plank.s doses go up to 60 s hold"
    ):
        _check(ChangeAsked("cap", "x", "plank", max_hold_s=61), CALM)
    bad = [
        ChangeAsked("cap", "x", "squat", max_hold_s=5),  # a squat has no hold
        ChangeAsked("cap", "x", "plank"),
        ChangeAsked("cap", "x", "plank", max_reps=0),
        ChangeAsked("sessions", "x", sessions=1),
        ChangeAsked("sessions", "x", sessions=4),
        ChangeAsked("note", "x", note="   "),
        ChangeAsked("pin", "   ", "plank"),
        ChangeAsked("pin", "x", "no-such-move"),
    ]
    for asked in bad:
        with pytest.raises(InvalidInput):
            _check(asked, CALM)
    assert _check(ChangeAsked("sessions", " busy ", sessions=3), CALM).reason == "busy"


def _plan_with(record: RunnerRecord, *changes: ChangeAsked) -> object:
    versions = [_version(n + 1, asked) for n, asked in enumerate(changes)]
    return routine_plan(CAT, record, ALL_KIT, NOW.date(), UTC, changes=in_force(versions))


def test_a_pin_that_the_rules_forbid_later_is_not_applied_and_today_says_why() -> None:
    pin = ChangeAsked("pin", "strong core", "partial-crunch")
    calm = routine_plan(
        CAT, _record(CALM), ALL_KIT, NOW.date(), UTC, changes=in_force([_version(1, pin)])
    )
    assert "partial-crunch" in calm.pinned
    later = routine_plan(
        CAT,
        _record(CALM, RADICULAR),
        ALL_KIT,
        NOW.date(),
        UTC,
        changes=in_force([_version(1, pin)]),
    )
    assert not any(item.exercise.id == "partial-crunch" for item in later.routine.items)
    assert any("pinned by cleo" in line and "L1" in line for line in later.programme)
    ball = ChangeAsked("pin", "back strength", "ball-back-extension")
    spasm = routine_plan(
        CAT, _record(CALM, SPASM), ALL_KIT, NOW.date(), UTC, changes=in_force([_version(1, ball)])
    )
    assert not any(item.exercise.id == "ball-back-extension" for item in spasm.routine.items)
    assert any("avoided for" in line for line in spasm.programme)


def test_after_an_emergency_result_there_is_no_programme_whatever_was_set() -> None:
    with pytest.raises(SafetyRefusal, match="emergency"):
        _plan_with(_record(CALM, EMERGENCY), ChangeAsked("pin", "x", "squat"))


def test_excluding_everything_leaves_no_routine_and_says_so() -> None:
    record = _record(CALM)
    ladders = {CAT.family_chain(e.id)[0].id for e in CAT.exercises}
    with pytest.raises(SafetyRefusal, match="clinician's changes leave no exercise"):
        _plan_with(record, *(ChangeAsked("exclude", "rest", ladder) for ladder in ladders))


def test_a_cap_lowers_the_dose_and_names_who_set_it() -> None:
    record = _record(CALM)
    first = routine_plan(CAT, record, ALL_KIT, NOW.date(), UTC).routine.items[0]
    capped = ChangeAsked("cap", "easy week", first.exercise.id, max_reps=1, max_hold_s=1)
    plan = routine_plan(
        CAT, record, ALL_KIT, NOW.date(), UTC, changes=in_force([_version(1, capped)])
    )
    item = next(i for i in plan.routine.items if i.exercise.id == first.exercise.id)
    assert item.prescription.reps == 1
    assert item.prescription.hold_s in (None, 1)
    assert any("capped by cleo" in line for line in plan.programme)


def _good_sessions(chain: str, days: tuple[int, ...]) -> list[SessionRecord]:
    """Sessions of one ladder at its starting dose, all done, no pain during."""
    sessions = []
    for day in days:
        started = NOW - timedelta(days=day, hours=1)
        planned = starting_prescription(CAT.get(chain))
        log = ExerciseLog(
            0,
            planned.exercise_id,
            planned.level_id,
            planned_document(planned, None),
            {"work_planned": 6, "work_done": 6, "work_skipped": 0},
            0,
        )
        record = SessionRecord(started, started + timedelta(minutes=20), 1200.0, True, 3, {})
        sessions.append(replace(record, logs=(log,)))
    return sessions


def _on(exercise_id: str, ladder: str) -> bool:
    return CAT.family_chain(exercise_id)[0].id == ladder


def test_a_hold_keeps_a_ladder_at_its_last_dose_where_progression_would_move_it_on() -> None:
    answers = ScreeningAnswers.model_validate(CALM)
    screened = ScreeningRecord("s0", NOW - timedelta(days=20), "screen", answers, "self_care", ())
    mornings = [PainEntry(NOW - timedelta(days=d, hours=2), 2, "morning") for d in range(1, 20)]
    sessions = _good_sessions("glute-squeeze", (6, 4, 2))
    record = runner_record(CAT, sessions, mornings, [screened], NOW, UTC)
    assert record.decisions["glute-squeeze"].action == "progress"
    pin = _version(1, ChangeAsked("pin", "hips", "glute-squeeze"))
    moved = routine_plan(CAT, record, ALL_KIT, NOW.date(), UTC, changes=in_force([pin]))
    last = starting_prescription(CAT.get("glute-squeeze"))
    item = next(i for i in moved.routine.items if _on(i.exercise.id, "glute-squeeze"))
    assert item.prescription != last
    hold = _version(2, ChangeAsked("hold", "steady", "glute-squeeze"))
    held = routine_plan(CAT, record, ALL_KIT, NOW.date(), UTC, changes=in_force([pin, hold]))
    item = next(i for i in held.routine.items if _on(i.exercise.id, "glute-squeeze"))
    assert item.prescription == last
    assert any("held at its last dose" in line for line in held.programme)
