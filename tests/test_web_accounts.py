"""Accounts in the browser, tried as users and as an attacker would: sessions, throttling, CSRF."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select
from web_client import (
    PASSWORD,
    FakeClock,
    another_browser,
    database_of,
    post_form,
    sign_in,
    sign_up,
    web_app,
)

from backstride.cli.local_action import local_action
from backstride.domain.pain import PainEntry
from backstride.services.context import Action
from backstride.services.pain import log_pain, pain_history
from backstride.storage.accounts import list_accounts
from backstride.storage.tables import WebSessionRow
from backstride.web.auth import FORM_COOKIE, SESSION_COOKIE


def test_the_first_visit_sets_up_the_admin_then_setup_is_closed() -> None:
    with web_app() as browser:
        assert browser.get("/").headers["location"] == "/setup"
        assert browser.get("/login").headers["location"] == "/setup"
        sign_up(browser, "anna")
        page = browser.get("/account")
        assert page.status_code == 200 and "(the admin)" in page.text
        stranger = another_browser(browser)
        assert stranger.get("/setup").headers["location"] == "/login"
        refused = post_form(stranger, "/setup", login="mallory", password=PASSWORD)
        assert refused.status_code == 409
        assert "already set up" in refused.text
        assert sign_in(stranger, "mallory").status_code == 401


def test_the_first_account_takes_over_what_the_cli_recorded() -> None:
    with local_action() as action:
        log_pain(action, 4, "morning")
    with web_app() as browser:
        sign_up(browser, "anna")
        exported = browser.get("/account/export")
        assert exported.status_code == 200
        assert exported.headers["content-disposition"].startswith("attachment")
        pain = exported.json()["tables"]["pain_entries"]
        assert [row["score"] for row in pain] == [4]


def test_a_later_account_starts_empty_and_is_not_admin() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        other = another_browser(browser)
        sign_up(other, "ben")
        assert "(the admin)" not in other.get("/account").text
        assert other.get("/account/export").json()["tables"]["pain_entries"] == []


def test_unknown_login_and_wrong_password_read_the_same() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        stranger = another_browser(browser)
        wrong = sign_in(stranger, "anna", "not the password at all")
        unknown = sign_in(stranger, "nobody-here", "not the password at all")
        assert wrong.status_code == unknown.status_code == 401
        assert _error_of(wrong.text) == _error_of(unknown.text)
        assert "do not match an account" in _error_of(wrong.text)
        assert SESSION_COOKIE not in stranger.cookies


def _error_of(page: str) -> str:
    start = page.index('role="alert"')
    return page[start : page.index("</p>", start)]


def test_failed_sign_ins_are_throttled_for_every_worker() -> None:
    """Two app instances on one database stand for two workers: the count is shared."""
    with web_app() as first:
        sign_up(first, "anna")
        with web_app() as second:
            for attempt in range(5):
                worker = first if attempt % 2 else second
                assert sign_in(another_browser(worker), "anna", "wrong guess!").status_code == 401
            locked = sign_in(another_browser(first), "anna")
            assert locked.status_code == 429
            assert int(locked.headers["retry-after"]) > 0
            assert sign_in(another_browser(second), "anna").status_code == 429


def test_throttling_ends_after_the_window() -> None:
    clock = FakeClock()
    with web_app(clock) as browser:
        sign_up(browser, "anna")
        for _ in range(5):
            sign_in(another_browser(browser), "anna", "wrong guess!")
        assert sign_in(another_browser(browser), "anna").status_code == 429
        clock.now += timedelta(minutes=16)
        assert sign_in(another_browser(browser), "anna").status_code == 303


def test_the_session_cookie_is_httponly_lax_and_secure_over_https() -> None:
    with web_app(base_url="https://testserver") as browser:
        response = post_form(
            browser, "/setup", login="anna", password=PASSWORD, time_zone="Europe/Oslo"
        )
        cookie = next(
            c for c in response.headers.get_list("set-cookie") if c.startswith(SESSION_COOKIE)
        )
        flags = {part.strip().lower() for part in cookie.split(";")}
        assert {"httponly", "samesite=lax", "secure", "path=/"} <= flags
        assert "strict-transport-security" in response.headers
    with web_app() as plain:
        response = post_form(plain, "/login", login="anna", password=PASSWORD)
        cookie = next(
            c for c in response.headers.get_list("set-cookie") if c.startswith(SESSION_COOKIE)
        )
        assert "secure" not in cookie.lower()


def test_logout_revokes_the_session_on_the_server() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        stolen = browser.cookies[SESSION_COOKIE]
        assert post_form(browser, "/logout").status_code == 303
        replay = another_browser(browser)
        replay.cookies.set(SESSION_COOKIE, stolen)
        assert replay.get("/today").headers["location"].startswith("/login")


def test_a_password_change_signs_out_every_other_device() -> None:
    with web_app() as laptop:
        sign_up(laptop, "anna")
        phone = another_browser(laptop)
        assert sign_in(phone, "anna").status_code == 303
        assert phone.get("/today").status_code == 200
        new = "an even calmer back today"
        changed = post_form(
            laptop, "/account/password", current_password=PASSWORD, new_password=new
        )
        assert changed.status_code == 303
        assert laptop.get("/today").status_code == 200  # this device got a fresh session
        assert phone.get("/today").status_code == 303  # the other one is signed out
        assert sign_in(another_browser(laptop), "anna").status_code == 401
        assert sign_in(another_browser(laptop), "anna", new).status_code == 303


def test_a_wrong_current_password_changes_nothing() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        refused = post_form(
            browser, "/account/password", current_password="guess", new_password="x" * 12
        )
        assert refused.status_code == 422
        assert "current password is not right" in refused.text
        assert sign_in(another_browser(browser), "anna").status_code == 303


def test_one_can_sign_out_another_device_but_not_someone_elses() -> None:
    with web_app() as laptop:
        sign_up(laptop, "anna")
        phone = another_browser(laptop)
        sign_in(phone, "anna")
        ben = another_browser(laptop)
        sign_up(ben, "ben")
        keys = _session_keys(laptop)
        assert len(keys) == 2
        anna_phone = next(key for key, here in keys if not here)
        assert post_form(ben, "/account/sessions/end", key=anna_phone).status_code == 422
        assert phone.get("/today").status_code == 200
        assert post_form(laptop, "/account/sessions/end", key=anna_phone).status_code == 303
        assert phone.get("/today").status_code == 303


def _session_keys(client: TestClient) -> list[tuple[str, bool]]:
    page = client.get("/account").text
    keys = []
    for chunk in page.split("<li>")[1:]:
        here = "this device" in chunk
        key = chunk.split('name="key" value="')[1].split('"')[0] if not here else ""
        keys.append((key, here))
    return keys


def test_sessions_end_when_idle_and_at_their_absolute_end() -> None:
    clock = FakeClock()
    with web_app(clock, BACKSTRIDE_SESSION_IDLE_HOURS="2", BACKSTRIDE_SESSION_DAYS="1") as b:
        sign_up(b, "anna")
        clock.now += timedelta(hours=1, minutes=59)
        assert b.get("/today").status_code == 200
        clock.now += timedelta(hours=1, minutes=59)  # active every two hours: still in
        assert b.get("/today").status_code == 200
        clock.now += timedelta(hours=2, minutes=1)  # idle too long
        assert b.get("/today").status_code == 303
        sign_in(b, "anna")
        for _ in range(13):
            clock.now += timedelta(hours=1, minutes=55)
            b.get("/today")
        assert b.get("/today").status_code == 303  # over a day since sign-in
    with web_app(clock) as again, database_of(again).transaction() as session:
        assert session.scalars(select(WebSessionRow)).all() == []  # ended ones are forgotten


def test_a_cross_site_form_is_refused_before_anything_changes() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        token = browser.cookies[FORM_COOKIE]
        for headers in (
            {"origin": "https://evil.example"},
            {"sec-fetch-site": "cross-site"},
            {"sec-fetch-site": "same-site", "origin": "http://testserver"},
            {"origin": "null"},
        ):
            sent = browser.post("/pain", data={"score": "3", "form_token": token}, headers=headers)
            assert sent.status_code == 403, headers
        with local_history(browser) as history:
            assert history == []


def test_a_form_without_its_token_is_refused() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        sent = browser.post("/pain", data={"score": "3"}, headers={"origin": "http://testserver"})
        assert sent.status_code == 403
        forged = browser.post(
            "/pain",
            data={"score": "3", "form_token": "forged"},
            headers={"sec-fetch-site": "same-origin"},
        )
        assert forged.status_code == 403
        with local_history(browser) as history:
            assert history == []


@contextmanager
def local_history(browser: TestClient) -> Iterator[list[PainEntry]]:
    """The only runner's pain entries, read straight from the service."""
    with database_of(browser).transaction() as session:
        user_id = list_accounts(session)[0].user_id
        yield pain_history(Action(session, user_id, user_id, FakeClock().now)).entries


def test_deleting_the_account_takes_its_data_and_leaves_others() -> None:
    with web_app() as anna:
        sign_up(anna, "anna")
        ben = another_browser(anna)
        sign_up(ben, "ben")
        assert post_form(ben, "/pain", score="5", when="morning").status_code == 303
        assert post_form(anna, "/pain", score="2", when="morning").status_code == 303
        refused = post_form(ben, "/account/delete", password="not it at all")
        assert refused.status_code == 422
        assert post_form(ben, "/account/delete", password=PASSWORD).status_code == 303
        assert sign_in(another_browser(anna), "ben").status_code == 401
        scores = [
            row["score"] for row in anna.get("/account/export").json()["tables"]["pain_entries"]
        ]
        assert scores == [2]


def test_the_admin_can_close_registration() -> None:
    with web_app() as admin:
        sign_up(admin, "anna")
        assert post_form(admin, "/admin/registration", open="no").status_code == 303
        visitor = another_browser(admin)
        assert "Registration is closed" in visitor.get("/register").text
        refused = post_form(visitor, "/register", login="ben", password=PASSWORD)
        assert refused.status_code == 403
        runner = another_browser(admin)
        post_form(admin, "/admin/registration", open="yes")
        sign_up(runner, "ben")
        assert post_form(runner, "/admin/registration", open="no").status_code == 403


def test_bad_logins_and_passwords_name_the_rule() -> None:
    with web_app() as browser:
        first = post_form(browser, "/setup", login="a b", password=PASSWORD)
        assert first.status_code == 422 and "login &#39;a b&#39; is not valid" in first.text
        short = post_form(browser, "/setup", login="anna", password="short")
        assert short.status_code == 422 and "at least 10" in short.text
        local = post_form(browser, "/setup", login="local", password=PASSWORD)
        assert local.status_code == 422 and "taken" in local.text


def test_after_sign_in_the_browser_goes_only_to_this_site() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        for target, expected in (
            ("/account", "/account"),
            ("https://evil.example/", "/today"),
            ("//evil.example/", "/today"),
            ("/\\evil.example", "/today"),
        ):
            other = another_browser(browser)
            response = post_form(other, "/login", login="anna", password=PASSWORD, next=target)
            assert response.headers["location"] == expected


def test_the_browsers_time_zone_becomes_the_runners_and_a_bad_one_is_left_out() -> None:
    from backstride.storage.profiles import load_profile

    with web_app() as browser:
        post_form(browser, "/setup", login="anna", password=PASSWORD, time_zone="Europe/Oslo")
        other = another_browser(browser)
        made = post_form(other, "/register", login="ben", password=PASSWORD, time_zone="Mars/Base")
        assert made.status_code == 303  # a zone the browser got wrong never blocks an account
        with database_of(browser).transaction() as session:
            zones = {
                a.login: load_profile(session, a.user_id).time_zone for a in list_accounts(session)
            }
        assert zones == {"anna": "Europe/Oslo", "ben": None}


def _invite_link(admin: TestClient) -> str:
    made = post_form(admin, "/admin/invites")
    assert made.status_code == 200 and made.headers["cache-control"] == "no-store"
    link = made.text.split('id="invite-link" class="token" type="text" readonly value="')[1]
    return link.split('"')[0].replace("http://testserver", "")


def test_an_invitation_opens_closed_registration_once() -> None:
    with web_app() as admin:
        sign_up(admin, "anna")
        post_form(admin, "/admin/registration", open="no")
        link = _invite_link(admin)
        invite = link.split("invite=")[1]
        guest = another_browser(admin)
        form = guest.get(link)
        assert "You were invited" in form.text and "Registration is closed" not in form.text
        made = post_form(guest, "/register", login="ben", password=PASSWORD, invite=invite)
        assert made.status_code == 303
        again = another_browser(admin)
        reused = post_form(again, "/register", login="cara", password=PASSWORD, invite=invite)
        assert reused.status_code == 403 and "invitation link is not valid" in reused.text
        forged = post_form(again, "/register", login="cara", password=PASSWORD, invite="x" * 43)
        assert forged.status_code == 403
        assert sign_in(another_browser(admin), "cara").status_code == 401


def test_an_invitation_ends_after_seven_days_or_when_the_admin_ends_it() -> None:
    clock = FakeClock()
    with web_app(clock) as admin:
        sign_up(admin, "anna")
        post_form(admin, "/admin/registration", open="no")
        old = _invite_link(admin).split("invite=")[1]
        clock.now += timedelta(days=7, minutes=1)
        guest = another_browser(admin)
        expired = post_form(guest, "/register", login="ben", password=PASSWORD, invite=old)
        assert expired.status_code == 403
        assert sign_in(admin, "anna").status_code == 303  # a week idle signed her out too
        ended = _invite_link(admin).split("invite=")[1]
        assert "1 invitation link still open" in admin.get("/account").text
        assert post_form(admin, "/admin/invites/end").status_code == 303
        refused = post_form(guest, "/register", login="ben", password=PASSWORD, invite=ended)
        assert refused.status_code == 403


def test_a_bad_password_does_not_use_up_the_invitation() -> None:
    with web_app() as admin:
        sign_up(admin, "anna")
        post_form(admin, "/admin/registration", open="no")
        invite = _invite_link(admin).split("invite=")[1]
        guest = another_browser(admin)
        short = post_form(guest, "/register", login="ben", password="short", invite=invite)
        assert short.status_code == 422 and 'name="invite"' in short.text
        assert (
            post_form(guest, "/register", login="ben", password=PASSWORD, invite=invite).status_code
            == 303
        )


def test_only_the_admin_makes_invitations() -> None:
    with web_app() as admin:
        sign_up(admin, "anna")
        runner = another_browser(admin)
        sign_up(runner, "ben")
        assert post_form(runner, "/admin/invites").status_code == 403
        assert post_form(runner, "/admin/invites/end").status_code == 403


def test_the_account_page_shows_times_on_the_runners_clock() -> None:
    clock = FakeClock(datetime(2026, 7, 1, 12, 5, tzinfo=UTC))
    with web_app(clock) as browser:
        path = "/setup" if browser.get("/").headers.get("location") == "/setup" else "/register"
        made = post_form(browser, path, login="anna", password=PASSWORD, time_zone="Europe/Paris")
        assert made.status_code == 303
        page = browser.get("/account").text
        assert "since 01 Jul 2026 14:05 CEST" in page  # noon UTC is 14:05 in Paris in summer
        assert "12:05 UTC" not in page
