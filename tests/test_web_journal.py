"""The pain journal on the web: two-tap logging, edits and deletes by owner, history and chart."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta
from html import unescape

import httpx2
import pytest
from cli_calls import call
from fastapi.testclient import TestClient
from screening_base import CALM
from test_plain_sources import INTERNAL
from web_client import (
    FakeClock,
    another_browser,
    database_of,
    post_form,
    screen_as,
    sign_up,
    web_app,
)

from backstride.documents.pain_chart import pain_chart
from backstride.documents.report_html import TimeAxis
from backstride.domain.plain_sources import for_people
from backstride.storage.accounts import account_by_login
from backstride.storage.pain_entries import add_pain_entry, list_pain_entries
from backstride.storage.users import LOCAL_HANDLE, ensure_user
from backstride.web.auth import FORM_COOKIE

SVG = "{http://www.w3.org/2000/svg}"
EDIT_LINK = re.compile(r'href="/pain/([0-9a-f-]{36})/edit"')


def stored(browser: TestClient) -> list[dict[str, object]]:
    """The runner's pain entries as their export holds them."""
    rows: list[dict[str, object]] = browser.get("/account/export").json()["tables"]["pain_entries"]
    return rows


def entry_ids(browser: TestClient) -> list[str]:
    """The ids of the entries the journal lists, newest first."""
    return list(dict.fromkeys(EDIT_LINK.findall(browser.get("/pain").text)))


def log(browser: TestClient, score: str, when: str, **fields: str) -> httpx2.Response:
    """One score logged from the journal page (the two taps: a moment, then a score)."""
    return post_form(browser, "/pain", score=score, when=when, back_to="pain", **fields)


def test_a_score_is_logged_in_two_taps_from_the_journal() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        page = browser.get("/pain").text
        form = page.split('<form method="post" action="/pain">', 1)[1].split("</form>", 1)[0]
        assert form.count('type="radio" name="when"') == 6
        assert form.count('type="submit" name="score"') == 11
        assert 'name="back_to" value="pain"' in form
        logged = log(browser, "5", "after-run")
        assert logged.status_code == 303 and logged.headers["location"] == "/pain?logged=1"
        [row] = stored(browser)
        assert (row["score"], row["when"], row["reaches"], row["side"]) == (
            5,
            "after_run",
            "back",
            "central",
        )
        after = browser.get("/pain?logged=1").text
        assert "Logged." in after and "5/10" in after and "after a run" in after


def test_where_side_and_note_are_optional_and_kept() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        log(browser, "7", "during-run", where="below-knee", side="left", note="hill <repeats>")
        [row] = stored(browser)
        assert (row["reaches"], row["side"], row["note"]) == (
            "below_knee",
            "left",
            "hill <repeats>",
        )
        page = browser.get("/pain?logged=1").text
        assert "hill &lt;repeats&gt;" in page and "<repeats>" not in page
        assert "do a check-in" in page  # 7 or more, or below the knee, as the CLI says


def test_todays_morning_score_goes_back_to_today() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", CALM)
        assert 'name="back_to" value="today"' in browser.get("/today").text
        logged = post_form(browser, "/pain", score="2", when="morning", back_to="today")
        assert logged.status_code == 303 and logged.headers["location"] == "/today?logged=1"
        refused = post_form(browser, "/pain", score="12", when="morning", back_to="today")
        assert refused.status_code == 422 and "How is your back this morning?" in refused.text
        assert len(stored(browser)) == 1


@pytest.mark.parametrize("back_to", ["https://elsewhere.example/", "//elsewhere.example", "x"])
def test_only_known_pages_are_gone_back_to(back_to: str) -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        refused = post_form(browser, "/pain", score="3", when="morning", back_to=back_to)
        assert refused.status_code == 422 and "location" not in refused.headers
        assert "valid: today, pain" in unescape(refused.text)
        assert stored(browser) == []


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"score": "11"}, "11"),
        ({"score": "-1"}, "-1"),
        ({"score": "3.5"}, "3.5"),
        ({"score": ""}, "''"),
        ({"score": "ten"}, "ten"),
        ({"when": "lunchtime"}, "lunchtime"),
        ({"where": "knee"}, "knee"),
        ({"side": "up"}, "up"),
        ({"note": "x" * 3000}, "at most 2000 characters"),
        ({"note": "bad\x00byte"}, "note"),
    ],
)
def test_hostile_values_are_refused_and_change_nothing(fields: dict[str, str], named: str) -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        log(browser, "4", "morning", note="first")
        [entry_id] = entry_ids(browser)
        before = stored(browser)
        sent = {"score": "3", "when": "evening", **fields}
        refused = post_form(browser, "/pain", back_to="pain", **sent)
        assert refused.status_code == 422, refused.text[:300]
        assert named in unescape(refused.text)
        changed = post_form(browser, f"/pain/{entry_id}/edit", **sent)
        assert changed.status_code == 422
        assert named in unescape(changed.text)
        assert stored(browser) == before


def test_a_score_too_long_for_its_field_is_refused() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        assert log(browser, "3" * 50, "morning").status_code == 422
        assert stored(browser) == []


def test_an_entry_is_edited_and_keeps_its_moment() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        log(browser, "6", "morning", note="stiff")
        [entry_id] = entry_ids(browser)
        [before] = stored(browser)
        form = browser.get(f"/pain/{entry_id}/edit")
        assert form.status_code == 200
        assert '<option value="6" selected>' in form.text
        assert 'value="morning" required checked' in form.text and ">stiff</textarea>" in form.text
        saved = post_form(
            browser, f"/pain/{entry_id}/edit", score="2", when="evening", side="right", note=""
        )
        assert saved.status_code == 303 and saved.headers["location"].startswith("/pain")
        [after] = stored(browser)
        assert (after["score"], after["when"], after["side"], after["note"]) == (
            2,
            "evening",
            "right",
            "",
        )
        assert after["recorded_at"] == before["recorded_at"] and after["id"] == before["id"]


def test_an_entry_is_deleted() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        log(browser, "6", "morning")
        log(browser, "3", "evening")
        first, second = entry_ids(browser)
        deleted = post_form(browser, f"/pain/{first}/delete")
        assert deleted.status_code == 303 and deleted.headers["location"] == "/pain?deleted=1"
        assert [row["id"] for row in stored(browser)] == [second]
        assert post_form(browser, f"/pain/{first}/delete").status_code == 404
        assert browser.get(f"/pain/{first}/edit").status_code == 404


def test_another_runners_entry_answers_404_and_changes_nothing() -> None:
    with web_app() as anna:
        sign_up(anna, "anna")
        log(anna, "6", "morning", note="mine")
        [entry_id] = entry_ids(anna)
        before = stored(anna)
        ben = another_browser(anna)
        sign_up(ben, "ben")
        assert ben.get(f"/pain/{entry_id}/edit").status_code == 404
        edited = post_form(ben, f"/pain/{entry_id}/edit", score="0", when="evening")
        assert edited.status_code == 404
        assert post_form(ben, f"/pain/{entry_id}/delete").status_code == 404
        assert "mine" not in ben.get("/pain").text and entry_ids(ben) == []
        assert stored(anna) == before
        for unknown in ("not-an-id", "0" * 36, "x" * 500):
            assert ben.get(f"/pain/{unknown}/edit").status_code == 404
            assert post_form(ben, f"/pain/{unknown}/delete").status_code == 404


def test_the_journal_needs_a_signed_in_runner() -> None:
    with web_app() as browser:
        response = browser.get("/pain")
        assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_every_post_is_refused_without_its_form_token() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        log(browser, "6", "morning")
        [entry_id] = entry_ids(browser)
        before = stored(browser)
        origin = {"origin": str(browser.base_url)}
        posts = [
            ("/pain", {"score": "3", "when": "evening", "back_to": "pain"}),
            ("/pain", {"score": "3", "when": "morning"}),
            (f"/pain/{entry_id}/edit", {"score": "1", "when": "evening"}),
            (f"/pain/{entry_id}/delete", {}),
        ]
        for path, fields in posts:
            assert browser.post(path, data=fields, headers=origin).status_code == 403, path
            wrong = {**fields, "form_token": "not-the-token"}
            assert browser.post(path, data=wrong, headers=origin).status_code == 403, path
        assert FORM_COOKIE in browser.cookies
        assert stored(browser) == before


def _svg(page: str) -> ET.Element:
    chart = page.split('<div class="chart">', 1)[1].split("</div>", 1)[0]
    return ET.fromstring(chart)


def _log_on_days(browser: TestClient, clock: FakeClock, days_ago: dict[int, list[int]]) -> None:
    now = clock.now
    for ago, scores in sorted(days_ago.items(), reverse=True):
        for hour, score in enumerate(scores):
            clock.now = now - timedelta(days=ago) + timedelta(minutes=hour)
            assert (
                log(browser, str(score), "morning" if hour == 0 else "evening").status_code == 303
            )
    clock.now = now


def test_the_chart_is_well_formed_svg_with_one_point_per_day_and_gaps() -> None:
    clock = FakeClock(datetime(2026, 3, 18, 12, 0, tzinfo=UTC))
    with web_app(clock) as browser:
        sign_up(browser, "anna")
        # 40 days ago is outside the chart; 10 and 9 days ago are joined; 3 and 0 stand alone.
        _log_on_days(browser, clock, {40: [9], 10: [4, 6], 9: [3], 3: [2], 0: [1]})
        page = browser.get("/pain").text
        svg = _svg(page)
        assert svg.tag == f"{SVG}svg" and svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and "28 days" in (title.text or "")
        assert desc is not None and "4 of the last 28 days have entries" in (desc.text or "")
        points = svg.findall(f"{SVG}circle")
        assert len(points) == 4
        lines = svg.findall(f"{SVG}polyline")
        assert len(lines) == 1 and len((lines[0].get("points") or "").split()) == 2
        assert len(svg.findall(f"{SVG}line[@class='day-tick']")) == 28
        first = date(2026, 3, 18) - timedelta(days=27)
        axis = TimeAxis(first, date(2026, 3, 18))
        days = [date(2026, 3, 8), date(2026, 3, 9), date(2026, 3, 15), date(2026, 3, 18)]
        assert [float(p.get("cx") or 0) for p in points] == [axis.x(day) for day in days]
        labels = [t.text for t in svg.findall(f"{SVG}text[@class='label']")]
        assert "23 Feb" in labels and "16 Mar" in labels  # Mondays on a real time axis
        table = page.split('<table class="daily">', 1)[1].split("</table>", 1)[0]
        assert table.count('<th scope="row">') == 28 and table.count("no entry") == 24
        assert "<td>5.0</td>" in table  # 10 days ago: the mean of 4 and 6


def test_the_chart_builder_draws_gaps_and_escapes_its_words() -> None:
    svg = ET.fromstring(
        pain_chart(date(2026, 1, 1), [None, 1.0, 2.0, None, 5.0, None], "a <b>", "c & d")
    )
    assert len(svg.findall(f"{SVG}circle")) == 3 and len(svg.findall(f"{SVG}polyline")) == 1
    assert svg.findtext(f"{SVG}title") == "a <b>" and svg.findtext(f"{SVG}desc") == "c & d"
    empty = ET.fromstring(pain_chart(date(2026, 1, 1), [None] * 28, "t", "nothing"))
    assert empty.findall(f"{SVG}circle") == [] and empty.findall(f"{SVG}polyline") == []


def _copy_to_the_local_runner(browser: TestClient, login: str) -> None:
    """The same entries for the CLI's one local runner, in the same database."""
    clock = browser.app.state.clock  # type: ignore[attr-defined]
    with database_of(browser).transaction() as session:
        found = account_by_login(session, login)
        assert found is not None
        local = ensure_user(session, LOCAL_HANDLE, clock())
        for entry in list_pain_entries(session, found[0].user_id):
            add_pain_entry(session, local, entry)


def test_the_history_shows_the_clis_weekly_means_and_trend(
    capsys: pytest.CaptureFixture[str],
) -> None:
    clock = FakeClock()
    with web_app(clock) as browser:
        sign_up(browser, "anna")
        scores = {20: [6], 16: [5, 7], 13: [6], 9: [5], 6: [3, 4], 4: [3], 1: [2], 0: [2]}
        _log_on_days(browser, clock, scores)
        _copy_to_the_local_runner(browser, "anna")
        page = browser.get("/pain").text
    assert call(capsys, "profile", "--time-zone", "UTC")[0] == 0
    code, out, _ = call(capsys, "pain", "history", "--json")
    assert code == 0
    cli = json.loads(out)
    assert len(cli["entries"]) == 10
    weekly = page.split('<table class="weekly">', 1)[1].split("</table>", 1)[0]
    shown = re.findall(r'data-week="([\d-]+)">[^<]*</th><td>([\d.]+)</td><td>(\d+)</td>', weekly)
    expected = [(w["week_start"], f"{w['mean']:.1f}", str(w["count"])) for w in cli["weekly_means"]]
    assert shown == expected and len(shown) >= 3
    trend = cli["trend"]
    assert trend["verdict"] == "improving"
    text = unescape(re.sub(r"<[^>]+>", " ", page))
    assert f"Trend: {trend['verdict']}" in text
    assert for_people(trend["explanation"]) in unescape(page)
    assert f"{trend['earlier_mean']:.1f} ({trend['earlier_count']} entries)" in text
    assert f"{trend['change_points']:+.1f} points" in text
    assert INTERNAL.findall(text) == []


def test_the_history_can_count_one_moment_and_names_a_bad_one() -> None:
    clock = FakeClock()
    with web_app(clock) as browser:
        sign_up(browser, "anna")
        _log_on_days(browser, clock, {8: [6, 2], 1: [5, 2]})
        evenings = browser.get("/pain?show=evening").text
        assert "Average pain in the evening stayed at 2.0" in evenings
        assert '<option value="evening" selected>' in evenings
        refused = browser.get("/pain?show=noon")
        assert refused.status_code == 422 and "noon" in unescape(refused.text)


def test_the_new_pages_carry_no_inline_script_or_style() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        log(browser, "4", "morning", note="a note")
        [entry_id] = entry_ids(browser)
        paths = ["/pain", f"/pain/{entry_id}/edit", "/exercises", "/exercises/plank", "/learn"]
        paths += ["/learn/neutral-pelvis", "/exercises/nope", "/pain?show=noon"]
        for path in paths:
            page = browser.get(path).text
            assert "<script>" not in page and "<style" not in page, path
            assert "style=" not in page and " on" + "click" not in page, path


def test_the_services_edit_and_delete_only_the_runners_own_entry() -> None:
    from backstride.errors import NotFound
    from backstride.services.context import Action
    from backstride.services.pain import (
        delete_pain_entry,
        edit_pain_entry,
        log_pain,
        pain_entries_by_id,
    )

    clock = FakeClock()
    with web_app(clock) as browser, database_of(browser).transaction() as session:
        anna_id = ensure_user(session, "anna-local", clock())
        ben_id = ensure_user(session, "ben-local", clock())
        anna = Action(session, anna_id, anna_id, clock())
        ben = Action(session, ben_id, ben_id, clock())
        log_pain(anna, 6, "morning", note="anna's")
        [record] = pain_entries_by_id(anna)
        with pytest.raises(NotFound):
            edit_pain_entry(ben, record.id, score=0, when="evening")
        with pytest.raises(NotFound):
            delete_pain_entry(ben, record.id)
        assert pain_entries_by_id(anna) == [record] and pain_entries_by_id(ben) == []
        edit_pain_entry(anna, record.id, score=1, when="evening")
        [changed] = pain_entries_by_id(anna)
        assert (changed.entry.score, changed.entry.when) == (1, "evening")
        assert changed.entry.recorded_at == record.entry.recorded_at
        delete_pain_entry(anna, record.id)
        assert pain_entries_by_id(anna) == []
