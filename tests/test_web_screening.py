"""The screening and the check-in in the browser, as runners walk them and as attackers tamper."""

from datetime import UTC, datetime, timedelta
from html import unescape
from html.parser import HTMLParser
from typing import Any

import httpx2
import pytest
from fastapi.testclient import TestClient
from screening_base import CALM, CALM_REPLIES, answers_with
from web_client import (
    PASSWORD,
    FakeClock,
    another_browser,
    post_form,
    screen_as,
    sign_up,
    web_app,
)

from backstride.domain.questionnaire import QUESTIONS, RED_FLAG_QUESTIONS
from backstride.domain.triage_texts import HEADLINES
from backstride.services.exercises import catalogue

EMERGENCY = HEADLINES["emergency"]


class Form(HTMLParser):
    """The hidden fields of a page's forms (the last form's win where names repeat)."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.checked: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag != "input":
            return
        if found.get("type") == "hidden" and found.get("name") != "form_token":
            self.hidden[str(found["name"])] = str(found["value"])
        if "checked" in found:
            self.checked.append(str(found["value"]))


def question_of(page: str) -> str | None:
    """The id of the question a wizard page asks, None on any other page."""
    return Form(page).hidden.get("question")


def draft_of(page: str) -> dict[str, str]:
    return {k: v for k, v in Form(page).hidden.items() if k.startswith("draft.")}


def send(
    browser: TestClient, path: str, page: str, move: str = "answer", reply: str | None = None
) -> httpx2.Response:
    """Press a button of the page's wizard form, with a reply (commas: several ticked)."""
    fields: dict[str, Any] = {**Form(page).hidden, "move": move}
    if reply is not None:
        fields["reply"] = reply.split(",") if "," in reply else reply
    return post_form(browser, path, **fields)


def walk(
    browser: TestClient, path: str = "/screen", **replies: str
) -> tuple[httpx2.Response, list[str]]:
    """Answer every page (calm by default) until the wizard stops; returns the last response."""
    response = browser.get(path)
    asked: list[str] = []
    while response.status_code == 200 and (qid := question_of(response.text)) is not None:
        asked.append(qid)
        assert len(asked) < 80, asked
        reply = replies.get(qid, CALM_REPLIES.get(qid, "n"))
        response = send(browser, path, response.text, reply=reply)
    return response, asked


def history(browser: TestClient) -> list[dict[str, Any]]:
    screenings: list[dict[str, Any]] = browser.get("/account/export").json()["tables"]["screenings"]
    return screenings


def test_a_calm_screening_walks_every_question_to_self_care_and_today_has_a_routine() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        assert 'href="/screen"' in browser.get("/today").text  # "Start the screening"
        first = browser.get("/screen")
        assert first.status_code == 200 and first.headers["cache-control"] == "no-store"
        assert 'name="reply" value="?"' in first.text and "Not sure" in first.text
        assert "Back</button>" not in first.text  # nothing to go back to yet
        done, asked = walk(browser)
        expected = [q.id for q in QUESTIONS if q.id in asked]
        assert asked == expected  # the terminal's order
        assert asked[:5] == [q.id for q in QUESTIONS[:5]]
        assert "leg_symptom_onset" not in asked and "extra_psoriasis" not in asked
        assert done.status_code == 303 and done.headers["location"].startswith("/screen/result/")
        result = browser.get(done.headers["location"])
        assert "Your level now: self care" in result.text
        assert "Pain pattern" in result.text and 'href="/today"' in result.text
        assert "DOMAIN.md" not in result.text
        [stored] = history(browser)
        assert (stored["kind"], stored["triage"]) == ("screen", "self_care")
        today = browser.get("/today").text
        assert "Your level now: self care" in today and "Today's routine" in today


def test_each_page_asks_one_question_with_its_help_and_labelled_choices() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        page = browser.get("/screen").text
        bladder = send(browser, "/screen", page, reply="n").text
        assert question_of(bladder) == "bladder_change_new"
        assert "A small leak you have had, unchanged, for years does not count." in bladder
        assert "Question 2" in bladder and "Back</button>" in bladder
        for index in (1, 2, 3):
            assert f'<label class="choice" for="reply-{index}">' in bladder
            assert f'id="reply-{index}" name="reply"' in bladder
        assert "<legend" in bladder


def test_an_emergency_answer_stops_at_once_and_is_stored_only_when_kept() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        stop = send(browser, "/screen", browser.get("/screen").text, reply="y")
        assert stop.status_code == 200 and question_of(stop.text) is None
        assert EMERGENCY in stop.text and "level-emergency" in stop.text
        assert "Keep this answer" in stop.text and "change it" in stop.text
        assert "numbness" in stop.text  # the rule fired, in plain words
        assert "call your emergency number" in stop.text  # the safety net
        assert "E1" not in stop.text and "DOMAIN.md" not in stop.text
        names = [exercise.name for exercise in catalogue().exercises]
        assert not [name for name in names if name in stop.text]
        assert 'class="routine"' not in stop.text
        assert history(browser) == []  # not kept yet: a stray tap can be taken back
        kept = send(browser, "/screen", stop.text, move="keep")
        assert kept.status_code == 303
        result = browser.get(kept.headers["location"]).text
        assert "Your level now: emergency" in result and "Pain pattern" not in result
        [stored] = history(browser)
        assert (stored["kind"], stored["triage"]) == ("screen_stopped", "emergency")
        today = browser.get("/today").text
        assert EMERGENCY in today and "Today's routine" not in today
        assert "How is your back this morning?" not in today


def test_a_stray_emergency_answer_can_be_taken_back() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        first = browser.get("/screen").text
        second = send(browser, "/screen", first, reply="n").text
        stop = send(browser, "/screen", second, reply="y").text
        assert EMERGENCY in stop
        again = send(browser, "/screen", stop, move="back")
        assert again.status_code == 200 and question_of(again.text) == "bladder_change_new"
        assert Form(again.text).checked == ["y"]  # the answer being changed, shown chosen
        assert draft_of(again.text) == {"draft.saddle_numbness": "n"}
        assert history(browser) == []


def test_back_goes_back_one_question_and_keeps_the_earlier_answers() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        page = browser.get("/screen").text
        for reply in ("n", "n", "n", "n", "1"):
            page = send(browser, "/screen", page, reply=reply).text
        assert question_of(page) == "leg_symptom_onset"
        back = send(browser, "/screen", page, move="back").text
        assert question_of(back) == "leg_symptom_side"
        assert Form(back).checked == ["1"]  # the answer being changed, shown chosen
        assert list(draft_of(back)) == [f"draft.{q.id}" for q in QUESTIONS[:4]]
        changed = send(browser, "/screen", back, reply="n").text
        assert question_of(changed) == "leg_weak_any"  # no leg follow-ups now
        assert "draft.leg_symptom_onset" not in draft_of(changed)
        assert draft_of(changed)["draft.leg_symptom_side"] == "n"
        assert list(draft_of(changed))[:4] == list(draft_of(back))


def test_not_sure_on_a_warning_sign_is_taken_as_yes_and_said_so() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        done, _ = walk(browser, unexplained_weight_loss="?")
        assert done.status_code == 303
        result = browser.get(done.headers["location"]).text
        assert "Your level now: urgent doctor" in result
        assert "“not sure”" in result and "Have you lost weight without trying?" in result
        assert history(browser)[0]["answers"]["unexplained_weight_loss"] is True


def test_a_bad_reply_is_asked_again_naming_it() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        page, _ = walk(browser, age="")  # stops nowhere: "" is asked again below
        assert page.status_code == 422 and question_of(page.text) == "age"
        for typed, words in (("300", "out of range: give 5 to 110"), ("old", "'old' is not")):
            again = send(browser, "/screen", page.text, reply=typed)
            assert again.status_code == 422 and words in unescape(again.text)
            assert 'aria-invalid="true"' in again.text
        assert history(browser) == []


def _halfway(browser: TestClient) -> str:
    page = browser.get("/screen").text
    for _ in range(3):
        page = send(browser, "/screen", page, reply="n").text
    return page


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"draft.saddle_numbness": "maybe"}, "maybe"),
        ({"draft.saddle_numbness": "y" * 5000}, "5000 characters"),
        ({"draft.age": "35"}, "'age'"),
        ({"draft.favourite_colour": "blue"}, "favourite_colour"),
        ({"triage": "self_care"}, "'triage' is not a field"),
        ({"move": "finish"}, "'finish'"),
        ({"reply": "n" * 500}, "500 characters"),
        ({"draft.saddle_numbness": "y"}, "'bladder_change_new', 'bowel_change_new'"),
    ],
)
def test_tampered_drafts_are_refused_naming_the_value_and_nothing_is_stored(
    fields: dict[str, str], named: str
) -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        page = _halfway(browser)
        sent = {**Form(page).hidden, "move": "answer", "reply": "n", **fields}
        refused = post_form(browser, "/screen", **sent)
        assert refused.status_code == 422, refused.text
        assert named in unescape(refused.text) and "Nothing was saved" in refused.text
        assert history(browser) == []


def test_a_tampered_number_or_a_skipped_question_is_refused() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        _, asked = walk(browser, trend="x")  # stop on the bad trend reply, mid-way
        page = browser.get("/screen").text
        draft = {f"draft.{qid}": "n" for qid in asked[:23]}
        for typed, words in (("9" * 40, "out of range"), ("1e999", "is not a whole number")):
            sent = {"question": "age", **draft, "draft.age": typed, "move": "back"}
            refused = post_form(browser, "/screen", **sent)
            assert refused.status_code == 422 and words in refused.text, refused.text
        skipped = {k: v for k, v in draft.items() if k != "draft.saddle_numbness"}
        refused = post_form(browser, "/screen", question="age", move="answer", **skipped)
        assert refused.status_code == 422 and "do not fit" in refused.text
        assert "bladder_change_new" in unescape(refused.text)
        assert question_of(page) == "saddle_numbness"
        assert history(browser) == []


def test_a_stale_page_or_a_keep_without_an_emergency_is_refused() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        page = _halfway(browser)
        stale = post_form(browser, "/screen", **{**Form(page).hidden, "question": "age"})
        assert stale.status_code == 409 and "out of date" in stale.text
        keep = send(browser, "/screen", page, move="keep")
        assert keep.status_code == 422 and "no emergency answer to keep" in keep.text
        assert history(browser) == []


def test_a_calm_re_screen_after_an_emergency_keeps_the_emergency_until_a_doctor_says() -> None:
    clock = FakeClock(datetime(2026, 3, 10, 9, 0, tzinfo=UTC))
    with web_app(clock) as browser:
        sign_up(browser, "anna")
        stop = send(browser, "/screen", browser.get("/screen").text, reply="y")
        kept = send(browser, "/screen", stop.text, move="keep")
        own = browser.get(kept.headers["location"]).text
        assert "Your level now: emergency" in own
        assert "still stands" not in own  # the only result is this one: nothing earlier
        first = browser.get("/screen").text
        assert question_of(first) == "doctor_assessed_since_warning"
        assert "still stands" in first
        clock.now += timedelta(days=1)
        done, asked = walk(browser, doctor_assessed_since_warning="n")
        assert asked[0] == "doctor_assessed_since_warning"
        result = browser.get(done.headers["location"]).text
        assert "Your level now: emergency" in result and "still stands" in result
        assert "On its own: <strong>self care</strong>" in result
        assert EMERGENCY in browser.get("/today").text
        clock.now += timedelta(days=1)
        cleared, _ = walk(browser, doctor_assessed_since_warning="y")
        assert "Your level now: self care" in browser.get(cleared.headers["location"]).text


def test_a_check_in_with_new_two_leg_symptoms_raises_the_level_to_emergency() -> None:
    clock = FakeClock(datetime(2026, 3, 10, 9, 0, tzinfo=UTC))
    with web_app(clock) as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", CALM)
        clock.now += timedelta(hours=2)
        done, asked = walk(
            browser, "/check-in", leg_symptom_side="2", leg_symptom_onset="old", pain_now_0_10="3"
        )
        assert set(asked) <= {q.id for q in RED_FLAG_QUESTIONS}
        assert "age" not in asked and "doctor_assessed_since_warning" not in asked
        assert done.status_code == 303
        result = browser.get(done.headers["location"]).text
        assert "Your level now: emergency" in result and "This check-in" in result
        assert sorted(row["kind"] for row in history(browser)) == ["check_in", "screen"]
        assert EMERGENCY in browser.get("/today").text


def test_a_calm_check_in_keeps_self_care() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", answers_with(duration_weeks=1))
        done, asked = walk(browser, "/check-in", pain_now_0_10="2")
        assert asked[0] == "saddle_numbness"
        assert "Your level now: self care" in browser.get(done.headers["location"]).text


def test_a_check_in_without_a_full_screening_sends_the_runner_to_the_screening() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        sent = browser.get("/check-in")
        assert sent.status_code == 303 and sent.headers["location"] == "/screen?after=check-in"
        page = browser.get(sent.headers["location"]).text
        assert "A check-in adds to a full screening" in page
        assert question_of(page) == "saddle_numbness"
        posted = post_form(browser, "/check-in", move="answer", question="saddle_numbness")
        assert posted.status_code == 303 and history(browser) == []


def test_history_lists_screenings_and_check_ins_on_the_runner_clock() -> None:
    with web_app(FakeClock(datetime(2026, 3, 10, 20, 30, tzinfo=UTC))) as browser:
        made = post_form(
            browser, "/setup", login="anna", password=PASSWORD, time_zone="Pacific/Auckland"
        )
        assert made.status_code == 303
        assert "No screening yet" in browser.get("/screen/history").text
        walk(browser)
        walk(browser, "/check-in", pain_now_0_10="2")
        page = browser.get("/screen/history").text
        assert page.count("<tr>") == 3  # the header and two rows
        assert page.count("11 Mar 2026, 09:30") == 2  # 20:30 UTC is the next morning there
        assert "check-in" in page and "screening" in page and "self care" in page
        assert 'aria-current="page">Screening</a>' in page


def test_another_runner_sees_none_of_the_draft_results_or_history() -> None:
    with web_app() as anna:
        sign_up(anna, "anna")
        half = _halfway(anna)
        done, _ = walk(anna, unexplained_weight_loss="?")
        result_path = done.headers["location"]
        bob = another_browser(anna)
        sign_up(bob, "bob")
        fresh = bob.get("/screen").text
        assert question_of(fresh) == "saddle_numbness" and draft_of(fresh) == {}
        assert bob.get(result_path).status_code == 404
        assert bob.get(result_path.split("?")[0]).status_code == 404
        assert "No screening yet" in bob.get("/screen/history").text
        assert bob.get("/check-in").status_code == 303  # anna's screening is not bob's
        # Anna's half-way page sent from Bob's browser is Bob's own draft, and only a draft.
        sent = send(bob, "/screen", half, reply="n")
        assert sent.status_code == 200 and history(bob) == []
        assert len(history(anna)) == 1


def test_signed_out_visitors_are_sent_to_sign_in() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        browser.cookies.delete("backstride_session")
        for path in ("/screen", "/check-in", "/screen/history", "/screen/result/x"):
            response = browser.get(path)
            assert response.status_code == 303 and response.headers["location"].startswith("/login")


@pytest.mark.parametrize("path", ["/screen", "/check-in"])
@pytest.mark.parametrize("token", [None, "", "not-the-token"])
def test_every_wizard_form_is_refused_without_its_form_token(path: str, token: str | None) -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", CALM)
        stop = send(browser, "/screen", browser.get("/screen").text, reply="y")
        fields = {**Form(stop.text).hidden, "move": "keep"}
        if token is not None:
            fields["form_token"] = token
        refused = browser.post(path, data=fields, headers={"origin": str(browser.base_url)})
        assert refused.status_code == 403
        assert len(history(browser)) == 1  # only the one stored directly


def test_wizard_pages_carry_no_inline_script_or_style() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        first = browser.get("/screen").text
        stop = send(browser, "/screen", first, reply="y").text
        done = send(browser, "/screen", stop, move="keep")
        pages = [first, stop, browser.get(done.headers["location"]).text]
        pages.append(browser.get("/screen/history").text)
        for page in pages:
            assert "<script>" not in page and "style=" not in page and "<style" not in page
