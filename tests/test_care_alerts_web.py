"""Alerts on the dashboard and in the API, the clients in need order, and the admin's
restriction of the clinician role (an admin, a marked and an unmarked clinician)."""

from typing import Any

import pytest
from api_calls import API, Runner, link_clinician, runner_with_data
from cli_calls import call
from screening_base import answers_with
from web_client import another_browser, post_form, web_app


def _clinic(browser: Any, scopes: list[str]) -> tuple[Runner, Runner]:
    anna = runner_with_data(browser, "anna")
    cleo = runner_with_data(another_browser(browser), "cleo", note="the physio's own")
    return link_clinician(anna, cleo, scopes), cleo


def _emergency(runner: Runner) -> None:
    screened = runner.call("POST", f"{API}/screenings", json=answers_with(saddle_numbness=True))
    assert screened.status_code == 201, screened.text


def test_an_alert_shows_at_the_top_of_the_dashboard_and_is_acknowledged() -> None:
    with web_app() as browser:
        anna, cleo = _clinic(browser, ["screening"])
        dan = runner_with_data(another_browser(browser), "dan")
        before = cleo.browser.get("/clients").text
        assert "No alert waits for you." in before
        _emergency(anna)
        page = cleo.browser.get("/clients").text
        alerts = page.index('id="alerts-heading"')
        assert alerts < page.index("Runners who have linked you")
        section = page[alerts : page.index("Runners who have linked you")]
        assert "emergency or urgent result" in section and "new emergency result" in section
        assert f'href="/clients/{anna.user_id}">anna</a>' in section
        (alert,) = cleo.call("GET", f"{API}/alerts").json()
        assert alert["client_page"] == f"/clients/{anna.user_id}" and alert["kind"] == "alarm"
        assert alert["acknowledged_at"] is None
        path = f"/clients/alerts/{alert['id']}/acknowledge"
        assert post_form(dan.browser, path).status_code == 404  # not dan's alert
        done = post_form(cleo.browser, path)
        assert done.status_code == 303 and done.headers["location"].startswith("/clients")
        assert "No alert waits for you." in cleo.browser.get("/clients").text
        assert cleo.call("GET", f"{API}/alerts", params={"open_only": "true"}).json() == []
        (seen,) = cleo.call("GET", f"{API}/alerts").json()
        assert seen["acknowledged_at"] is not None


def test_a_revoked_clinician_cannot_see_or_acknowledge_old_alerts() -> None:
    with web_app() as browser:
        anna, cleo = _clinic(browser, ["screening", "pain_sessions"])
        logged = anna.call("POST", f"{API}/pain-entries", json={"score": 8, "when": "evening"})
        assert logged.status_code == 201
        (alert,) = cleo.call("GET", f"{API}/alerts").json()
        assert anna.call("DELETE", f"{API}/care/links/{anna.link_id}").status_code == 200
        assert cleo.call("GET", f"{API}/alerts").json() == []
        ack = cleo.call("POST", f"{API}/alerts/{alert['id']}/acknowledge")
        assert ack.status_code == 404, ack.text
        assert (
            post_form(cleo.browser, f"/clients/alerts/{alert['id']}/acknowledge").status_code == 404
        )
        assert "pain 8/10" not in cleo.browser.get("/clients").text
        _emergency(anna)  # after the revoke: no new alert either
        assert cleo.call("GET", f"{API}/alerts").json() == []


def test_the_clients_api_answers_in_the_dashboards_need_order() -> None:
    with web_app() as browser:
        cleo = runner_with_data(browser, "cleo")
        abe = runner_with_data(another_browser(browser), "abe")  # shares screening: calm
        mia = runner_with_data(another_browser(browser), "mia")  # shares sessions: none yet
        zoe = runner_with_data(another_browser(browser), "zoe")  # an emergency result
        link_clinician(abe, cleo, ["screening"])
        link_clinician(mia, cleo, ["pain_sessions"])
        link_clinician(zoe, cleo, ["screening"])
        _emergency(zoe)
        clients = cleo.call("GET", f"{API}/clients").json()
        assert [(c["runner_login"], c["rank"]) for c in clients] == [
            ("zoe", 0),
            ("mia", 4),
            ("abe", 5),
        ]
        assert clients[0]["level"] == "emergency" and clients[0]["reasons"]
        assert clients[1]["reasons"] == ["no exercise session yet"]
        assert clients[2]["unshared"] == ["pain_sessions", "runs_load"]
        page = cleo.browser.get("/clients").text
        rows = page[page.index("Runners who have linked you") :]
        places = [rows.index(f'href="/clients/{r.user_id}"') for r in (zoe, mia, abe)]
        assert places == sorted(places)


def test_the_admin_restricts_the_clinician_role_to_marked_accounts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with web_app() as browser:
        ada = runner_with_data(browser, "ada")  # the first account: the admin
        anna = runner_with_data(another_browser(browser), "anna")
        cleo = runner_with_data(another_browser(browser), "cleo")
        dan = runner_with_data(another_browser(browser), "dan")
        link_clinician(anna, dan, ["screening"])  # before the restriction
        screenings = f"{API}/clients/{anna.user_id}/screenings"
        assert dan.call("GET", screenings).status_code == 200
        assert post_form(cleo.browser, "/admin/clinicians", restricted="yes").status_code == 403
        assert "open to every account" in ada.browser.get("/account").text
        assert post_form(ada.browser, "/admin/clinicians", restricted="yes").status_code == 303
        assert "only for accounts marked as clinicians" in ada.browser.get("/account").text
        code, out, _ = call(capsys, "users", "mark-clinician", "cleo")
        assert code == 0 and "cleo is marked as a clinician" in out
        code, out, _ = call(capsys, "users", "list")
        assert "cleo\trunner, clinician\t" in out
        # dan's link stands but gives nothing; his dashboard is empty; he cannot accept more.
        assert dan.call("GET", screenings).status_code == 404
        assert dan.browser.get(f"/clients/{anna.user_id}").status_code == 404
        assert dan.call("GET", f"{API}/clients").json() == []
        made = anna.call("POST", f"{API}/care/invites", json={"scopes": ["screening"]})
        refused = dan.call("POST", f"{API}/care/accept", json={"code": made.json()["code"]})
        assert refused.status_code == 403
        assert (
            "marked as clinicians" in refused.json()["detail"] and "dan" in refused.json()["detail"]
        )
        page = post_form(dan.browser, "/care/accept", code=made.json()["code"])
        assert page.status_code == 403 and "marked as clinicians" in page.text
        # cleo, marked, links and sees; unmarked again, she loses the client at once.
        anna = link_clinician(anna, cleo, ["screening"])
        assert cleo.call("GET", screenings).status_code == 200
        assert call(capsys, "users", "unmark-clinician", "cleo")[0] == 0
        assert cleo.call("GET", screenings).status_code == 404
        assert post_form(ada.browser, "/admin/clinicians", restricted="no").status_code == 303
        assert dan.call("GET", screenings).status_code == 200  # open again: the link counts
        code, _, err = call(capsys, "users", "mark-clinician", "nobody")
        assert code != 0 and "no account has the login 'nobody'" in err


def test_a_session_stopped_by_pain_alerts_the_clinician() -> None:
    from test_web_api_sessions import _stopped_by_pain

    with web_app() as browser:
        anna, cleo = _clinic(browser, ["pain_sessions"])
        assert _stopped_by_pain(anna, 8).status_code == 200
        (alert,) = cleo.call("GET", f"{API}/alerts").json()
        assert alert["kind"] == "pain_7" and "8/10 during an exercise session" in alert["what"]


def test_leg_symptoms_in_a_session_alert_the_clinician_once() -> None:
    from test_web_api_sessions import _played_through, _start

    with web_app() as browser:
        anna, cleo = _clinic(browser, ["pain_sessions"])
        start = _start(anna, minutes=10)
        report = _played_through(
            start,
            reached_end=False,
            ended_by="leg_symptoms",
            completions=[{"step": 0, "skipped": False}],
            pain_answers=[{"step": 0, "score": 3}],
            leg_symptoms_step=1,
        )
        for _ in range(2):  # the same report sent twice: one session, one alert
            sent = anna.call("POST", f"{API}/sessions/{start.id}/played", json=report)
            assert sent.status_code == 200, sent.text
        (alert,) = cleo.call("GET", f"{API}/alerts").json()
        assert alert["kind"] == "leg" and "leg symptoms during an exercise session" in alert["what"]


def test_a_calm_session_raises_no_alert() -> None:
    from test_web_api_sessions import _played_through, _start

    with web_app() as browser:
        anna, cleo = _clinic(browser, ["pain_sessions"])
        start = _start(anna, minutes=10)
        calm = _played_through(start)  # pain 2 at every exercise
        assert anna.call("POST", f"{API}/sessions/{start.id}/played", json=calm).status_code == 200
        assert cleo.call("GET", f"{API}/alerts").json() == []


def test_a_session_stopped_by_pain_alerts_no_clinician_without_the_scope() -> None:
    from test_web_api_sessions import _stopped_by_pain

    with web_app() as browser:
        anna, cleo = _clinic(browser, ["screening", "runs_load"])
        assert _stopped_by_pain(anna, 9).status_code == 200
        assert cleo.call("GET", f"{API}/alerts").json() == []
