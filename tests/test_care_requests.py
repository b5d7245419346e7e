"""A clinician's link request, the other way round from an invitation: the clinician makes a code,
the runner accepts it with the scopes they choose. Through the API and the pages, as a stranger
and an attacker would try it: codes used twice, expired, one's own, from another site."""

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx2
from api_calls import API, Runner, bearer, link_clinician, runner_with_data
from fastapi.testclient import TestClient
from sqlalchemy import select
from test_care import CLIENT_ROUTES
from web_client import FakeClock, another_browser, database_of, form_token, post_form, web_app

from backstride.errors import BackstrideError
from backstride.storage.tables import CareLinkRow, CareRequestRow

GONE = "this link request code is not valid"


def _ask(clinician: Runner) -> str:
    made = clinician.call("POST", f"{API}/care/requests")
    assert made.status_code == 201, made.text
    code = made.json()["code"]
    assert isinstance(code, str)
    return code


def _accept(runner: Runner, code: str, scopes: list[str]) -> httpx2.Response:
    return runner.call("POST", f"{API}/care/requests/accept", json={"code": code, "scopes": scopes})


def _accept_form(
    client: TestClient, code: str, scopes: list[str], origin: str | None = None
) -> httpx2.Response:
    """The runner's form sent as the care page sends it (scopes as repeated fields)."""
    data: dict[str, Any] = {"form_token": form_token(client), "code": code, "scopes": scopes}
    sent_from = origin or str(client.base_url)
    return client.post("/care/requests/accept", data=data, headers={"origin": sent_from})


def _requests(browser: TestClient) -> list[CareRequestRow]:
    with database_of(browser).transaction(write=False) as session:
        rows = list(session.scalars(select(CareRequestRow)))
        session.expunge_all()
    return rows


def _links(browser: TestClient) -> list[tuple[str, str, list[str], bool]]:
    with database_of(browser).transaction(write=False) as session:
        rows = session.scalars(select(CareLinkRow).order_by(CareLinkRow.created_at))
        return [(r.user_id, r.clinician_id, list(r.scopes), r.revoked_at is None) for r in rows]


def _three(browser: TestClient) -> tuple[Runner, Runner, Runner]:
    anna = runner_with_data(browser, "anna", note="anna-private-note")
    cleo = runner_with_data(another_browser(browser), "cleo", note="cleo's own")
    bea = runner_with_data(another_browser(browser), "bea", note="bea's own")
    return anna, cleo, bea


def _reach(clinician: Runner, runner: Runner) -> dict[str, int]:
    return {
        route: clinician.call("GET", f"{API}/clients/{runner.user_id}{route}").status_code
        for route in CLIENT_ROUTES
    }


def test_a_request_accepted_through_the_api_gives_exactly_the_scopes_the_runner_chose() -> None:
    clock = FakeClock(datetime(2026, 12, 4, 9, tzinfo=UTC))
    with web_app(clock) as browser:
        anna, cleo, bea = _three(browser)
        assert set(_reach(cleo, anna).values()) == {404}
        made = cleo.call("POST", f"{API}/care/requests")
        assert made.status_code == 201, made.text
        code = made.json()["code"]
        assert code.startswith("carereq_") and not code.startswith("care_")
        assert len(code) >= len("carereq_") + 22  # 128 random bits, as an invitation's
        expires = datetime.fromisoformat(made.json()["expires_at"].replace("Z", "+00:00"))
        assert expires == clock.now + timedelta(days=7)
        taken = _accept(anna, code, ["runs_load", "screening"])
        assert taken.status_code == 201, taken.text
        link = taken.json()
        assert (link["runner_login"], link["clinician_login"]) == ("anna", "cleo")
        assert link["scopes"] == ["screening", "runs_load"] and link["live"] is True
        wanted = {
            route: 200 if need in ("screening", "runs_load") else 404
            for route, need in CLIENT_ROUTES.items()
        }
        wanted["/routine"] = 404  # programme was not chosen
        assert _reach(cleo, anna) == wanted
        clients = cleo.call("GET", f"{API}/clients").json()
        assert [(c["runner_login"], c["scopes"]) for c in clients] == [
            ("anna", ["screening", "runs_load"])
        ]
        # The code named only who asked: bea did not accept it and cleo reaches nothing of hers.
        assert set(_reach(cleo, bea).values()) == {404}
        again = _accept(bea, code, ["notes"])
        assert again.status_code == 422 and GONE in again.json()["detail"]
        assert again.json()["field"] == "code"
        assert set(_reach(cleo, bea).values()) == {404}
        assert [link[:2] for link in _links(browser)] == [(anna.user_id, cleo.user_id)]


def test_accepting_again_sets_the_scopes_of_the_live_link_to_the_chosen_ones() -> None:
    with web_app() as browser:
        anna, cleo, _ = _three(browser)
        anna = link_clinician(anna, cleo, ["screening", "pain_sessions", "notes"])
        taken = _accept(anna, _ask(cleo), ["runs_load"])
        assert taken.status_code == 201, taken.text
        assert taken.json()["id"] == anna.link_id and taken.json()["scopes"] == ["runs_load"]
        assert _links(browser) == [(anna.user_id, cleo.user_id, ["runs_load"], True)]
        assert _reach(cleo, anna)["/screenings"] == 404
        assert _reach(cleo, anna)["/runs"] == 200
        # After a revoke, a new request makes a new link; the revoked one stays listed.
        assert anna.call("DELETE", f"{API}/care/links/{anna.link_id}").status_code == 200
        renewed = _accept(anna, _ask(cleo), ["pain_sessions"])
        assert renewed.status_code == 201 and renewed.json()["id"] != anna.link_id
        assert [(s, live) for *_, s, live in _links(browser)] == [
            (["runs_load"], False),
            (["pain_sessions"], True),
        ]


def test_refusals_name_the_problem_and_use_nothing_up() -> None:
    clock = FakeClock()
    with web_app(clock) as browser:
        anna, cleo, bea = _three(browser)
        code = _ask(cleo)
        own = _accept(cleo, code, ["screening"])
        assert own.status_code == 422 and "your own link request" in own.json()["detail"]
        none = _accept(anna, code, [])
        assert none.status_code == 422 and "at least one scope" in none.json()["detail"]
        assert none.json()["field"] == "scopes"
        bad = _accept(anna, code, ["screening", "everything"])
        assert bad.status_code == 422 and "'everything'" in bad.json()["detail"]
        for typed in ("carereq_mistyped", "nonsense", " carereq_" + code[8:].upper(), ""):
            unknown = _accept(anna, typed, ["screening"])
            assert unknown.status_code == 422 and GONE in unknown.json()["detail"], typed
        long = _accept(anna, "carereq_" + "x" * 100, ["screening"])
        assert long.status_code == 422 and "at most 80 characters" in long.json()["detail"]
        longer = _accept_form(anna.browser, "carereq_" + "x" * 100, ["screening"])
        assert longer.status_code == 422 and GONE in longer.text
        # An invitation and a request are never taken one for the other.
        invite = anna.call("POST", f"{API}/care/invites", json={"scopes": ["notes"]})
        invitation = invite.json()["code"]
        crossed = _accept(bea, invitation, ["screening"])
        assert crossed.status_code == 422 and "runner's invitation" in crossed.json()["detail"]
        other_way = cleo.call("POST", f"{API}/care/accept", json={"code": code})
        assert other_way.status_code == 422 and "link request" in other_way.json()["detail"]
        assert _links(browser) == []
        assert [row.used_at for row in _requests(browser)] == [None]  # nothing used up so far
        taken = _accept(anna, code, ["screening"])
        assert taken.status_code == 201, taken.text
        assert cleo.call("POST", f"{API}/care/accept", json={"code": invitation}).status_code == 201
        # A read token may not make or accept a request.
        for path, body in (
            (f"{API}/care/requests", None),
            (f"{API}/care/requests/accept", {"code": _ask(cleo), "scopes": ["notes"]}),
        ):
            read = bea.program.post(path, json=body, headers=bearer(bea.read_token))
            assert read.status_code == 403 and "only read" in read.json()["detail"], path
        # Seven days on, an unused request has ended.
        late = _ask(cleo)
        clock.now += timedelta(days=7, seconds=1)
        expired = _accept(bea, late, ["screening"])
        assert expired.status_code == 422 and "has expired" in expired.json()["detail"]
        # One live link anna to cleo: the invitation accepted after it gave it its own scopes.
        assert _links(browser) == [(anna.user_id, cleo.user_id, ["notes"], True)]


def test_a_request_code_is_stored_only_as_its_hash_and_marked_used_once() -> None:
    clock = FakeClock()
    with web_app(clock) as browser:
        anna, cleo, _ = _three(browser)
        code = _ask(cleo)
        (row,) = _requests(browser)
        values = str({k: v for k, v in vars(row).items() if not k.startswith("_")})
        assert code not in values and code.removeprefix("carereq_") not in values
        assert row.code_hash == hashlib.sha256(code.encode()).hexdigest()
        assert row.clinician_id == cleo.user_id and row.used_at is None
        assert row.expires_at == clock.now + timedelta(days=7)
        clock.now += timedelta(minutes=3)
        assert _accept(anna, code, ["notes"]).status_code == 201
        (used,) = _requests(browser)
        assert used.used_at == clock.now
        # The requests go with the clinician's account.
        from backstride.storage.users import delete_user

        _ask(cleo)
        assert len(_requests(browser)) == 2
        with database_of(browser).transaction() as session:
            delete_user(session, cleo.user_id)
        assert _requests(browser) == []


def test_with_the_role_restricted_only_a_marked_account_asks_and_is_linked() -> None:
    from backstride.services.clinician_role import mark_clinician

    with web_app() as browser:
        ada = runner_with_data(browser, "ada")  # the first account: the admin
        anna = runner_with_data(another_browser(browser), "anna")
        cleo = runner_with_data(another_browser(browser), "cleo")
        early = _ask(cleo)  # made while the role was open to all
        assert post_form(ada.browser, "/admin/clinicians", restricted="yes").status_code == 303
        refused = cleo.call("POST", f"{API}/care/requests")
        assert refused.status_code == 403
        assert (
            "marked as clinicians" in refused.json()["detail"]
            and "cleo" in refused.json()["detail"]
        )
        page = post_form(cleo.browser, "/clients/requests")
        assert page.status_code == 403 and "marked as clinicians" in page.text
        clients = cleo.browser.get("/clients").text
        assert 'action="/clients/requests"' not in clients and "marks as clinicians" in clients
        late = _accept(anna, early, ["screening"])
        assert late.status_code == 403 and "'cleo', who made this request" in late.json()["detail"]
        assert len(_requests(browser)) == 1 and _links(browser) == []
        with database_of(browser).transaction() as session:
            mark_clinician(session, "cleo", True)
        assert 'action="/clients/requests"' in cleo.browser.get("/clients").text
        assert _accept(anna, early, ["screening"]).status_code == 201  # not used up before
        assert _reach(cleo, anna)["/screenings"] == 200


def test_the_pages_ask_show_who_asked_accept_with_two_scopes_and_refuse_plainly() -> None:
    with web_app() as browser:
        anna, cleo, bea = _three(browser)
        clients = cleo.browser.get("/clients")
        assert "Ask a runner to link you" in clients.text
        made = post_form(cleo.browser, "/clients/requests")
        assert made.status_code == 201 and made.headers["cache-control"] == "no-store"
        link = made.text.split('id="request-link" class="token" type="text" readonly value="')[1]
        link = link.split('"')[0]
        code = made.text.split('id="request-code" class="token" type="text" readonly value="')[1]
        code = code.split('"')[0]
        assert code.startswith("carereq_")
        assert link == f"http://testserver/care/requests/accept?code={code}"
        again = cleo.browser.get("/clients").text
        assert code not in again and "1 unused request still open" in again
        # The runner opens the link: who asked is named, the code goes to no other site.
        opened = anna.browser.get(link.removeprefix("http://testserver"))
        assert opened.status_code == 200, opened.text
        assert opened.headers["referrer-policy"] == "no-referrer"
        assert opened.headers["cache-control"] == "no-store"
        assert "<strong>cleo</strong> asks to be linked" in opened.text
        assert f'value="{code}"' in opened.text and "Link cleo" in opened.text
        signed_out = another_browser(browser).get(link.removeprefix("http://testserver"))
        assert signed_out.status_code == 303 and code not in signed_out.headers["location"]
        # The care page has the same form, with the invitation form's words for the scopes.
        care = anna.browser.get("/care").text
        assert "A clinician asked you to link them" in care
        assert care.count("See screenings and check-ins") == 2
        assert 'action="/care/requests/accept"' in care
        none = _accept_form(anna.browser, code, [])
        assert none.status_code == 422 and "choose at least one scope" in none.text
        assert "choose at least one scope to give cleo" in none.text and "Link cleo" in none.text
        assert f'value="{code}"' in none.text and 'aria-invalid="true"' not in none.text
        assert '<fieldset class="choices" aria-describedby="request-error">' in none.text
        kept = _accept_form(anna.browser, code, ["notes", "everything"])
        assert kept.status_code == 422 and "scope &#39;everything&#39; is not valid" in kept.text
        assert 'value="notes" checked' in kept.text  # the valid choice is kept
        own = _accept_form(cleo.browser, code, ["screening"])
        assert own.status_code == 422 and "your own link request" in own.text
        wrong = _accept_form(anna.browser, "carereq_mistyped", ["screening"])
        assert (
            wrong.status_code == 422 and GONE in wrong.text and 'aria-invalid="true"' in wrong.text
        )
        gone = anna.browser.get("/care/requests/accept?code=carereq_mistyped")
        assert gone.status_code == 422 and GONE in gone.text
        taken = _accept_form(anna.browser, code, ["screening", "pain_sessions"])
        assert taken.status_code == 303 and taken.headers["location"] == "/care#links-heading"
        care = anna.browser.get("/care").text
        assert "<strong>cleo</strong> can see screenings and check-ins, see pain entries" in care
        page = cleo.browser.get(f"/clients/{anna.user_id}")
        assert page.status_code == 200
        assert "screening: self care" in page.text and "pain 3/10" in page.text
        assert "Training load" not in page.text and "Current programme" not in page.text
        assert "anna" in cleo.browser.get("/clients").text
        used = _accept_form(bea.browser, code, ["screening"])
        assert used.status_code == 422 and "used already" in used.text
        assert cleo.browser.get(f"/clients/{bea.user_id}").status_code == 404


def test_a_request_form_from_another_site_is_refused_and_changes_nothing() -> None:
    with web_app() as browser:
        anna, cleo, _ = _three(browser)
        code = _ask(cleo)
        forged = _accept_form(anna.browser, code, ["screening"], origin="https://evil.example")
        assert forged.status_code == 403 and "another site" in forged.text
        fetched = anna.browser.post(
            "/care/requests/accept",
            data={"form_token": form_token(anna.browser), "code": code, "scopes": "screening"},
            headers={"sec-fetch-site": "cross-site"},
        )
        assert fetched.status_code == 403
        tokenless = anna.browser.post(
            "/care/requests/accept",
            data={"code": code, "scopes": "screening"},
            headers={"origin": str(anna.browser.base_url)},
        )
        assert tokenless.status_code == 403 and "form has expired" in tokenless.text
        asked = cleo.browser.post(
            "/clients/requests",
            data={"form_token": form_token(cleo.browser)},
            headers={"origin": "https://evil.example"},
        )
        assert asked.status_code == 403
        cookie_only = cleo.browser.post(f"{API}/care/requests")  # the session, no form token
        assert cookie_only.status_code == 403
        assert _links(browser) == [] and len(_requests(browser)) == 1
        assert _accept(anna, code, ["screening"]).status_code == 201  # the real one still works


def test_two_acceptances_of_one_code_at_once_store_one_link() -> None:
    """On PostgreSQL the second acceptance waits on the row the first took, then finds it used;
    SQLite writers queue at BEGIN IMMEDIATE, so there the race cannot happen."""
    from race_calls import race, race_database

    from backstride.services.care_requests import accept_request, ask_runner
    from backstride.services.context import Action
    from backstride.storage.users import ensure_user

    now = datetime(2026, 12, 4, 9, tzinfo=UTC)
    with race_database() as database:
        with database.transaction() as session:
            anna = ensure_user(session, "anna", now)
            bea = ensure_user(session, "bea", now)
            cleo = ensure_user(session, "cleo", now)
            code = ask_runner(Action(session, cleo, cleo, now)).code
        results = race(
            database,
            lambda session: accept_request(Action(session, anna, anna, now), code, ["screening"]),
            lambda session: accept_request(Action(session, bea, bea, now), code, ["notes"]),
        )
        assert len(results) == 2 and isinstance(results[1], BackstrideError)
        assert GONE in str(results[1])
        with database.transaction(write=False) as session:
            links = list(session.scalars(select(CareLinkRow)))
            assert [(link.user_id, link.clinician_id) for link in links] == [(anna, cleo)]
