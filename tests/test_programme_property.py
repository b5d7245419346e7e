"""Programme changes never override safety: over random screening histories (every level, every
pattern) and random sequences of changes and undos (never checked, so even changes the rules
would refuse), today's routine holds no exercise the safety rules exclude, no dose above the
ladder, and nothing at all after an emergency or urgent result."""

import os
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from screening_base import CALM
from test_screening_monotonic import valid_answers

from backstride.domain.catalogue import load_catalogue
from backstride.domain.exercise_positions import rung_facts
from backstride.domain.programme_changes import (
    KINDS,
    ChangeAsked,
    ProgrammeChange,
    in_force,
    ladder_tops,
)
from backstride.domain.routine_limits import (
    LOW_LOAD_RUNGS,
    PREGNANCY_LEFT_OUT_POSITIONS,
    PREGNANCY_SUPINE_MAX_S,
    supine_block_s,
)
from backstride.domain.runner_record import runner_record
from backstride.domain.safety_status import ScreeningRecord
from backstride.domain.screening import screen
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.domain.todays_routine import routine_plan
from backstride.errors import SafetyRefusal

CAT = load_catalogue()
NOW = datetime(2026, 12, 3, 9, tzinfo=UTC)
EXAMPLES = int(os.environ.get("BACKSTRIDE_PROPERTY_EXAMPLES", "150"))
KIT = ("mat", "stability_ball", "towel", "wall")
LADDERS = sorted({CAT.family_chain(e.id)[0].id for e in CAT.exercises})
PATTERN_ANSWERS: list[dict[str, Any]] = [
    {},
    {"onset": "sudden", "locked_or_seized_feeling": True},
    {"radiates_below_knee": True},
    {"pregnant_or_postpartum": True},
    {"leg_symptom_side": "both", "leg_symptom_onset": "chronic_stable"},
    {"saddle_numbness": True},
    {"fever_or_chills": True, "feels_systemically_unwell": True},
]


@st.composite
def histories(draw: st.DrawFn) -> list[dict[str, Any]]:
    """One to three full screenings: random valid answers or calm ones with a pattern's."""
    count = draw(st.integers(1, 3))
    return [
        draw(st.one_of(valid_answers(), st.sampled_from(PATTERN_ANSWERS).map(_calm_with)))
        for _ in range(count)
    ]


def _calm_with(changes: dict[str, Any]) -> dict[str, Any]:
    return {**CALM, **changes}


@st.composite
def change_lists(draw: st.DrawFn) -> list[ProgrammeChange]:
    """Changes of every kind on any ladder, with any numbers, and undos of earlier ones."""
    versions: list[ProgrammeChange] = []
    for number in range(1, draw(st.integers(0, 8)) + 1):
        if versions and draw(st.integers(0, 4)) == 0:
            target = draw(st.sampled_from(versions))
            if target.undoes is None:
                versions.append(_version(number, target.asked, target.id))
                continue
        asked = ChangeAsked(
            draw(st.sampled_from(["pin", "pin", *KINDS])),  # pins are the ones that add
            "why",
            draw(st.sampled_from(LADDERS)),
            draw(st.none() | st.integers(1, 200)),
            draw(st.none() | st.integers(1, 200)),
            draw(st.sampled_from([2, 3])),
            "a note",
        )
        versions.append(_version(number, asked))
    return versions


def _version(number: int, asked: ChangeAsked, undoes: str | None = None) -> ProgrammeChange:
    return ProgrammeChange(f"c{number}", number, NOW, "cleo-id", "cleo", asked, undoes)


def _records(history: list[dict[str, Any]]) -> list[ScreeningRecord]:
    records = []
    for index, raw in enumerate(history):
        answers = ScreeningAnswers(**raw)
        result = screen(answers)
        taken = NOW - timedelta(hours=len(history) - index)
        fired = tuple(r.id for r in result.fired)
        records.append(ScreeningRecord(f"r{index}", taken, "screen", answers, result.triage, fired))
    return records


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    history=histories(),
    changes=change_lists(),
    owned=st.just(frozenset(KIT)) | st.frozensets(st.sampled_from(KIT)),
)
def test_changes_never_override_the_safety_rules(
    history: list[dict[str, Any]], changes: list[ProgrammeChange], owned: frozenset[str]
) -> None:
    record = runner_record(CAT, [], [], _records(history), NOW, UTC)
    status = record.status
    try:
        plan = routine_plan(CAT, record, owned, NOW.date(), UTC, changes=in_force(changes))
    except SafetyRefusal:
        return
    assert status.level not in ("emergency", "urgent_doctor")
    assert status.exercises_allowed
    limits = status.limits
    low_load = limits.low_load or limits.pregnancy or status.level == "see_clinician"
    pattern = status.current.pattern if status.current else "nonspecific_mechanical"
    for item in plan.routine.items:
        level, facts = item.prescription.level_id, rung_facts(item.prescription.level_id)
        assert item.exercise.patterns[pattern].fit != "avoid", item.exercise.id
        assert item.exercise.needs_only(owned)
        assert not low_load or level in LOW_LOAD_RUNGS, level
        assert not limits.claudication or not facts.loaded_extension, level
        assert not limits.flexion_sensitive or not facts.loaded_flexion, level
        if limits.pregnancy:
            assert facts.position not in PREGNANCY_LEFT_OUT_POSITIONS, level
            assert supine_block_s(item) <= PREGNANCY_SUPINE_MAX_S, level
        top_reps, top_hold = ladder_tops(CAT, item.exercise.id)
        assert item.prescription.reps <= (top_reps or 1), item
        if item.prescription.hold_s is not None:
            assert top_hold is not None and item.prescription.hold_s <= top_hold, item
    held = in_force(changes)
    for ladder in held.excludes:
        assert all(CAT.family_chain(i.exercise.id)[0].id != ladder for i in plan.routine.items)
