"""`backstride plan`: the week around the runs, checked moves, JSON, and the calendar file."""

import json
import os
import re
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar, Event
from screening_base import CALM, answers_with
from stored_runs import store_run

from backstride.cli.app import run
from backstride.cli.local_action import local_action
from backstride.cli.plain_sources import for_people
from backstride.domain.played_session import PlayedSession
from backstride.domain.player import Completion
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.domain.session import timeline
from backstride.domain.session_outcome import summarise
from backstride.services.exercises import catalogue
from backstride.services.pain import log_pain
from backstride.services.routine import todays_routine
from backstride.services.screening import record_screening, screen_answers
from backstride.services.sessions import record_session

ACCEPTANCE = "tue:easy@07:00,thu:intervals@18:00,sat:long@08:00,sun:easy@09:00"
ITEM_KEYS = {"kind", "type", "start", "title", "reason"}


def plan_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    code = run(["plan", *args, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    payload: dict[str, Any] = json.loads(captured.out)
    return payload


def by_weekday(payload: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {day["weekday"]: day["items"] for day in payload["days"][:7]}


def screen(tmp_path: Path, answers: dict[str, Any]) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    assert run(["screen", "--answers", str(path)]) == 0


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process runs in Europe/Berlin for the test, then in its own zone again."""
    before = os.environ.get("TZ")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


# --- the week -------------------------------------------------------------------------------


def test_the_acceptance_week_keeps_strength_off_key_days_and_their_eves(
    capsys: pytest.CaptureFixture[str],
) -> None:
    payload = plan_json(capsys, "--runs", ACCEPTANCE)
    assert set(payload) == {"days", "source", "notes", "warnings", "dose_changes", "variation"}
    assert payload["source"] == "given"
    assert len(payload["days"]) == 7
    days = by_weekday(payload)
    assert list(days) == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    strength = [day for day, items in days.items() if any(i["kind"] == "strength" for i in items)]
    assert 2 <= len(strength) <= 3
    assert not set(strength) & {"wed", "thu", "fri", "sat"}
    assert any(items == [] for items in days.values())  # an off day has no items
    for items in days.values():
        for index, item in enumerate(items):
            assert set(item) == ITEM_KEYS
            assert item["kind"] in ("run", "strength", "micro")
            assert item["reason"].strip()
            assert item["start"] is None or re.fullmatch(r"\d\d:\d\d", item["start"])
            if item["kind"] == "run":
                assert items[index + 1]["kind"] == "micro"  # the draw-in straight after
    assert [i["start"] for i in days["tue"]] == ["07:00", "08:00", "12:00"]
    assert payload["warnings"] == []
    assert payload["dose_changes"] == []
    assert any("No strength sessions are logged yet" in n for n in payload["notes"])
    assert payload["variation"] is None


def test_the_table_shows_each_day_its_reasons_and_the_safety_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["plan", "--runs", ACCEPTANCE]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "off day" in out
    assert "07:00 Easy run" in out and "12:00 Strength and core routine" in out
    assert "4-6 h between them" in out
    assert "Next week's doses" in out and "Variation" in out
    assert "run 'backstride screen' again" in out
    assert "show no exercises for now" in out  # no screening yet


def test_four_weeks_are_28_dated_days_from_this_weeks_monday(
    capsys: pytest.CaptureFixture[str],
) -> None:
    payload = plan_json(capsys, "--runs", ACCEPTANCE, "--weeks", "4")
    dates = [date.fromisoformat(day["date"]) for day in payload["days"]]
    assert len(dates) == 28
    assert dates[0].weekday() == 0
    assert dates == [dates[0] + timedelta(days=i) for i in range(28)]
    today = datetime.now().astimezone().date()
    assert dates[0] <= today < dates[0] + timedelta(days=7)
    assert [day["items"] for day in payload["days"][:7]] == [
        day["items"] for day in payload["days"][21:]
    ]


def test_the_profile_running_week_is_used_without_runs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["profile", "--run-days", ACCEPTANCE]) == 0
    capsys.readouterr()
    payload = plan_json(capsys)
    assert payload["source"] == "profile"
    runs = {
        day: next(i["type"] for i in items if i["kind"] == "run")
        for day, items in by_weekday(payload).items()
        if any(i["kind"] == "run" for i in items)
    }
    assert runs == {"tue": "easy", "thu": "intervals", "sat": "long", "sun": "easy"}


def test_imported_runs_give_the_week_and_the_variety_check(
    capsys: pytest.CaptureFixture[str],
) -> None:
    now = datetime.now(UTC)
    monday = (now - timedelta(days=now.weekday() + 7 * 4)).replace(
        hour=7, minute=0, second=0, microsecond=0
    )
    for week in range(4):
        for offset in (1, 3):  # Tuesdays and Thursdays, the same 5 km every time
            store_run(monday + timedelta(days=7 * week + offset), 5.0, 30.0)
    payload = plan_json(capsys)
    assert payload["source"] == "imported runs"
    run_days = [day for day, items in by_weekday(payload).items() if items and items[0]["start"]]
    assert {"tue", "thu"} <= set(run_days)
    assert any("runs you imported" in note for note in payload["notes"])
    variation = payload["variation"]
    assert variation is not None
    assert variation["monotonous"] is True, variation
    assert variation["suggestions"] and variation["caution"]
    assert run(["plan"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert re.search(r"Your last \d runs were 5.0 km", out)
    assert for_people(variation["suggestions"][0]["text"]) in out
    assert for_people(variation["caution"]) in out


def test_with_no_running_week_at_all_the_plan_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    payload = plan_json(capsys)
    assert payload["source"] == "none"
    assert not any(i["kind"] == "run" for d in payload["days"] for i in d["items"])
    assert any("No running week is known yet" in note for note in payload["notes"])


def test_logged_sessions_show_next_weeks_doses_with_reasons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["profile", "--equipment", "mat"]) == 0
    day = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(days=2)
    with local_action(day - timedelta(hours=3)) as action:
        # Screened before the session: a screening dated after "now" is not trusted (2.1.4).
        record_screening(action, screen_answers(ScreeningAnswers(**CALM)), "screen")
    with local_action(day - timedelta(hours=2)) as action:
        log_pain(action, 3, "morning")
    with local_action(day) as action:
        routine = todays_routine(action, 10, "prevent")
    steps = timeline(routine.routine)
    completions = [Completion(i, False) for i in range(len(steps))]
    ends = [i for i, step in enumerate(steps) if step.ends_exercise]
    outcomes = summarise(steps, completions, [(i, 6) for i in ends], None)
    played = PlayedSession(day, day + timedelta(minutes=10), 600.0, True, outcomes, 4)
    with local_action(day) as action:
        record_session(action, routine, played)
    capsys.readouterr()
    payload = plan_json(capsys, "--runs", ACCEPTANCE)
    changes = payload["dose_changes"]
    assert changes and all(set(c) == {"exercise", "action", "reason"} for c in changes)
    assert {c["action"] for c in changes} == {"regress"}
    assert all("6" in c["reason"] for c in changes)
    assert run(["plan", "--runs", ACCEPTANCE]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "regress" in out


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--runs", "tue:jog@07:00"], "'jog'"),
        (["--runs", "tue:easy@7am"], "'7am'"),
        (["--runs", "tue:easy,tue:long"], "'tue'"),
        (["--weeks", "0"], "--weeks 0"),
        (["--weeks", "13"], "--weeks 13"),
        (["--sessions", "4"], "--sessions 4"),
        (["--sessions", "1"], "--sessions 1"),
        (["--move", "tue-mon"], "'tue-mon'"),
        (["--move", "tue:"], "'tue:'"),
        (["--move", "tue:mon:wed"], "'tue:mon:wed'"),
        (["--move", "tue:someday"], "'tue:someday'"),
        (["--move", "tue:mon@25:00"], "'25:00'"),
        (["--move", "tue:mon@"], "'tue:mon@'"),
        (["--move", "tue:tue"], "'tue:tue'"),
        (["--move", "mon:wed"], "Mon has no strength session"),
        (["--move", "tue:sun"], "Sun already has a strength session"),
    ],
)
def test_bad_input_names_the_value_and_exits_2(
    args: list[str], named: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(["plan", "--runs", ACCEPTANCE, *args] if "--runs" not in args else ["plan", *args])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert named in captured.err


def test_a_move_that_breaks_a_rule_is_refused_with_the_rule(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = run(["plan", "--runs", ACCEPTANCE, "--move", "tue:fri", "--json"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert "'tue:fri'" in captured.err
    assert "the day before your long run" in captured.err


def test_a_move_against_advice_is_made_with_a_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    payload = plan_json(capsys, "--runs", ACCEPTANCE, "--move", "tue:mon@18:00")
    days = by_weekday(payload)
    assert [(i["kind"], i["start"]) for i in days["mon"]] == [
        ("strength", "18:00"),
        ("micro", None),
    ]
    assert not any(i["kind"] == "strength" for i in days["tue"])
    assert "moved this session here from Tue" in days["mon"][0]["reason"]
    assert any("two days in a row" in warning for warning in payload["warnings"])
    assert run(["plan", "--runs", ACCEPTANCE]) == 0  # the saved move is made again
    out = " ".join(capsys.readouterr().out.split())
    assert "Warnings" in out and "two days in a row" in out


def test_a_move_is_kept_for_later_plans_until_reset(
    capsys: pytest.CaptureFixture[str],
) -> None:
    plan_json(capsys, "--runs", ACCEPTANCE, "--move", "tue:mon@18:00")
    days = by_weekday(plan_json(capsys, "--runs", ACCEPTANCE))
    assert days["mon"][0]["kind"] == "strength" and days["mon"][0]["start"] == "18:00"
    code = run(["profile", "--json"])
    assert json.loads(capsys.readouterr().out)["plan_moves"] == ["tue:mon@18:00"]
    days = by_weekday(plan_json(capsys, "--runs", ACCEPTANCE, "--reset-moves"))
    assert code == 0 and any(i["kind"] == "strength" for i in days["tue"])
    assert not days["mon"]
    days = by_weekday(plan_json(capsys, "--runs", ACCEPTANCE))
    assert not days["mon"]


def test_a_refused_move_is_not_kept(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["plan", "--runs", ACCEPTANCE, "--move", "tue:fri"]) == 2
    capsys.readouterr()
    days = by_weekday(plan_json(capsys, "--runs", ACCEPTANCE))
    assert any(i["kind"] == "strength" for i in days["tue"])
    assert not any(i["kind"] == "strength" for i in days["fri"])


def test_a_saved_move_that_no_longer_fits_is_left_out_with_a_note(
    capsys: pytest.CaptureFixture[str],
) -> None:
    plan_json(capsys, "--runs", ACCEPTANCE, "--move", "tue:mon@18:00")
    # In this week Tuesday is the long run: it has no strength to move.
    payload = plan_json(capsys, "--runs", "tue:long@08:00,fri:easy@07:00")
    assert any(
        "saved move tue:mon@18:00 was left out this time" in note for note in payload["notes"]
    )
    days = by_weekday(plan_json(capsys, "--runs", ACCEPTANCE))
    assert days["mon"][0]["start"] == "18:00"  # kept for the weeks it fits


# --- the calendar file ----------------------------------------------------------------------


def read_calendar(path: Path) -> tuple[bytes, Calendar, list[Event]]:
    raw = path.read_bytes()
    calendar = Calendar.from_ical(raw)
    assert isinstance(calendar, Calendar)
    return raw, calendar, list(calendar.events)


def ics_unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def test_the_calendar_round_trips_in_local_time_with_alarms(
    berlin: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.ics"
    code = run(["plan", "--runs", ACCEPTANCE, "--weeks", "2", "--json", "--ics", str(path)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    payload = json.loads(captured.out)
    items = [(day["date"], item) for day in payload["days"] for item in day["items"]]
    assert f"written to {path}: {len(items)} events" in " ".join(captured.err.split())
    raw, calendar, events = read_calendar(path)
    assert calendar["PRODID"] and str(calendar["VERSION"]) == "2.0"
    assert len(events) == len(items)
    assert len({str(event["UID"]) for event in events}) == len(events)
    assert all(event.get("DTSTAMP") is not None for event in events)
    assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} == {"Europe/Berlin"}

    strength = [e for e in events if str(e["SUMMARY"]) == "Strength and core routine"]
    assert len(strength) == sum(1 for _, item in items if item["kind"] == "strength")
    tuesday = next(e for e in strength if e.start.weekday() == 1)
    assert tuesday["DTSTART"].params["TZID"] == "Europe/Berlin"
    start = tuesday.start
    assert isinstance(start, datetime)
    assert (start.hour, start.minute) == (12, 0)
    assert getattr(start.tzinfo, "key", None) == "Europe/Berlin"
    assert tuesday.end - tuesday.start == timedelta(minutes=30)
    alarms = tuesday.walk("VALARM")
    assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY"
    assert alarms[0].decoded("TRIGGER") == timedelta(minutes=-30)
    assert b"TRIGGER:-PT30M" in raw and b"TRIGGER:-PT10M" in raw
    micro = next(e for e in events if str(e["UID"]).endswith("micro-1@backstride"))
    assert micro.walk("VALARM")[0].decoded("TRIGGER") == timedelta(minutes=-10)
    long_run = next(e for e in events if str(e["SUMMARY"]) == "Long run")
    assert long_run.end - long_run.start == timedelta(minutes=150)

    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # long descriptions were folded
    reason = next(item["reason"] for _, item in items if item["kind"] == "strength")
    assert len(reason) > 75
    unfolded = re.sub(rb"\r\n[ \t]", b"", raw).decode("utf-8").split("\r\n")
    descriptions = [ics_unescape(line[len("DESCRIPTION:") :]) for line in unfolded]
    assert any(text.startswith(reason + "\n\n") for text in descriptions)
    assert str(tuesday["DESCRIPTION"]).startswith(reason)


def test_untimed_items_become_all_day_events(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.ics"
    assert run(["plan", "--runs", "tue:easy,sat:long", "--ics", str(path)]) == 0
    capsys.readouterr()
    _, _, events = read_calendar(path)
    assert events
    for event in events:
        assert event["DTSTART"].params.get("VALUE") == "DATE"
        assert not isinstance(event.start, datetime)
        assert event.end - event.start == timedelta(days=1)
        assert event.walk("VALARM") == []


def test_a_missing_folder_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nowhere" / "plan.ics"
    code = run(["plan", "--runs", ACCEPTANCE, "--ics", str(path)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert str(tmp_path / "nowhere") in captured.err and "does not exist" in captured.err
    assert not path.parent.exists()


def _exercise_names() -> set[str]:
    names = set()
    for exercise in catalogue().exercises:
        names.add(exercise.name)
        names.update(level.name for level in exercise.ladder)
    return names


def _strength_descriptions(path: Path) -> list[str]:
    _, _, events = read_calendar(path)
    return [str(e["DESCRIPTION"]) for e in events if e.categories == ["strength"]]


def test_the_calendar_lists_todays_routine_after_a_calm_screening(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    screen(tmp_path, CALM)
    path = tmp_path / "plan.ics"
    assert run(["plan", "--runs", ACCEPTANCE, "--ics", str(path)]) == 0
    capsys.readouterr()
    descriptions = _strength_descriptions(path)
    assert descriptions
    names = _exercise_names()
    assert all(any(name in text for name in names) for text in descriptions)
    assert all(re.search(r"^.+ - \d", text, re.MULTILINE) for text in descriptions)


def test_after_an_emergency_screening_there_is_no_plan_and_no_calendar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    screen(tmp_path, answers_with(saddle_numbness=True))
    capsys.readouterr()
    path = tmp_path / "plan.ics"
    assert run(["plan", "--runs", ACCEPTANCE, "--ics", str(path)]) == 3
    captured = capsys.readouterr()
    assert "emergency department" in " ".join(captured.err.split())
    assert captured.out == ""
    assert not path.exists()


def test_plan_json_is_the_plan_result_model(capsys: pytest.CaptureFixture[str]) -> None:
    from backstride.services.plan_result import PlanResult

    payload = plan_json(capsys, "--runs", ACCEPTANCE)
    parsed = PlanResult.model_validate(payload)  # the API will return this very model
    assert parsed.model_dump(mode="json") == payload
    assert [day.weekday for day in parsed.days] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def test_the_calendar_is_in_the_runners_zone_not_the_machines(
    berlin: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["profile", "--time-zone", "America/Chicago"]) == 0
    path = tmp_path / "plan.ics"
    assert run(["plan", "--runs", ACCEPTANCE, "--ics", str(path)]) == 0
    capsys.readouterr()
    _, calendar, events = read_calendar(path)
    assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} == {"America/Chicago"}
    starts = [e.start for e in events if isinstance(e.start, datetime)]
    assert starts and all(getattr(s.tzinfo, "key", None) == "America/Chicago" for s in starts)
