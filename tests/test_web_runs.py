"""The runs pages: the list with its filters, totals and pages; a run in full; deleting one."""

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

from web_client import another_browser, post_form, sign_up, web_app
from web_runs import FIT_RUN, TCX_RIDE, TCX_RUN, import_for, store_steady_runs

from backstride.documents.run_charts import ClockAxis
from backstride.domain.activity import Sample
from backstride.domain.run_series import MAX_POINTS, run_series

RUN_LINK = re.compile(r'href="/runs/([0-9a-f-]{36})"')
SVG = "{http://www.w3.org/2000/svg}"


def _svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(found) for found in re.findall(r"<svg.*?</svg>", html, re.S)]


def test_the_list_shows_runs_latest_first_with_totals_and_filters_by_sport() -> None:
    with web_app() as anna:
        sign_up(anna, "anna")
        import_for(anna, "anna", FIT_RUN, TCX_RUN, TCX_RIDE)
        page = anna.get("/runs")
        assert page.status_code == 200
        assert "2 runs, 14.36 km, 1.7 h in all" in page.text
        assert page.text.index("2022-05-29 17:53 +02:00") < page.text.index("2021-03-21 09:11")
        assert "cycling" not in page.text.split("<tbody>", 1)[1]
        every = anna.get("/runs?sport=all").text
        assert "3 activities" in every and "17.8 km/h" in every
        rides = anna.get("/runs?sport=cycling").text
        assert "1 activity, 15.35 km" in rides


def test_the_days_filter_keeps_runs_by_their_day_on_the_runners_clock() -> None:
    with web_app() as anna:
        sign_up(anna, "anna")
        import_for(anna, "anna", FIT_RUN, TCX_RUN)
        only = anna.get("/runs?since=2022-05-29&until=2022-05-29").text
        assert "1 run, 3.32 km" in only
        none = anna.get("/runs?since=2022-05-30").text
        assert "No runs in this list" in none and "None of your activities match" in none


def test_bad_filters_are_named_on_the_page_with_a_4xx() -> None:
    with web_app() as anna:
        sign_up(anna, "anna")
        import_for(anna, "anna", TCX_RUN)
        for query, words in (
            ("sport=curling", "sport 'curling' is not one of yours: valid: all, running"),
            ("since=yesterday", "since 'yesterday' is not a date"),
            ("since=2026-02-01&until=2026-01-01", "since 2026-02-01 is after until 2026-01-01"),
            ("page=0", "page '0' is not valid"),
            ("page=x", "page 'x' is not valid"),
            ("page=7", "page 7 is past the last page of this list (1)"),
        ):
            response = anna.get(f"/runs?{query}")
            assert 400 <= response.status_code < 500, query
            assert response.headers["content-type"].startswith("text/html"), query
            assert words in response.text.replace("&#39;", "'"), query
            assert 'role="alert"' in response.text, query
            if not query.startswith("page"):
                assert 'aria-invalid="true"' in response.text, query


def test_pages_hold_thirty_runs_and_link_to_the_next() -> None:
    with web_app() as anna:
        sign_up(anna, "anna")
        start = datetime(2026, 1, 1, 7, tzinfo=UTC)
        store_steady_runs(anna, "anna", [start + timedelta(days=day) for day in range(31)], 5.0)
        first = anna.get("/runs").text
        assert "31 runs" in first and first.count("<tr>") == 31  # head row + 30
        assert 'href="/runs?page=2"' in first
        second = anna.get("/runs?page=2").text
        assert len(set(RUN_LINK.findall(second))) == 1 and "2026-01-01 07:00" in second
        assert 'href="/runs?page=1"' in second
        # the whole history is counted by the database, a range of days on the runner's clock:
        # both give the same list
        ranged = anna.get("/runs?since=2000-01-01&page=2").text
        assert "31 runs, 155.00 km, 15.5 h in all" in first and "31 runs, 155.00 km" in ranged
        assert RUN_LINK.findall(ranged) == RUN_LINK.findall(second)


def test_a_run_shows_its_numbers_splits_and_four_pictures() -> None:
    with web_app() as anna:
        sign_up(anna, "anna")
        import_for(anna, "anna", FIT_RUN)
        (run_id,) = set(RUN_LINK.findall(anna.get("/runs").text))
        page = anna.get(f"/runs/{run_id}")
        assert page.status_code == 200
        text = page.text
        for words in ("3.32 km", "23:48", "7:05 /km", "135 bpm on average", "144 steps"):
            assert words in text, words
        assert text.count('<th scope="row">') == 3  # three whole kilometres
        svgs = _svgs(text)
        assert len(svgs) == 4
        polylines = [line for svg in svgs for line in svg.iter(f"{SVG}polyline")]
        assert len(polylines) >= 3
        ticks = [label.text for label in svgs[0].iter(f"{SVG}text")]
        assert "18:00" in ticks  # the run's own clock: 17:53 to 18:17


def test_a_ride_shows_speed_not_pace() -> None:
    with web_app() as anna:
        sign_up(anna, "anna")
        import_for(anna, "anna", TCX_RIDE)
        (run_id,) = set(RUN_LINK.findall(anna.get("/runs?sport=all").text))
        text = anna.get(f"/runs/{run_id}").text
        assert "Speed over the run (km/h)" in text and "17.8 km/h" in text


def test_deleting_a_run_asks_first_and_then_forgets_it() -> None:
    with web_app() as anna:
        sign_up(anna, "anna")
        import_for(anna, "anna", FIT_RUN, TCX_RUN)
        ids = sorted(set(RUN_LINK.findall(anna.get("/runs").text)))
        ask = anna.get(f"/runs/{ids[0]}/delete")
        assert ask.status_code == 200 and "Delete it" in ask.text
        assert len(set(RUN_LINK.findall(anna.get("/runs").text))) == 2
        without_token = anna.post(f"/runs/{ids[0]}/delete", headers={"origin": "http://testserver"})
        assert without_token.status_code == 403
        done = post_form(anna, f"/runs/{ids[0]}/delete")
        assert done.status_code == 303 and done.headers["location"] == "/runs?deleted=1"
        assert set(RUN_LINK.findall(anna.get("/runs").text)) == {ids[1]}
        assert anna.get(f"/runs/{ids[0]}").status_code == 404
        assert post_form(anna, f"/runs/{ids[0]}/delete").status_code == 404


def test_another_runner_gets_404_for_every_run_page_and_deletes_nothing() -> None:
    with web_app() as anna:
        sign_up(anna, "anna")
        import_for(anna, "anna", FIT_RUN)
        (run_id,) = set(RUN_LINK.findall(anna.get("/runs").text))
        ben = another_browser(anna)
        sign_up(ben, "ben")
        assert "No runs imported yet" in ben.get("/runs").text
        assert ben.get(f"/runs/{run_id}").status_code == 404
        assert ben.get(f"/runs/{run_id}/delete").status_code == 404
        assert post_form(ben, f"/runs/{run_id}/delete").status_code == 404
        assert anna.get(f"/runs/{run_id}").status_code == 200


def test_lines_are_thinned_and_break_where_recording_paused() -> None:
    samples = [Sample(float(t), t * 3.0, 140) for t in range(0, 3000)]
    samples += [Sample(float(t), t * 3.0, 150) for t in range(4000, 7000)]
    series = run_series(tuple(samples))
    assert len(series.heart_rate_bpm) <= MAX_POINTS + 2
    assert None in [value for _, value in series.heart_rate_bpm]
    assert all(abs(v - 3.0) < 1e-9 for _, v in series.speed_mps if v is not None)


def test_the_clock_axis_ticks_on_whole_minutes_of_the_runners_clock() -> None:
    start = datetime(2026, 3, 1, 7, 3, 20, tzinfo=UTC)
    axis = ClockAxis(start, 40 * 60)
    labels = [label for _, label in axis.tick_marks()]
    assert labels == ["07:05", "07:10", "07:15", "07:20", "07:25", "07:30", "07:35", "07:40"]
    places = [x for x, _ in axis.tick_marks()]
    assert places == sorted(places) and axis.x(0) < places[0]
