"""A clinician's programme changes through the API and the pages: made, refused by the safety
rules with the rule's reason, undone, seen by the runner; nobody else reaches them."""

from datetime import timedelta
from typing import Any

from api_calls import API, Runner, link_clinician, runner_with_data
from screening_base import CALM
from web_client import FakeClock, another_browser, post_form, web_app

from backstride.domain.catalogue import load_catalogue

CATALOGUE = load_catalogue()
SPASM = {**CALM, "onset": "sudden", "locked_or_seized_feeling": True}


def _changes_path(runner: Runner) -> str:
    return f"{API}/clients/{runner.user_id}/programme-changes"


def _change(clinician: Runner, runner: Runner, **body: Any) -> Any:
    return clinician.call("POST", _changes_path(runner), json=body)


def _routine(runner: Runner) -> dict[str, Any]:
    response = runner.call("GET", f"{API}/routine")
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def _absent_ladder(runner: Runner) -> str:
    """A ladder needing no kit that today's routine leaves out (for the time), to pin."""
    present = {item["exercise"] for item in _routine(runner)["items"]}
    for exercise in CATALOGUE.exercises:
        chain = CATALOGUE.family_chain(exercise.id)
        if exercise.equipment == ["none"] and not present & {e.id for e in chain}:
            return chain[0].id
    raise AssertionError("every no-kit ladder is in the routine already")


def _pair(browser: Any, scopes: list[str]) -> tuple[Runner, Runner]:
    anna = runner_with_data(browser, "anna", note="anna-private-note")
    cleo = runner_with_data(another_browser(browser), "cleo", note="cleo's own")
    return link_clinician(anna, cleo, scopes), cleo


def _trail(runner: Runner) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = runner.call("GET", f"{API}/care/audit").json()
    return found


def test_a_pin_and_a_note_reach_the_runner_with_who_and_why() -> None:
    with web_app() as browser:
        anna, cleo = _pair(browser, ["programme", "notes"])
        ladder = _absent_ladder(anna)
        pinned = _change(cleo, anna, kind="pin", exercise_id=ladder, reason="builds the hips")
        assert pinned.status_code == 201, pinned.text
        assert pinned.json()["version"] == 1 and pinned.json()["author_login"] == "cleo"
        note = _change(cleo, anna, kind="note", note="Easy on the hills", reason="race week")
        assert note.status_code == 201, note.text
        routine = _routine(anna)
        item = next(i for i in routine["items"] if i["exercise"] == ladder)
        assert item["pinned"] == "pinned by cleo: builds the hips"
        own = anna.call("GET", f"{API}/programme-changes").json()
        assert [(c["kind"], c["in_force"], c["author_login"]) for c in own] == [
            ("note", True, "cleo"),
            ("pin", True, "cleo"),
        ]
        today = anna.browser.get("/today").text
        assert "Easy on the hills" in today and "Pinned by cleo: builds the hips" in today
        handout = anna.browser.get("/routine/handout").text  # what the runner prints
        assert "A note from cleo</h3><p>Easy on the hills" in handout
        assert '<p class="pinned">Pinned by cleo: builds the hips</p>' in handout
        care = anna.browser.get("/care").text
        assert "builds the hips" in care and "by cleo" in care
        changes = [e for e in _trail(anna) if e["change"]]
        assert sorted(e["scope"] for e in changes) == ["notes", "programme"]  # one clock tick


def test_a_change_the_rules_forbid_is_refused_with_the_rule_and_nothing_is_stored() -> None:
    clock = FakeClock()
    with web_app(clock) as browser:
        anna, cleo = _pair(browser, ["programme"])
        clock.now += timedelta(minutes=5)  # the spasm screening is the latest
        screened = anna.call("POST", f"{API}/screenings", json=SPASM)
        assert screened.status_code == 201, screened.text
        before = _trail(anna)
        refused = [
            (_change(cleo, anna, kind="pin", exercise_id="ball-back-extension", reason="x"), 409),
            (_change(cleo, anna, kind="cap", exercise_id="plank", max_hold_s=61, reason="x"), 409),
            (_change(cleo, anna, kind="pin", exercise_id="planck", reason="x"), 422),
            (_change(cleo, anna, kind="sessions", sessions=4, reason="x"), 422),
            (_change(cleo, anna, kind="pin", exercise_id="plank", reason=" "), 422),
            (_change(cleo, anna, kind="stretch", exercise_id="plank", reason="x"), 422),
        ]
        for response, status in refused:
            assert response.status_code == status, response.text
        words = [response.json()["detail"] for response, _ in refused]
        assert "avoided for" in words[0] and "ball-back-extension" not in words[0].split(":")[0]
        assert "above the ladder" in words[1] and "60 s hold" in words[1]
        assert "plank" in words[2]  # the close match is suggested
        assert "2 or 3" in words[3] and "S004" in words[3]
        assert anna.call("GET", f"{API}/programme-changes").json() == []
        assert _trail(anna) == before  # a refused change leaves no audit row either


def test_an_undo_is_a_version_and_brings_the_earlier_state_back() -> None:
    with web_app() as browser:
        anna, cleo = _pair(browser, ["programme"])
        ladder = _absent_ladder(anna)
        pin = _change(cleo, anna, kind="pin", exercise_id=ladder, reason="first").json()
        out = _change(cleo, anna, kind="exclude", exercise_id=ladder, reason="sore").json()
        assert ladder not in {i["exercise"] for i in _routine(anna)["items"]}
        undo = cleo.call("POST", f"{_changes_path(anna)}/{out['id']}/undo", json={"reason": "ok"})
        assert undo.status_code == 201, undo.text
        assert undo.json()["undoes"] == out["id"] and undo.json()["version"] == 3
        item = next(i for i in _routine(anna)["items"] if i["exercise"] == ladder)
        assert item["pinned"] == "pinned by cleo: first"
        listed = {c["id"]: c for c in cleo.call("GET", _changes_path(anna)).json()}
        assert listed[pin["id"]]["in_force"] and listed[out["id"]]["undone"]
        again = cleo.call("POST", f"{_changes_path(anna)}/{out['id']}/undo", json={"reason": "x"})
        assert again.status_code == 409, again.text
        undo_of_undo = f"{_changes_path(anna)}/{undo.json()['id']}/undo"
        assert cleo.call("POST", undo_of_undo, json={"reason": "x"}).status_code == 422


def test_a_cap_and_a_hold_keep_the_dose_at_or_below_what_was_set() -> None:
    with web_app() as browser:
        anna, cleo = _pair(browser, ["programme"])
        item = _routine(anna)["items"][0]
        field, value = ("max_hold_s", 1) if item["hold_s"] else ("max_reps", 1)
        capped = _change(cleo, anna, kind="cap", exercise_id=item["exercise"], reason="easy")
        assert capped.status_code == 422  # a cap names a number
        capped = _change(
            cleo, anna, kind="cap", exercise_id=item["exercise"], reason="easy", **{field: value}
        )
        assert capped.status_code == 201, capped.text
        after = next(i for i in _routine(anna)["items"] if i["exercise"] == item["exercise"])
        assert after[field.removeprefix("max_")] == 1
        assert any("capped by cleo" in line for line in _routine(anna)["programme"])
        held = _change(cleo, anna, kind="hold", exercise_id=item["exercise"], reason="steady")
        assert held.status_code == 201, held.text

        def strength_days() -> int:
            plan = anna.call("GET", f"{API}/plan").json()
            kinds = [item["kind"] for day in plan["days"] for item in day["items"]]
            return kinds.count("strength")

        assert strength_days() == 3
        sessions = _change(cleo, anna, kind="sessions", sessions=2, reason="a busy block")
        assert sessions.status_code == 201, sessions.text
        assert strength_days() == 2  # the plan follows the clinician's number unless asked
        asked = anna.call("GET", f"{API}/plan", params={"sessions": 3}).json()
        assert sum(i["kind"] == "strength" for d in asked["days"] for i in d["items"]) == 3


def _writes(clinician: Runner, runner: Runner, change_id: str) -> list[int]:
    made = _change(clinician, runner, kind="pin", exercise_id="squat", reason="x")
    undone = clinician.call(
        "POST", f"{_changes_path(runner)}/{change_id}/undo", json={"reason": "x"}
    )
    listed = clinician.call("GET", _changes_path(runner))
    return [made.status_code, undone.status_code, listed.status_code]


def test_nobody_without_a_live_link_and_the_scope_reaches_the_changes() -> None:
    with web_app() as browser:
        anna, cleo = _pair(browser, ["programme"])
        dan = runner_with_data(another_browser(browser), "dan", note="dan's own")
        first = _change(cleo, anna, kind="pin", exercise_id="squat", reason="strong legs").json()
        before = anna.call("GET", f"{API}/programme-changes").json()
        assert _writes(dan, anna, first["id"]) == [404, 404, 404]  # unlinked
        link_clinician(anna, dan, ["screening", "notes"])
        assert _writes(dan, anna, first["id"])[:2] == [404, 404]  # no programme scope
        assert dan.call("GET", _changes_path(anna)).json() == []  # notes only: no pins shown
        assert _writes(anna, dan, "no-such-id") == [404, 404, 404]  # dan is not anna's client
        # Nobody is their own client: a runner cannot pin or cap their own programme here.
        assert _writes(anna, anna, first["id"]) == [404, 404, 404]
        assert anna.call("GET", f"{API}/clients/{anna.user_id}/routine").status_code == 404
        assert anna.browser.get(f"/clients/{anna.user_id}").status_code == 404
        revoked = anna.call("DELETE", f"{API}/care/links/{anna.link_id}")
        assert revoked.status_code == 200, revoked.text
        assert _writes(cleo, anna, first["id"]) == [404, 404, 404]  # revoked
        assert anna.call("GET", f"{API}/programme-changes").json() == before
        page = post_form(
            cleo.browser,
            f"/clients/{anna.user_id}/programme-changes",
            kind="pin",
            exercise_id="lunge",
            reason="x",
        )
        assert page.status_code == 404


def test_the_clients_page_makes_refuses_and_undoes_changes() -> None:
    with web_app() as browser:
        anna, cleo = _pair(browser, ["programme", "notes"])
        path = f"/clients/{anna.user_id}"
        page = cleo.browser.get(path)
        assert page.status_code == 200 and 'id="form-pin"' in page.text
        made = post_form(
            cleo.browser,
            f"{path}/programme-changes",
            kind="sessions",
            sessions="5",
            reason="more",
        )
        assert made.status_code == 422 and "choose 2 or 3" in made.text
        made = post_form(
            cleo.browser, f"{path}/programme-changes", kind="note", note="Hi", reason="hello"
        )
        assert made.status_code == 303, made.text
        shown = cleo.browser.get(path).text
        assert "Version 1" in shown and "note: Hi" in shown and "(in force)" in shown
        change_id = cleo.call("GET", _changes_path(anna)).json()[0]["id"]
        undone = post_form(
            cleo.browser, f"{path}/programme-changes/{change_id}/undo", reason="oops"
        )
        assert undone.status_code == 303, undone.text
        assert "(undone)" in cleo.browser.get(path).text
        assert "note-heading" not in anna.browser.get("/today").text


def test_after_an_emergency_result_today_has_no_routine_but_shows_the_note() -> None:
    clock = FakeClock()
    with web_app(clock) as browser:
        anna, cleo = _pair(browser, ["programme", "notes"])
        assert (
            _change(cleo, anna, kind="pin", exercise_id="squat", reason="legs").status_code == 201
        )
        note = _change(cleo, anna, kind="note", note="Call me after the doctor", reason="care")
        assert note.status_code == 201, note.text
        clock.now += timedelta(minutes=5)
        alarm = anna.call("POST", f"{API}/screenings", json={**CALM, "saddle_numbness": True})
        assert alarm.status_code == 201 and alarm.json()["triage"] == "emergency"
        assert anna.call("GET", f"{API}/routine").status_code == 409
        today = anna.browser.get("/today").text
        assert "Call me after the doctor" in today and "no exercise programme applies" in today
        assert "Pinned by cleo" not in today and "Today's routine" not in today
        handout = anna.browser.get("/routine/handout").text
        assert "Call me after the doctor" in handout and 'class="exercise"' not in handout
        assert "Pinned by cleo" not in handout
        # The clinician's view of the current programme says the same, through the API and page.
        refused = cleo.call("GET", f"{API}/clients/{anna.user_id}/routine")
        assert refused.status_code == 409 and "emergency" in refused.json()["detail"].lower()
        page = cleo.browser.get(f"/clients/{anna.user_id}").text
        assert "Current programme" in page and "No routine today" in page
        assert "Level now: <strong>emergency</strong>" in page
        assert 'class="pinned"' not in page


def test_the_clinician_sees_the_current_programme_the_runner_sees_with_its_reasons() -> None:
    with web_app() as browser:
        anna, cleo = _pair(browser, ["programme"])
        ladder = _absent_ladder(anna)
        pinned = _change(cleo, anna, kind="pin", exercise_id=ladder, reason="builds the hips")
        assert pinned.status_code == 201, pinned.text
        before = len(_trail(anna))
        seen = cleo.call("GET", f"{API}/clients/{anna.user_id}/routine")
        assert seen.status_code == 200, seen.text
        assert seen.json() == _routine(anna)  # the very routine the runner's Today builds
        assert any(
            item["pinned"] == "pinned by cleo: builds the hips" for item in seen.json()["items"]
        )
        trail = _trail(anna)
        assert len(trail) == before + 1
        reads = [e for e in trail if e["what"] == "read the current programme"]
        assert [(e["scope"], e["change"]) for e in reads] == [("programme", False)]
        page = cleo.browser.get(f"/clients/{anna.user_id}").text
        assert "Current programme" in page and "Level now: <strong>self care</strong>" in page
        assert "Pinned by cleo: builds the hips" in page
        for item in seen.json()["items"]:
            assert f'data-exercise="{item["exercise"]}"' in page
        assert "How it was put together" in page
