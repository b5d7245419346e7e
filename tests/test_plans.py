"""The weekly plan keeps strength off key-session days and their eves, and keeps an off day."""

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backstride.domain.plans import (
    ASSUMED_RUN_MINUTES,
    LATEST_STRENGTH_START,
    RULE_SOURCES,
    DayPlan,
    WeekPlan,
    check_week,
    move_strength,
    plan_dates,
    plan_week,
)
from backstride.domain.profile import RUN_TYPES, WEEKDAYS, RunDay, Weekday, parse_run_days
from backstride.domain.sources import is_known_source
from backstride.domain.usual_week import ImportedRun, usual_week
from backstride.errors import InvalidInput

ACCEPTANCE = "tue:easy@07:00,thu:intervals@18:00,sat:long@08:00,sun:easy@09:00"
SHORT_NAMES = {"S003", "S004", "DOMAIN.md 2.6", "ACSM09", "app policy", "practice default"}
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def _plan(spec: str, sessions: int = 3) -> WeekPlan:
    return plan_week(parse_run_days(spec), sessions)


def _rules(plan: WeekPlan) -> list[str]:
    return [v.rule for v in check_week(plan) if v.severity == "rule"]


def _note(plan: WeekPlan, day: str) -> str:
    return next(note for note in plan.notes if note.startswith(f"{day}: no strength"))


def _texts(plan: WeekPlan) -> list[str]:
    items = [item.reason for day in plan.days for item in day.items]
    return items + list(plan.notes) + [v.message for v in check_week(plan)]


# --- sources -----------------------------------------------------------------------------


def test_every_rule_names_known_sources() -> None:
    assert RULE_SOURCES
    for rule, sources in RULE_SOURCES.items():
        assert sources, rule
        assert all(is_known_source(source) for source in sources), rule


def test_every_reason_cites_only_known_short_names() -> None:
    for spec in (ACCEPTANCE, "", "mon:easy@19:00,wed:race,fri:rest", "tue:long,fri:long"):
        for text in _texts(_plan(spec)):
            cited = re.findall(r"\(([^()]*)\)\.?$", text)
            assert cited, f"no source cited in {text!r}"
            assert set(cited[0].split(", ")) <= SHORT_NAMES, text


# --- the acceptance week ---------------------------------------------------------


def test_acceptance_week() -> None:
    plan = _plan(ACCEPTANCE)
    assert plan.strength_days == ("tue", "sun")
    starts = {d.day: d.strength.start for d in plan.days if d.strength is not None}
    assert starts == {"tue": "12:00", "sun": "14:00"}
    assert plan.off_days == ("mon", "wed", "fri")
    for day in ("wed", "thu", "fri", "sat"):
        assert plan.day(day).strength is None
    assert "day before your intervals" in _note(plan, "Wed")
    assert "that day has your intervals" in _note(plan, "Thu")
    assert "day before your long run" in _note(plan, "Fri")
    assert "that day has your long run" in _note(plan, "Sat")
    fewer = "2 strength sessions this week, not 3: more would put strength on back-to-back days"
    assert any(note.startswith(fewer) for note in plan.notes)
    assert all(item.reason for day in plan.days for item in day.items)
    micro_starts = {d.day: [i.start for i in d.items if i.kind == "micro"] for d in plan.days}
    assert micro_starts["tue"] == ["08:00"]
    assert micro_starts["thu"] == ["19:15"]
    assert micro_starts["sat"] == ["10:30"]
    assert micro_starts["sun"] == ["10:00"]
    assert micro_starts["mon"] == micro_starts["wed"] == micro_starts["fri"] == []
    assert _rules(plan) == []
    assert [v.rule for v in check_week(plan)] == []


def test_acceptance_week_items_in_order() -> None:
    tue = _plan(ACCEPTANCE).day("tue")
    assert [(i.kind, i.type, i.start, i.title) for i in tue.items] == [
        ("run", "easy", "07:00", "Easy run"),
        ("micro", "micro", "08:00", "Lower-abs draw-in, 10-15 s"),
        ("strength", "strength", "12:00", "Strength and core routine"),
    ]
    assert "12:00 and 14:00" in tue.items[2].reason
    assert "(S004, DOMAIN.md 2.6)" in tue.items[2].reason
    assert "practice default" in tue.items[2].reason


# --- one hard rule at a time -------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "word"), [("long", "long run"), ("intervals", "intervals"), ("race", "race")]
)
def test_no_strength_the_day_before_a_key_session(kind: str, word: str) -> None:
    plan = _plan(f"thu:{kind}@09:00")
    assert "wed" not in plan.strength_days
    assert "thu" not in plan.strength_days
    assert f"it is the day before your {word} (DOMAIN.md 2.6, practice default)" in _note(
        plan, "Wed"
    )
    assert f"that day has your {word}" in _note(plan, "Thu")


def test_strength_on_the_day_before_an_easy_run_is_fine() -> None:
    plan = _plan("tue:easy@07:00")
    assert plan.strength_days == ("mon", "wed", "fri")
    assert not any(note.startswith("Mon:") and "no strength" in note for note in plan.notes)


def test_strength_is_four_hours_after_an_easy_run() -> None:
    plan = _plan("mon:easy@07:00")
    strength = plan.day("mon").strength
    assert strength is not None
    assert strength.start == "12:00"
    assert "Easy run at 07:00, done about 08:00: starting strength between 12:00" in strength.reason


def test_late_easy_run_rules_the_day_out() -> None:
    plan = _plan("mon:easy@19:00")
    assert "mon" not in plan.strength_days
    assert "4 h after your easy run (done about 20:00) is past 21:00" in _note(plan, "Mon")


def test_strength_may_start_exactly_at_the_cut_off() -> None:
    plan = _plan("mon:easy@16:00")
    strength = plan.day("mon").strength
    assert strength is not None and strength.start == LATEST_STRENGTH_START
    assert "21:00 and 21:00" in strength.reason


def test_run_without_a_start_time_gets_strength_at_least_4_h_after() -> None:
    plan = _plan("mon:long,tue:easy")
    assert plan.strength_days == ("tue", "thu", "sat")
    strength = plan.day("tue").strength
    assert strength is not None and strength.start is None
    assert "at least 4 h after it ends" in strength.reason
    micro = [item for item in plan.day("tue").items if item.kind == "micro"]
    assert [item.start for item in micro] == [None]


def test_week_wraps_sunday_is_the_eve_of_mondays_long_run() -> None:
    plan = _plan("mon:long@08:00")
    assert "sun" not in plan.strength_days and "mon" not in plan.strength_days
    assert "day before your long run" in _note(plan, "Sun")


def test_planned_rest_day_is_kept_as_the_off_day() -> None:
    assert _plan("").strength_days == ("mon", "wed", "fri")
    plan = _plan("mon:rest")
    assert plan.strength_days == ("tue", "thu", "sat")
    assert "mon" in plan.off_days
    assert plan.day("mon").items == ()


def test_rest_day_is_not_a_run() -> None:
    plan = _plan("tue:rest@07:00,wed:long@08:00")
    assert plan.day("tue").run is None
    assert "day before your long run" in _note(plan, "Tue")


def test_seven_run_days_give_a_note_not_an_error() -> None:
    plan = _plan(",".join(f"{day}:easy@07:00" for day in WEEKDAYS))
    assert plan.off_days == ()
    assert plan.strength_days == ("mon", "wed", "fri")
    assert any(note.startswith("Every day has a run") for note in plan.notes)
    off = [v for v in check_week(plan) if v.rule == "off-day"]
    assert [v.severity for v in off] == ["advice"]


def test_seven_key_days_place_no_strength() -> None:
    plan = _plan(",".join(f"{day}:long@07:00" for day in WEEKDAYS))
    assert plan.strength_days == ()
    assert any(note.startswith("0 strength sessions this week, not 3") for note in plan.notes)
    assert [(v.rule, v.severity) for v in check_week(plan)] == [
        ("frequency", "advice"),
        ("off-day", "advice"),
    ]


def test_only_one_run_free_day_stays_off() -> None:
    plan = _plan(",".join(f"{day}:easy@07:00" for day in WEEKDAYS[:6]))
    assert plan.off_days == ("sun",)


def test_back_to_back_strength_only_when_no_better_pair_is_open() -> None:
    plan = _plan("tue:long@08:00,thu:intervals@18:00,fri:race@09:00")
    assert plan.strength_days == ("sat", "sun")
    assert any("back to back" in note for note in plan.notes)
    assert [(v.rule, v.severity) for v in check_week(plan)] == [("spacing", "advice")]


def test_two_sessions_are_spread_out() -> None:
    assert _plan("", sessions=2).strength_days == ("mon", "thu")


def test_no_runs_gives_three_spaced_sessions_and_off_days() -> None:
    plan = _plan("")
    assert plan.strength_days == ("mon", "wed", "fri")
    assert plan.off_days == ("tue", "thu", "sat", "sun")
    mon = plan.day("mon")
    assert [(i.kind, i.start) for i in mon.items] == [("strength", None), ("micro", None)]
    assert "at any time" in mon.items[0].reason
    assert "Once today" in mon.items[1].reason
    assert check_week(plan) == []


def test_default_time_is_used_on_run_free_days() -> None:
    plan = plan_week([], default_time="18:30")
    assert {d.strength.start for d in plan.days if d.strength is not None} == {"18:30"}
    with pytest.raises(InvalidInput, match="'22:00'"):
        plan_week([], default_time="22:00")
    with pytest.raises(InvalidInput, match="'7pm'"):
        plan_week([], default_time="7pm")


def test_same_day_twice_is_refused() -> None:
    with pytest.raises(InvalidInput, match="'tue'"):
        plan_week([RunDay(day="tue"), RunDay(day="tue", type="long")])


@pytest.mark.parametrize("sessions", [0, 1, 4])
def test_sessions_must_be_two_or_three(sessions: int) -> None:
    with pytest.raises(InvalidInput, match=f"{sessions}.*choose 2 or 3"):
        plan_week([], sessions)


def test_assumed_run_lengths_cover_every_run_type_but_rest() -> None:
    assert set(ASSUMED_RUN_MINUTES) == set(RUN_TYPES) - {"rest"}


def test_week_plan_needs_all_seven_days() -> None:
    with pytest.raises(ValueError, match="seven days"):
        WeekPlan(tuple(DayPlan(day) for day in WEEKDAYS[:6]))
    with pytest.raises(InvalidInput, match="'funday'"):
        _plan("").day("funday")


# --- moving a session --------------------------------------------------------------------


def test_legal_move_to_a_run_free_day() -> None:
    plan, violations = move_strength(_plan(""), "fri", "sat")
    assert violations == []
    assert plan.strength_days == ("mon", "wed", "sat")
    assert plan.day("fri").items == ()
    assert [i.kind for i in plan.day("sat").items] == ["strength", "micro"]
    sat = plan.day("sat").strength
    assert sat is not None and "moved this session here from Fri" in sat.reason
    assert any(note.startswith("Fri: full off day") for note in plan.notes)
    assert not any(note.startswith("Sat: full off day") for note in plan.notes)


def test_move_onto_an_easy_run_day_defaults_to_4_h_after() -> None:
    plan, violations = move_strength(_plan("tue:easy@07:00"), "fri", "tue")
    strength = plan.day("tue").strength
    assert strength is not None and strength.start == "12:00"
    assert [(v.rule, v.severity) for v in violations] == [
        ("spacing", "advice"),
        ("spacing", "advice"),
    ]
    assert [i.kind for i in plan.day("tue").items] == ["run", "micro", "strength"]


@pytest.mark.parametrize(
    ("from_day", "to_day", "start", "rules"),
    [
        ("tue", "wed", None, ["day-before-key"]),
        ("tue", "thu", None, ["key-day", "gap"]),  # intervals end 19:15: 21:00 is too soon
        ("tue", "fri", None, ["day-before-key"]),
        ("sun", "sat", None, ["key-day"]),
        ("sun", "mon", "09:00", []),
    ],
)
def test_moves_in_the_acceptance_week(
    from_day: Weekday, to_day: Weekday, start: str | None, rules: list[str]
) -> None:
    plan = _plan(ACCEPTANCE)
    _, violations = move_strength(plan, from_day, to_day, start)
    assert [v.rule for v in violations if v.severity == "rule"] == rules
    for violation in violations:
        if violation.severity == "rule":
            assert violation.day == to_day
            assert violation.message.startswith(to_day.capitalize())


def test_move_too_soon_after_the_run_breaks_the_gap() -> None:
    _, violations = move_strength(_plan("tue:easy@07:00"), "fri", "tue", "09:00")
    gap = [v for v in violations if v.rule == "gap"]
    assert len(gap) == 1
    assert "09:00 is less than 4 h after your easy run, done about 08:00 (S004" in gap[0].message


def test_move_to_late_evening_breaks_the_cut_off() -> None:
    _, violations = move_strength(_plan(""), "fri", "sat", "22:00")
    assert [v.rule for v in violations] == ["late"]


def test_move_onto_a_late_run_day_is_flagged() -> None:
    plan, violations = move_strength(_plan("tue:easy@19:00"), "fri", "tue")
    strength = plan.day("tue").strength
    assert strength is not None and strength.start == LATEST_STRENGTH_START
    assert "gap" in [v.rule for v in violations if v.severity == "rule"]


def test_move_onto_the_only_off_day_breaks_the_off_day_rule() -> None:
    plan = _plan(",".join(f"{day}:easy@07:00" for day in WEEKDAYS[:6]))
    edited, violations = move_strength(plan, "mon", "sun")
    assert [v.rule for v in violations if v.severity == "rule"] == ["off-day"]
    assert edited.off_days == ()
    assert any(note.startswith("No full off day is left") for note in edited.notes)


def test_illegal_move_requests_are_refused() -> None:
    plan = _plan("")
    with pytest.raises(InvalidInput, match="Tue has no strength session"):
        move_strength(plan, "tue", "thu")
    with pytest.raises(InvalidInput, match="Wed already has a strength session"):
        move_strength(plan, "mon", "wed")
    with pytest.raises(InvalidInput, match="'25:00'"):
        move_strength(plan, "mon", "tue", "25:00")


# --- property: generated plans never break a hard rule -----------------------------------

_TIMES = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))
_WEEKS = st.dictionaries(
    st.sampled_from(WEEKDAYS), st.tuples(st.sampled_from(RUN_TYPES), st.none() | _TIMES)
)


@settings(max_examples=200, deadline=None)
@given(week=_WEEKS, sessions=st.sampled_from([2, 3]))
def test_generated_plans_keep_every_hard_rule(
    week: dict[str, tuple[str, str | None]], sessions: int
) -> None:
    runs = [RunDay.model_validate({"day": d, "type": t, "start": s}) for d, (t, s) in week.items()]
    plan = plan_week(runs, sessions)
    assert _rules(plan) == []
    assert len(plan.strength_days) <= sessions
    if any(day.run is None for day in plan.days):
        assert plan.off_days
    keys = {"long", "intervals", "race"}
    for i, day in enumerate(plan.days):
        tomorrow = plan.days[(i + 1) % 7].run
        if day.strength is not None:
            assert day.run is None or day.run.type not in keys
            assert tomorrow is None or tomorrow.type not in keys
        runs_today = [item for item in day.items if item.kind == "run"]
        micro = [item for item in day.items if item.kind == "micro"]
        assert len(micro) == (1 if runs_today or day.strength else 0)
        assert all(item.reason for item in day.items)
    assert plan_week(runs, sessions) == plan


# --- calendar dates ----------------------------------------------------------------------


def test_plan_dates_repeat_the_week_from_a_monday() -> None:
    plan = _plan(ACCEPTANCE)
    dated = plan_dates(plan, date(2025, 1, 6), 2)
    assert len(dated) == 14
    assert dated[0] == (date(2025, 1, 6), plan.day("mon"))
    assert dated[8] == (date(2025, 1, 14), plan.day("tue"))
    assert dated[-1] == (date(2025, 1, 19), plan.day("sun"))


def test_plan_dates_refuses_a_start_that_is_not_a_monday() -> None:
    with pytest.raises(InvalidInput, match="2025-01-07 is a Tuesday"):
        plan_dates(_plan(""), date(2025, 1, 7), 1)


@pytest.mark.parametrize("weeks", [0, 13])
def test_plan_dates_refuses_weeks_out_of_range(weeks: int) -> None:
    with pytest.raises(InvalidInput, match=f"weeks {weeks} is not valid"):
        plan_dates(_plan(""), date(2025, 1, 6), weeks)


# --- the usual week from imported runs ---------------------------------------------------


def test_usual_week_from_imported_runs() -> None:
    runs = [
        ImportedRun(date(2025, 3, 4), "07:00", 5000),  # tue, four weeks
        ImportedRun(date(2025, 3, 11), "07:10", 5200),
        ImportedRun(date(2025, 3, 18), "06:55", 4800),
        ImportedRun(date(2025, 3, 25), "07:05", 5000),
        ImportedRun(date(2025, 3, 6), "18:00", 8000),  # thu, once: not usual
        ImportedRun(date(2025, 3, 8), "08:20", 15000),  # sat, three weeks: the long run
        ImportedRun(date(2025, 3, 15), "08:00", 16000),
        ImportedRun(date(2025, 3, 29), "08:10", 14000),
        ImportedRun(date(2025, 3, 9), None, 6000),  # sun, two weeks of four: half counts
        ImportedRun(date(2025, 3, 23), None, None),
    ]
    assert usual_week(runs) == [
        RunDay(day="tue", type="easy", start="07:00"),
        RunDay(day="sat", type="long", start="08:15"),
        RunDay(day="sun", type="easy", start=None),
    ]


def test_usual_week_edge_cases() -> None:
    assert usual_week([]) == []
    single = [ImportedRun(date(2025, 3, 4), "23:55", 9000)]
    assert usual_week(single) == [RunDay(day="tue", type="easy", start="23:45")]
    even = [ImportedRun(date(2025, 3, d), "07:00", 5000) for d in (4, 6)]
    assert [r.type for r in usual_week(even)] == ["easy", "easy"]


def test_imported_run_refuses_bad_values() -> None:
    with pytest.raises(InvalidInput, match="'7:00'"):
        ImportedRun(date(2025, 3, 4), "7:00")
    with pytest.raises(InvalidInput, match="-1"):
        ImportedRun(date(2025, 3, 4), None, -1.0)


# --- own words ---------------------------------------------------------------------------


@pytest.mark.skipif(
    not (SHARED / "seeds").is_dir(), reason="the seeds are not beside this checkout"
)
def test_plan_wording_is_not_copied_from_the_sources() -> None:
    sources = sorted((SHARED / "seeds").glob("*.txt")) + [SHARED / "domain" / "DOMAIN.md"]

    def runs(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z0-9]+", text.lower())
        return {tuple(words[i : i + 8]) for i in range(len(words) - 7)}

    source_runs = set().union(*(runs(p.read_text(encoding="utf-8")) for p in sources))
    edited, violations = move_strength(_plan(ACCEPTANCE), "tue", "wed", "23:00")
    texts = _texts(_plan(ACCEPTANCE)) + _texts(_plan("mon:easy@19:00,tue:easy,fri:rest"))
    texts += _texts(edited) + [v.message for v in violations]
    for text in texts:
        assert not runs(text) & source_runs, text


def test_fewer_sessions_note_says_why() -> None:
    plan = _plan("mon:long@08:00,wed:long@08:00,fri:long@08:00")
    assert plan.strength_days == ("sat",)
    assert any("1 strength session this week, not 3: only 1 day open" in n for n in plan.notes)
    late = ",".join(f"{day}:easy@20:00" for day in WEEKDAYS[:4])
    plan = _plan(late)
    assert plan.strength_days == ("fri", "sun")
    assert plan.off_days == ("sat",)
    assert any("not 3: more would take your only off day" in note for note in plan.notes)
