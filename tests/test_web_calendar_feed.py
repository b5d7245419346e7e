"""The plan's private calendar feed: a secret link made on the plan page, revocable, read only."""

import re
from datetime import UTC, datetime
from html import unescape

from screening_base import CALM
from web_client import (
    FakeClock,
    another_browser,
    database_of,
    post_form,
    screen_as,
    sign_up,
    web_app,
)

from backstride.storage.tables import CalendarFeedRow

NOW = datetime(2026, 3, 4, 12, tzinfo=UTC)
ADDRESS = re.compile(r'value="http://testserver(/calendar/([A-Za-z0-9_-]+)\.ics)"')


def _make_feed(browser: object, weeks: str = "2") -> tuple[str, str]:
    made = post_form(browser, "/plan/calendar-feed", weeks=weeks, sessions="3")  # type: ignore[arg-type]
    assert made.status_code == 200, made.text
    found = ADDRESS.search(made.text)
    assert found is not None
    return found.group(1), found.group(2)


def test_a_feed_is_made_on_the_plan_page_and_read_without_signing_in() -> None:
    with web_app(FakeClock(NOW)) as anna:
        sign_up(anna, "anna")
        screen_as(anna, "anna", CALM)
        path, secret = _make_feed(anna)
        assert len(secret) >= 43
        calendar_app = another_browser(anna)  # no session, no cookies
        feed = calendar_app.get(path)
        assert feed.status_code == 200
        assert feed.headers["content-type"].startswith("text/calendar")
        assert feed.text.startswith("BEGIN:VCALENDAR")
        assert feed.text.count("BEGIN:VEVENT") >= 4  # two weeks of strength sessions
        assert "attachment" not in feed.headers.get("content-disposition", "")
        page = anna.get("/plan").text
        assert secret not in page  # shown once, never again
        assert "You have a private calendar address since 04 Mar 2026" in unescape(page)


def test_only_the_hash_of_the_secret_is_stored() -> None:
    with web_app(FakeClock(NOW)) as anna:
        sign_up(anna, "anna")
        screen_as(anna, "anna", CALM)
        _, secret = _make_feed(anna)
        with database_of(anna).transaction() as session:
            rows = session.query(CalendarFeedRow).all()
            assert len(rows) == 1 and rows[0].token_hash != secret
            assert secret not in repr(vars(rows[0]))


def test_a_revoked_feed_and_a_replaced_one_answer_404() -> None:
    with web_app(FakeClock(NOW)) as anna:
        sign_up(anna, "anna")
        screen_as(anna, "anna", CALM)
        calendar_app = another_browser(anna)
        first, _ = _make_feed(anna)
        second, _ = _make_feed(anna)
        assert calendar_app.get(first).status_code == 404  # a new address stops the old one
        assert calendar_app.get(second).status_code == 200
        revoked = post_form(anna, "/plan/calendar-feed/revoke")
        assert revoked.status_code == 303
        assert "revoked" in anna.get(revoked.headers["location"]).text
        gone = calendar_app.get(second)
        assert gone.status_code == 404 and "BEGIN:VCALENDAR" not in gone.text


def test_a_forged_secret_answers_404() -> None:
    with web_app(FakeClock(NOW)) as anna:
        sign_up(anna, "anna")
        screen_as(anna, "anna", CALM)
        path, secret = _make_feed(anna)
        calendar_app = another_browser(anna)
        forged = secret[:-1] + ("A" if secret[-1] != "A" else "B")
        for guess in (forged, "", "x" * 200, secret.upper(), "..%2F..%2Fplan"):
            answer = calendar_app.get(f"/calendar/{guess}.ics")
            assert answer.status_code == 404, guess
            assert "BEGIN:VCALENDAR" not in answer.text
        assert calendar_app.get(path).status_code == 200


def test_a_second_runner_cannot_revoke_or_read_the_first_runners_feed() -> None:
    with web_app(FakeClock(NOW)) as anna:
        sign_up(anna, "anna")
        screen_as(anna, "anna", CALM)
        path, _ = _make_feed(anna)
        ben = another_browser(anna)
        sign_up(ben, "ben")
        screen_as(ben, "ben", CALM)
        assert "You have a private calendar address" not in ben.get("/plan").text
        assert post_form(ben, "/plan/calendar-feed/revoke").status_code == 303
        ben_path, _ = _make_feed(ben)
        assert ben.get(path).status_code == 200  # anna's feed still works, for anyone with it
        assert "You have a private calendar address" in anna.get("/plan").text
        assert ben_path != path


def test_a_feed_needs_a_form_token_and_valid_fields() -> None:
    with web_app(FakeClock(NOW)) as anna:
        sign_up(anna, "anna")
        screen_as(anna, "anna", CALM)
        no_token = anna.post(
            "/plan/calendar-feed", data={"weeks": "2"}, headers={"origin": "http://testserver"}
        )
        assert no_token.status_code == 403
        bad = post_form(anna, "/plan/calendar-feed", weeks="40", sessions="3")
        assert 400 <= bad.status_code < 500 and "40" in bad.text
        assert "You have a private calendar address" not in anna.get("/plan").text


def test_after_an_emergency_screening_the_feed_carries_no_plan() -> None:
    with web_app(FakeClock(NOW)) as anna:
        sign_up(anna, "anna")
        screen_as(anna, "anna", CALM)
        path, _ = _make_feed(anna)
        screen_as(anna, "anna", {**CALM, "saddle_numbness": True})
        answer = another_browser(anna).get(path)
        assert answer.status_code == 409 and "BEGIN:VEVENT" not in answer.text
