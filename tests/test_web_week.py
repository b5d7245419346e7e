"""The profile, routine and plan pages: the CLI's services, safe refusals, one's own data."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from html import unescape
from typing import Any, get_args

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar, Event
from screening_base import CALM
from web_client import (
    FakeClock,
    another_browser,
    database_of,
    post_form,
    screen_as,
    sign_in,
    sign_up,
    web_app,
)

from backstride.domain.plain_sources import for_people
from backstride.domain.player import Completion
from backstride.domain.session import timeline
from backstride.domain.session_outcome import summarise
from backstride.errors import Hint, SafetyRefusal
from backstride.services.context import Action, runner_zone
from backstride.services.exercises import catalogue
from backstride.services.plans import week_plan
from backstride.services.profile import show_profile
from backstride.services.profile_result import profile_result
from backstride.services.routine import todays_routine
from backstride.services.routine_result import routine_result
from backstride.services.sessions import PlayedSession, record_session
from backstride.storage.accounts import account_by_login
from backstride.web.next_steps import HINT_LINKS

ACCEPTANCE = "tue:easy@07:00,thu:intervals@18:00,sat:long@08:00,sun:easy@09:00"
NO_RUNS = {f"run_{day}": "" for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
NO_STARTS = {f"start_{day}": "" for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


@contextmanager
def acting_as(client: TestClient, login: str, *, write: bool = False) -> Iterator[Action]:
    """One account's data through the services, as the app's clock has it."""
    clock = client.app.state.clock  # type: ignore[attr-defined]
    with database_of(client).transaction(write=write) as session:
        found = account_by_login(session, login)
        assert found is not None
        user_id = found[0].user_id
        zone = runner_zone(session, user_id, clock().tzinfo)
        yield Action(session, user_id, user_id, clock(), zone)


def play_session(client: TestClient, login: str, *, leg_symptoms: bool) -> None:
    """Store a 10-minute session of today's routine, played to its end or stopped for legs."""
    with acting_as(client, login) as action:
        plan = todays_routine(action, 10, "prevent")
    steps = timeline(plan.routine)
    first_end = next(i for i, step in enumerate(steps) if step.ends_exercise)
    done = range(first_end + 1) if leg_symptoms else range(len(steps))
    completions = [Completion(i, False) for i in done]
    leg_step = first_end if leg_symptoms else None
    outcomes = summarise(steps, completions, [], leg_step)
    # A stop for the legs counts today; a session played to its end, yesterday.
    ago = timedelta(minutes=20) if leg_symptoms else timedelta(days=1)
    start = client.app.state.clock() - ago  # type: ignore[attr-defined]
    played = PlayedSession(
        start,
        start + timedelta(minutes=10),
        600.0,
        not leg_symptoms,
        outcomes,
        None,
        "leg_symptoms" if leg_symptoms else None,
    )
    with acting_as(client, login, write=True) as action:
        record_session(action, plan, played)


def stored_profile(client: TestClient, login: str) -> dict[str, Any]:
    """What `backstride profile --json` shows for this account's data."""
    with acting_as(client, login) as action:
        return profile_result(show_profile(action)).model_dump(mode="json")


def profile_form(**changes: Any) -> dict[str, Any]:
    """The profile form as a browser sends it: every field, with some changed."""
    fields: dict[str, Any] = {
        "name": "Anna",
        "units": "km",
        "time_zone": "Europe/Berlin",
        "equipment": ["mat", "towel"],
        **NO_RUNS,
        **NO_STARTS,
    }
    fields.update(run_tue="easy", start_tue="07:00", run_sat="long", start_sat="08:00")
    fields.update(changes)
    return fields


def send_profile(client: TestClient, **changes: Any) -> Any:
    token = client.cookies.get("backstride_form") or ""
    return client.post(
        "/profile",
        data={"form_token": token, **profile_form(**changes)},
        headers={"origin": str(client.base_url)},
    )


def time_zone_shown(page: str) -> str:
    found = re.search(r'<input id="time_zone" [^>]*value="([^"]*)"', page)
    assert found is not None
    return found.group(1)


def exercise_ids(page: str) -> list[str]:
    return re.findall(r'data-exercise="([^"]+)"', page)


def read_ics(content: bytes) -> tuple[Calendar, list[Event]]:
    calendar = Calendar.from_ical(content)
    return calendar, [c for c in calendar.walk("VEVENT") if isinstance(c, Event)]


# --- the profile ------------------------------------------------------------------------------


def test_the_profile_form_round_trips_what_the_cli_shows() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        page = browser.get("/profile")
        assert page.status_code == 200 and "Your profile" in page.text
        assert 'href="/profile" aria-current="page"' in page.text
        assert 'value="Europe/London"' in page.text  # the zones offered
        assert 'data-browser-zone="time_zone" hidden' in page.text  # and this device's
        assert '<script src="/static/browser_zone.js" defer></script>' in page.text
        assert browser.get("/static/browser_zone.js").status_code == 200
        saved = send_profile(browser)
        assert saved.status_code == 303 and saved.headers["location"] == "/profile?saved=1"
        shown = stored_profile(browser, "anna")
        assert shown["name"] == "Anna" and shown["time_zone"] == "Europe/Berlin"
        assert shown["equipment"] == ["mat", "towel"]
        assert shown["run_days"] == [
            {"day": "tue", "type": "easy", "start": "07:00"},
            {"day": "sat", "type": "long", "start": "08:00"},
        ]
        after = browser.get("/profile?saved=1").text
        assert "Profile saved." in after
        assert time_zone_shown(after) == "Europe/Berlin"
        assert re.search(r'value="mat" checked', after) and re.search(
            r'value="towel" checked', after
        )
        assert not re.search(r'value="wall" checked', after)
        assert '<option value="long" selected>' in after and 'value="08:00"' in after
        # Sent again unchanged, the page's own values give the same profile.
        assert send_profile(browser).status_code == 303
        assert stored_profile(browser, "anna") == shown
        # Everything cleared: no equipment, no runs, miles, the default zone.
        cleared = send_profile(
            browser, equipment=[], units="mi", time_zone="", name="", **NO_RUNS, **NO_STARTS
        )
        assert cleared.status_code == 303
        empty = stored_profile(browser, "anna")
        assert empty["equipment"] == [] and empty["run_days"] == [] and empty["units"] == "mi"
        assert empty["time_zone"] is None and empty["name"] is None


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"time_zone": "Mars/Olympus"}, "Mars/Olympus"),
        ({"time_zone": "x" * 500}, "at most 100"),
        ({"units": "furlongs"}, "furlongs"),
        ({"units": ""}, "km"),
        ({"equipment": ["mat", "rocket"]}, "rocket"),
        ({"equipment": ["mat", "none"]}, "none"),
        ({"run_wed": "marathon"}, "marathon"),
        ({"run_wed": "easy", "start_wed": "25:00"}, "25:00"),
        ({"run_wed": "", "start_wed": "07:00"}, "no run"),
        ({"run_wed": "easy,thu:long"}, "easy,thu:long"),
        ({"run_wed": "easy", "start_wed": "07:00@08:00"}, "07:00@08:00"),
        ({"name": "n" * 81}, "name"),
    ],
)
def test_a_bad_profile_value_is_named_and_nothing_is_saved(
    changes: dict[str, Any], named: str
) -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        browser.get("/profile")
        assert send_profile(browser).status_code == 303
        before = stored_profile(browser, "anna")
        refused = send_profile(browser, **{"name": "Someone else", **changes})
        assert refused.status_code == 422, refused.text
        assert 'role="alert"' in refused.text and named in unescape(refused.text)
        assert "Save the profile" in refused.text  # the form again, with what was sent
        assert stored_profile(browser, "anna") == before
        if "time_zone" in changes:
            assert re.search(r'<input id="time_zone" [^>]*aria-invalid="true"', refused.text)


def test_a_file_in_place_of_a_profile_field_is_refused() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        browser.get("/profile")
        before = stored_profile(browser, "anna")
        token = browser.cookies.get("backstride_form") or ""
        refused = browser.post(
            "/profile",
            data={"form_token": token, "units": "mi"},
            files={"time_zone": ("zone.txt", b"Europe/Paris", "text/plain")},
            headers={"origin": str(browser.base_url)},
        )
        assert refused.status_code == 422 and "time zone must be text" in refused.text
        assert stored_profile(browser, "anna") == before


def test_the_time_zone_decides_the_plans_calendar() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", CALM)
        browser.get("/profile")
        assert send_profile(browser, time_zone="America/Chicago").status_code == 303
        response = browser.get("/plan.ics", params={"runs": ACCEPTANCE, "weeks": "2"})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/calendar")
        assert response.headers["content-disposition"].startswith("attachment;")
        calendar, events = read_ics(response.content)
        assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} == {"America/Chicago"}
        with acting_as(browser, "anna") as action:
            view = week_plan(action, ACCEPTANCE, 2, 3, None)
        items = [item for _, day in view.days for item in day.items]
        assert len(events) == len(items)
        starts = [e.start for e in events if isinstance(e.start, datetime)]
        assert starts and all(getattr(s.tzinfo, "key", None) == "America/Chicago" for s in starts)
        tuesday_run = next(
            e for e in events if str(e["SUMMARY"]) == "Easy run" and e.start.weekday() == 1
        )
        assert isinstance(tuesday_run.start, datetime)
        assert (tuesday_run.start.hour, tuesday_run.start.minute) == (7, 0)


# --- the routine ------------------------------------------------------------------------------


def test_a_calm_runner_sees_the_same_routine_as_the_cli_with_reasons() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", CALM)
        page = browser.get("/routine")
        assert page.status_code == 200
        with acting_as(browser, "anna") as action:
            expected = routine_result(todays_routine(action))
        assert exercise_ids(page.text) == [item.exercise for item in expected.items]
        assert "Dose:" in page.text and "Why:" in page.text
        assert "DOMAIN.md" not in page.text and "S000" not in page.text
        assert 'href="/routine" aria-current="page"' in page.text
        short = browser.get("/routine", params={"minutes": "10", "goal": "ease"})
        assert short.status_code == 200
        with acting_as(browser, "anna") as action:
            asked = routine_result(todays_routine(action, 10, "ease"))
        assert exercise_ids(short.text) == [item.exercise for item in asked.items]
        assert '<option value="ease" selected>' in short.text


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({"minutes": "200"}, "minutes 200"),
        ({"minutes": "4"}, "minutes 4"),
        ({"minutes": "ten"}, "'ten'"),
        ({"minutes": "-5"}, "'-5'"),
        ({"minutes": "9" * 40}, "not a whole number"),
        ({"minutes": "²"}, "not a whole number"),
        ({"goal": "sprint"}, "sprint"),
        ({"goal": "x" * 500}, "valid: ease, prevent"),
    ],
)
def test_bad_minutes_or_goal_are_named_with_what_is_valid(
    query: dict[str, str], named: str
) -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", CALM)
        refused = browser.get("/routine", params=query)
        assert refused.status_code == 422
        assert named in unescape(refused.text) and 'role="alert"' in refused.text
        assert exercise_ids(refused.text) == []


def test_with_no_screening_the_routine_page_sends_the_runner_to_the_screening() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        page = browser.get("/routine")
        assert page.status_code == 200
        assert "No routine today" in page.text and "no screening yet" in page.text.lower()
        assert '<a class="button primary" href="/screen">' in page.text
        assert exercise_ids(page.text) == []


def test_a_stale_screening_asks_for_a_new_one_with_a_link() -> None:
    clock = FakeClock()
    with web_app(clock) as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", CALM)
        clock.now += timedelta(days=40)
        assert sign_in(browser, "anna").status_code == 303  # the old session has expired
        page = browser.get("/routine").text
        assert "more than 4 weeks old" in page and "DOMAIN.md" not in page
        assert '<a class="button primary" href="/screen">' in page
        assert exercise_ids(page) == []


def test_after_leg_symptoms_in_a_session_there_is_no_routine_but_the_plan_says_why() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", CALM)
        play_session(browser, "anna", leg_symptoms=True)
        page = browser.get("/routine")
        assert page.status_code == 200 and "No routine today" in page.text
        assert exercise_ids(page.text) == []
        with acting_as(browser, "anna") as action, pytest.raises(SafetyRefusal) as refused:
            todays_routine(action)
        assert for_people(str(refused.value)).lower() in unescape(page.text).lower()
        plan = browser.get("/plan", params={"runs": ACCEPTANCE}).text
        assert "Week from " in plan and "The strength sessions show no exercises for now" in plan


def test_next_weeks_doses_follow_the_sessions_logged() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", CALM)
        play_session(browser, "anna", leg_symptoms=False)
        with acting_as(browser, "anna") as action:
            changes = week_plan(action, ACCEPTANCE, 1, 3, None).dose_changes
        assert changes
        page = unescape(browser.get("/plan", params={"runs": ACCEPTANCE}).text)
        for name, _, reason in changes:
            assert f"{name}: " in page and for_people(reason) in page


def test_every_hint_has_a_link_on_this_site_or_none_yet() -> None:
    assert set(HINT_LINKS) == set(get_args(Hint))
    links = [link for link in HINT_LINKS.values() if link is not None]
    assert all(link.path.startswith("/") and link.words for link in links)


@pytest.mark.parametrize(
    ("answers", "headline"),
    [
        ({**CALM, "saddle_numbness": True}, "GO TO AN EMERGENCY DEPARTMENT NOW"),
        ({**CALM, "history_of_cancer": True}, "See a doctor within the next few days."),
    ],
)
def test_after_an_emergency_or_urgent_result_no_exercise_and_no_plan(
    answers: dict[str, Any], headline: str
) -> None:
    names = [exercise.name for exercise in catalogue().exercises]
    names += [level.name for exercise in catalogue().exercises for level in exercise.ladder]
    with web_app() as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", answers)
        for path in (
            "/routine",
            "/routine?minutes=30&goal=ease",
            "/routine?minutes=abc&goal=sprint",  # the refusal, before the form's complaint
            "/plan",
            "/plan?weeks=99",
        ):
            page = browser.get(path)
            assert page.status_code == 200, path
            assert headline in page.text, path
            assert exercise_ids(page.text) == [] and 'class="routine"' not in page.text
            assert not [name for name in names if name in page.text], path
        plan_page = browser.get("/plan", params={"runs": ACCEPTANCE}).text
        assert "Strength and core routine" not in plan_page and "Easy run" not in plan_page
        assert browser.get("/plan.ics").status_code == 409
        assert post_form(browser, "/plan/move", move_from="tue", move_to="mon").status_code == 409


# --- the plan ---------------------------------------------------------------------------------


def test_the_plan_page_shows_the_week_with_reasons_doses_and_the_calendar_link() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", CALM)
        page = browser.get("/plan", params={"runs": ACCEPTANCE, "weeks": "2"})
        assert page.status_code == 200
        text = page.text
        assert text.count("Week from ") == 2
        assert "Strength and core routine" in text and "Long run" in text
        assert "Off day." in text and "so your back and legs can settle" in text
        assert "Next week's doses" in text and "Variation in your runs" in text
        assert 'href="/plan.ics?weeks=2&amp;sessions=3&amp;runs=' in text
        assert "DOMAIN.md" not in text and "S003" not in text and "app policy" not in text
        assert 'href="/plan" aria-current="page"' in text


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({"weeks": "13"}, "weeks 13"),
        ({"weeks": "0"}, "weeks 0"),
        ({"weeks": "two"}, "'two'"),
        ({"sessions": "4"}, "sessions 4"),
        ({"sessions": ""}, "not a whole number"),
        ({"runs": "tue:jog"}, "jog"),
    ],
)
def test_bad_plan_fields_are_named(query: dict[str, str], named: str) -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", CALM)
        refused = browser.get("/plan", params=query)
        assert refused.status_code == 422 and named in unescape(refused.text)
        assert "Week from " not in refused.text
        assert browser.get("/plan.ics", params=query).status_code == 422


def test_a_move_that_breaks_a_rule_is_refused_with_its_reason_and_not_kept() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", CALM)
        refused = post_form(browser, "/plan/move", move_from="tue", move_to="fri", runs=ACCEPTANCE)
        assert refused.status_code == 422
        said = unescape(refused.text)
        assert "'tue:fri'" in said and "the day before your long run" in said
        assert stored_profile(browser, "anna")["plan_moves"] == []
        for hostile in (
            {"move_from": "tue", "move_to": "tue"},
            {"move_from": "tue", "move_to": "mon", "move_at": "25:00"},
            {"move_from": "tue,x", "move_to": "mon"},
            {"move_from": "tue", "move_to": "mon:wed"},
            {"move_from": "", "move_to": ""},
            {"move_from": "mon", "move_to": "wed"},
        ):
            answer = post_form(browser, "/plan/move", runs=ACCEPTANCE, **hostile)
            assert answer.status_code == 422, hostile
        assert stored_profile(browser, "anna")["plan_moves"] == []


def test_a_move_against_advice_is_kept_with_a_warning_until_reset() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", CALM)
        moved = post_form(
            browser, "/plan/move", move_from="tue", move_to="mon", move_at="18:00", runs=ACCEPTANCE
        )
        assert moved.status_code == 303
        assert stored_profile(browser, "anna")["plan_moves"] == ["tue:mon@18:00"]
        page = browser.get(moved.headers["location"]).text
        assert "Moved: tue:mon@18:00" in page and "two days in a row" in page
        reset = post_form(browser, "/plan/moves/reset", runs=ACCEPTANCE)
        assert reset.status_code == 303
        assert stored_profile(browser, "anna")["plan_moves"] == []


# --- access and forms -------------------------------------------------------------------------


def test_each_runner_sees_only_their_own_profile_routine_and_plan() -> None:
    with web_app() as anna:
        sign_up(anna, "anna")
        screen_as(anna, "anna", {**CALM, "saddle_numbness": True})
        anna.get("/profile")
        assert send_profile(anna, name="Anna Private", time_zone="Asia/Tokyo").status_code == 303
        ben = another_browser(anna)
        sign_up(ben, "ben")
        profile = ben.get("/profile").text
        assert "Anna Private" not in profile and time_zone_shown(profile) == "UTC"
        assert "EMERGENCY" not in ben.get("/routine").text
        assert "no screening yet" in ben.get("/routine").text.lower()
        screen_as(ben, "ben", CALM)
        assert exercise_ids(ben.get("/routine").text)
        assert "Week from " in ben.get("/plan").text
        assert post_form(ben, "/plan/move", move_from="tue", move_to="mon", runs=ACCEPTANCE)
        ben.get("/profile")
        assert send_profile(ben, name="Ben").status_code == 303
        assert stored_profile(anna, "anna")["name"] == "Anna Private"
        assert stored_profile(anna, "anna")["plan_moves"] == []
        assert "EMERGENCY" in anna.get("/routine").text


@pytest.mark.parametrize("path", ["/profile", "/routine", "/plan", "/plan.ics"])
def test_the_pages_need_a_signed_in_runner(path: str) -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        stranger = another_browser(browser)
        answer = stranger.get(path)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


@pytest.mark.parametrize("path", ["/profile", "/plan/move", "/plan/moves/reset"])
def test_every_form_is_refused_without_its_token(path: str) -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", CALM)
        before = stored_profile(browser, "anna")
        fields = {**profile_form(), "move_from": "tue", "move_to": "mon", "runs": ACCEPTANCE}
        origin = {"origin": str(browser.base_url)}
        for token in (None, "", "not-the-token"):
            data = fields if token is None else {**fields, "form_token": token}
            answer = browser.post(path, data=data, headers=origin)
            assert answer.status_code == 403, (path, token)
        assert stored_profile(browser, "anna") == before


def test_the_pages_carry_no_inline_script_or_style() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", CALM)
        for path in ("/profile", "/routine", "/plan"):
            page = browser.get(path).text
            assert "<script>" not in page and "style=" not in page and "<style" not in page
            assert "onclick" not in page
