"""The web pages as a runner meets them, and what every response carries."""

from screening_base import CALM
from web_client import another_browser, post_form, screen_as, sign_up, web_app

from backstride.web.guards import HEADERS


def test_every_response_carries_the_security_headers() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        for response in (
            browser.get("/"),
            browser.get("/today"),
            browser.get("/static/style.css"),
            browser.get("/no-such-page"),
            browser.put("/today"),
            post_form(browser, "/pain", score="eleven"),
        ):
            for name, value in HEADERS.items():
                assert response.headers.get(name) == value, (response.url, name)
        assert "'unsafe-inline'" not in HEADERS["content-security-policy"]


def test_pages_carry_no_inline_script_or_style() -> None:
    with web_app() as browser:
        pages = [browser.get("/", follow_redirects=True).text]
        sign_up(browser, "anna")
        screen_as(browser, "anna", CALM)
        pages += [browser.get(path).text for path in ("/today", "/account")]
        for page in pages:
            assert "<script>" not in page and "style=" not in page and "onclick" not in page
            assert "<style" not in page


def test_an_oversized_body_is_refused_with_413() -> None:
    with web_app(BACKSTRIDE_MAX_BODY_KB="8") as browser:
        token = browser.get("/", follow_redirects=True).cookies.get("backstride_form")
        big = {"login": "x" * 9000, "password": "y", "form_token": token or ""}
        response = browser.post("/login", data=big, headers={"origin": "http://testserver"})
        assert response.status_code == 413


def test_a_new_runner_is_sent_to_the_screening_first() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        page = browser.get("/today").text
        assert "It starts with a short screening" in page
        assert 'href="/screen"' in page
        assert "Go to an emergency department straight away" in page  # the safety net
        assert "How is your back this morning?" not in page


def test_a_calm_runner_sees_the_routine_and_logs_morning_pain_in_one_tap() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", CALM)
        page = browser.get("/today").text
        assert "Your level now: self care" in page
        assert "Today's routine" in page and '<ol class="routine">' in page
        assert page.count('name="score"') == 11
        logged = post_form(browser, "/pain", score="3", when="morning")
        assert logged.status_code == 303
        after = browser.get("/today").text
        assert "Morning pain today: <strong>3/10</strong>" in after
        assert 'name="score"' not in after


def test_a_bad_score_is_named_and_nothing_is_stored() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", CALM)
        for typed in ("11", "-1", "three", ""):
            refused = post_form(browser, "/pain", score=typed, when="morning")
            assert refused.status_code == 422, typed
        refused = post_form(browser, "/pain", score="3", when="sometime")
        assert refused.status_code == 422 and "sometime" in refused.text
        assert browser.get("/account/export").json()["tables"]["pain_entries"] == []


def test_an_emergency_shows_what_to_do_now_and_no_exercise() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", {**CALM, "saddle_numbness": True})
        page = browser.get("/today").text
        assert "GO TO AN EMERGENCY DEPARTMENT NOW" in page
        assert "level-emergency" in page
        assert "Today's routine" not in page and 'class="routine"' not in page
        assert 'name="score"' not in page


def test_one_runner_never_sees_anothers_day() -> None:
    with web_app() as anna:
        sign_up(anna, "anna")
        screen_as(anna, "anna", {**CALM, "saddle_numbness": True})
        ben = another_browser(anna)
        sign_up(ben, "ben")
        page = ben.get("/today").text
        assert "EMERGENCY" not in page and "It starts with a short screening" in page
