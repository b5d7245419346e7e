"""A week plan's request and moves, pure: the checks, the move form, saved moves replayed."""

from datetime import UTC, datetime

import pytest

from backstride.domain.catalogue import load_catalogue
from backstride.domain.plan_moves import Move, move_text, new_move, parse_move, replay_moves
from backstride.domain.plan_notes import dose_changes, sentence
from backstride.domain.plan_request import check_sessions, check_weeks, refuse_after_red_flags
from backstride.domain.plans import plan_week
from backstride.domain.profile import parse_run_days
from backstride.domain.safety_status import safety_status
from backstride.errors import InvalidInput

ACCEPTANCE = "tue:easy@07:00,thu:intervals@18:00,sat:long@08:00,sun:easy@09:00"


def test_a_move_is_read_and_written_back_the_same() -> None:
    move = parse_move(" tue:mon@18:00 ")
    assert move == Move("tue", "mon", "18:00")
    assert move_text(move) == "tue:mon@18:00"
    assert move_text(parse_move("fri:sat")) == "fri:sat"


@pytest.mark.parametrize(
    "spec",
    ["tue-mon", "tue:", "tue:mon:wed", "tue:someday", "tue:mon@25:00", "tue:mon@", "tue:tue"],
)
def test_a_bad_move_names_itself_and_the_field(spec: str) -> None:
    with pytest.raises(InvalidInput, match=repr(spec)) as raised:
        parse_move(spec)
    assert raised.value.field == "move"


def test_a_saved_move_that_no_longer_fits_is_left_out_with_a_note() -> None:
    plan = plan_week(parse_run_days(ACCEPTANCE), 3)
    notes: list[str] = []
    replayed, violations = replay_moves(plan, ["mon:wed"], notes)
    assert replayed == plan and violations == []
    assert len(notes) == 1 and notes[0].startswith("Your saved move mon:wed was left out")


def test_a_new_move_that_breaks_a_rule_is_refused() -> None:
    plan = plan_week(parse_run_days(ACCEPTANCE), 3)
    with pytest.raises(InvalidInput, match="breaks a rule") as raised:
        new_move(plan, parse_move("tue:fri"), "tue:fri")
    assert raised.value.field == "move"
    moved, warnings = new_move(plan, parse_move("tue:mon@18:00"), "tue:mon@18:00")
    assert moved != plan and all(w.severity == "advice" for w in warnings)


@pytest.mark.parametrize("weeks", [0, 13])
def test_plan_length_outside_1_to_12_weeks_is_refused(weeks: int) -> None:
    with pytest.raises(InvalidInput, match=f"weeks {weeks}"):
        check_weeks(weeks)


def test_plan_length_and_sessions_inside_the_range_pass() -> None:
    assert [check_weeks(w) for w in (1, 12)] == [1, 12]
    assert [check_sessions(s) for s in (2, 3)] == [2, 3]
    with pytest.raises(InvalidInput, match="sessions 4"):
        check_sessions(4)


def test_no_screening_is_no_red_flag_for_the_plan() -> None:
    refuse_after_red_flags(safety_status([], [], datetime(2026, 3, 2, tzinfo=UTC)))


def test_no_sessions_logged_means_no_dose_changes_with_a_note() -> None:
    changes, note = dose_changes(load_catalogue(), [], {})
    assert changes == [] and note is not None and "No strength sessions" in note


def test_a_clause_becomes_a_sentence() -> None:
    assert sentence(" no screening yet ") == "No screening yet."
    assert sentence("Done!") == "Done!"
