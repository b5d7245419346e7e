"""The dashboard order: a pure rule, checked case by case and over random clients."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import hypothesis.strategies as st
from hypothesis import given

from backstride.domain.care_dashboard import (
    ClientSigns,
    dashboard_order,
    dashboard_row,
    new_leg_symptoms,
    regressions_in_a_row,
)
from backstride.domain.pain import PainEntry, PainReach
from backstride.domain.screening import LEVELS
from backstride.domain.session_record import ExerciseLog, SessionRecord

CALM = ClientSigns("id-calm", "calm", "self_care", False, 0, 0.0, 5.0, 2)

signs = st.builds(
    ClientSigns,
    runner_id=st.uuids().map(str),
    login=st.text("abcdefgh", min_size=1, max_size=6),
    level=st.sampled_from([*LEVELS, None]),
    new_leg_symptoms=st.booleans(),
    regressions_in_a_row=st.integers(0, 5),
    pain_change=st.none() | st.floats(-10, 10, allow_nan=False),
    load_change_pct=st.none() | st.floats(-100, 500, allow_nan=False),
    days_since_session=st.none() | st.integers(0, 60),
    sessions_shared=st.booleans(),
)


def test_each_sign_has_its_place() -> None:
    assert dashboard_row(CALM).rank == 5 and dashboard_row(CALM).reasons == ()
    cases = [
        (replace(CALM, level="emergency"), 0),
        (replace(CALM, level="urgent_doctor"), 0),
        (replace(CALM, new_leg_symptoms=True), 0),
        (replace(CALM, regressions_in_a_row=2), 1),
        (replace(CALM, regressions_in_a_row=1), 5),
        (replace(CALM, pain_change=2.0), 2),
        (replace(CALM, pain_change=1.9), 5),
        (replace(CALM, load_change_pct=30.0), 5),
        (replace(CALM, load_change_pct=30.1), 3),
        (replace(CALM, days_since_session=7), 4),
        (replace(CALM, days_since_session=None), 4),
        (replace(CALM, level="see_clinician"), 5),
        (replace(CALM, days_since_session=None, sessions_shared=False), 5),
    ]
    for client, rank in cases:
        row = dashboard_row(client)
        assert row.rank == rank, client
        assert bool(row.reasons) == (rank < 5), client


def test_a_reason_says_how_it_was_computed() -> None:
    row = dashboard_row(replace(CALM, pain_change=2.5, load_change_pct=45.0))
    assert row.reasons == (
        "pain +2.5 points: the last 7 days' mean against the 7 before, at or over the "
        "minimal important change of 2",
        "weekly load +45 % on the week before (over 30 %)",
    )


@given(st.lists(signs, max_size=12))
def test_the_order_is_by_rank_then_login_and_keeps_everyone(clients: list[ClientSigns]) -> None:
    rows = dashboard_order(clients)
    assert sorted(row.signs.runner_id for row in rows) == sorted(c.runner_id for c in clients)
    keys = [(row.rank, row.signs.login, row.signs.runner_id) for row in rows]
    assert keys == sorted(keys)
    assert rows == dashboard_order(reversed(clients))


@given(signs)
def test_a_worse_sign_never_moves_a_client_down(client: ClientSigns) -> None:
    base = dashboard_row(client).rank
    for worse in (
        replace(client, level="emergency"),
        replace(client, new_leg_symptoms=True),
        replace(client, regressions_in_a_row=client.regressions_in_a_row + 2),
        replace(client, days_since_session=None),
    ):
        assert dashboard_row(worse).rank <= base
    assert dashboard_row(replace(client, level="emergency")).rank == 0


def _log(exercise: str, action: str) -> ExerciseLog:
    return ExerciseLog(0, exercise, "l1", {"decision": {"action": action}}, {}, None)


def _session(day: int, *logs: ExerciseLog) -> SessionRecord:
    started = datetime(2026, 11, day, 8, tzinfo=UTC)
    return SessionRecord(started, started, 600.0, True, 3, {}, logs)


def test_regressions_in_a_row_count_per_exercise_up_to_its_latest_session() -> None:
    assert regressions_in_a_row([]) == 0
    two = [_session(1, _log("plank", "regress")), _session(3, _log("plank", "regress"))]
    assert regressions_in_a_row(two) == 2
    broken = [*two, _session(5, _log("plank", "hold"))]
    assert regressions_in_a_row(broken) == 0
    apart = [_session(1, _log("plank", "regress")), _session(3, _log("bird-dog", "regress"))]
    assert regressions_in_a_row(apart) == 1
    assert regressions_in_a_row(list(reversed(two))) == 2  # by time, not by list order


def _pain(day: date, reaches: PainReach) -> PainEntry:
    return PainEntry(datetime(day.year, day.month, day.day, 8, tzinfo=UTC), 3, "morning", reaches)


def test_a_leg_symptom_is_new_only_without_one_in_the_four_weeks_before() -> None:
    today = date(2026, 11, 30)
    assert new_leg_symptoms([_pain(today, "thigh")], today)
    assert new_leg_symptoms([_pain(today - timedelta(days=6), "below_knee")], today)
    assert not new_leg_symptoms([_pain(today - timedelta(days=7), "thigh")], today)
    assert not new_leg_symptoms([_pain(today, "buttock"), _pain(today, "back")], today)
    earlier = _pain(today - timedelta(days=20), "thigh")
    assert not new_leg_symptoms([earlier, _pain(today, "thigh")], today)
    long_ago = _pain(today - timedelta(days=40), "thigh")
    assert new_leg_symptoms([long_ago, _pain(today, "thigh")], today)


def test_a_screenings_leg_symptoms_are_new_only_without_any_in_the_four_weeks_before() -> None:
    from screening_base import answers_with

    from backstride.domain.care_dashboard import screening_leg_symptoms
    from backstride.domain.screening_answers import ScreeningAnswers

    now = datetime(2026, 11, 30, 12, tzinfo=UTC)
    new_leg = ScreeningAnswers.model_validate(
        answers_with(leg_symptom_side="one", leg_symptom_onset="new")
    )
    old_leg = new_leg.model_copy(update={"leg_symptom_onset": "chronic_stable"})
    calm = ScreeningAnswers.model_validate(answers_with())
    assert screening_leg_symptoms([(now - timedelta(days=2), new_leg)], now)
    assert not screening_leg_symptoms([(now - timedelta(days=2), old_leg)], now)
    assert not screening_leg_symptoms([(now - timedelta(days=8), new_leg)], now)
    assert not screening_leg_symptoms([(now - timedelta(days=2), calm), (now, None)], now)
    earlier = (now - timedelta(days=20), old_leg)
    assert not screening_leg_symptoms([earlier, (now - timedelta(days=1), new_leg)], now)
    long_ago = (now - timedelta(days=40), old_leg)
    assert screening_leg_symptoms([long_ago, (now - timedelta(days=1), new_leg)], now)
