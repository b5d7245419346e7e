"""The load, cadence and report pages: the numbers of the runner's own runs, with formulas."""

import re
from datetime import UTC, datetime, timedelta
from html import unescape

from web_client import FakeClock, another_browser, post_form, sign_up, web_app
from web_runs import FIT_RUN, TCX_RUN, import_for, store_steady_runs

NOW = datetime(2026, 3, 4, 12, tzinfo=UTC)  # a Wednesday
MONDAY = datetime(2026, 1, 5, 7, tzinfo=UTC)


def _every_other_day(weeks: int) -> list[datetime]:
    return [MONDAY + timedelta(days=day) for day in range(0, weeks * 7, 2)]


def test_the_load_page_shows_weeks_their_change_and_each_formula_with_the_numbers() -> None:
    with web_app(FakeClock(NOW)) as anna:
        sign_up(anna, "anna")
        store_steady_runs(anna, "anna", _every_other_day(8), 6.0)
        post_form(anna, "/pain", score="3", when="morning", back_to="pain")
        page = anna.get("/load")
        assert page.status_code == 200
        text = unescape(page.text)
        # 8 Jan-week runs on Mon, Wed, Fri, Sun then Tue, Thu, Sat: 4 and 3 runs of 6 km
        assert "<td>24.0</td>" in text and "<td>18.0</td>" in text
        assert "so far, day 3 of 7" in text
        assert "Weekly change = (this week − last week) / last week × 100" in text
        assert "Monotony = mean / SD of the last 7 days" in text
        assert "Acute load (EWMA, N = 7" in text and "Chronic load (EWMA, N = 28" in text
        assert "never a forecast of injury" in text
        assert "<td>3.0</td>" in text  # this week's mean pain beside its load
        assert text.count("<svg") == 3
        assert "DOMAIN.md" not in text  # sources named plainly


def test_the_load_unit_is_chosen_and_a_bad_one_is_named() -> None:
    with web_app(FakeClock(NOW)) as anna:
        sign_up(anna, "anna")
        store_steady_runs(anna, "anna", _every_other_day(2), 6.0)
        minutes = anna.get("/load?unit=minutes").text
        assert "Load by week (min) beside pain" in minutes
        bad = anna.get("/load?unit=furlongs")
        assert bad.status_code == 422 or 400 <= bad.status_code < 500
        assert "furlongs" in unescape(bad.text) and 'role="alert"' in bad.text


def test_the_cadence_page_shows_the_baseline_and_links_the_metronome_at_the_target() -> None:
    with web_app(FakeClock(datetime(2022, 6, 1, tzinfo=UTC))) as anna:
        sign_up(anna, "anna")
        import_for(anna, "anna", FIT_RUN)
        text = unescape(anna.get("/cadence").text)
        assert "Your baseline: 143.8 spm" in text
        target = re.search(r'href="/metronome\?spm=(\d+)"', text)
        assert target is not None and target.group(1) == "149"  # the first step, +5 spm
        assert "Hold at 149 spm" in text and "<td>149 spm</td><td>+3.6 %</td>" in text


def test_without_runs_the_cadence_page_says_how_to_get_a_baseline() -> None:
    with web_app() as anna:
        sign_up(anna, "anna")
        text = anna.get("/cadence").text
        assert "No cadence baseline yet" in text and "/metronome?spm=" not in text


def test_the_report_downloads_as_the_same_page_the_cli_writes() -> None:
    with web_app(FakeClock(datetime(2021, 4, 1, tzinfo=UTC))) as anna:
        sign_up(anna, "anna")
        import_for(anna, "anna", TCX_RUN)
        report = anna.get("/report")
        assert report.status_code == 200
        assert report.headers["content-disposition"].startswith("attachment;")
        assert "backstride-report-20210108-20210401.html" in report.headers["content-disposition"]
        assert "<h1>backstride report</h1>" in report.text and "<svg" in report.text
        bad = anna.get("/report?since=soon")
        assert bad.status_code == 422 or 400 <= bad.status_code < 500
        assert "since 'soon' is not a date" in unescape(bad.text)
        ben = another_browser(anna)
        sign_up(ben, "ben")
        assert "11.04" not in ben.get("/report").text
        assert "runs outside" not in ben.get("/report").text


def test_old_runs_only_say_when_the_latest_load_was() -> None:
    with web_app(FakeClock(NOW + timedelta(weeks=30))) as anna:
        sign_up(anna, "anna")
        store_steady_runs(anna, "anna", _every_other_day(2), 6.0)
        text = unescape(anna.get("/load").text)
        assert "No load in these 12 weeks: your latest was in the week of 12 Jan 2026" in text


def test_small_loads_keep_a_decimal_on_the_value_axis() -> None:
    from backstride.documents.report_html import value_label

    assert [value_label(v) for v in (0.0, 0.4, 3.0, 7.25, 12.6)] == ["0", "0.4", "3", "7.2", "13"]
