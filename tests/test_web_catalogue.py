"""The exercise catalogue and the lessons on the web: the same choices and facts as the CLI."""

import json
import re
from html import unescape

import pytest
from cli_calls import call
from test_plain_sources import INTERNAL
from web_client import sign_up, web_app

from backstride.domain.plain_sources import plain_source
from backstride.services.education import list_topics
from backstride.services.exercises import catalogue, show_exercise

LISTED = re.compile(r'<h3><a href="/exercises/([a-z0-9-]+)">')
IDS = [exercise.id for exercise in catalogue().exercises]


def _main(page: str) -> str:
    """The page's own content, without the nav and the footer."""
    return page.split('<main id="main">', 1)[1].split("</main>", 1)[0]


def _text(page: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", _main(page)))


def test_the_catalogue_lists_every_exercise_of_all_21_families() -> None:
    with web_app() as browser:
        page = browser.get("/exercises")
        assert page.status_code == 200
        listed = LISTED.findall(page.text)
        assert listed == IDS
        assert len({catalogue().get(found).family for found in listed}) == 21


@pytest.mark.parametrize(
    ("query", "flags", "narrows"),
    [
        ("equipment=none", ["--equipment", "none"], True),
        ("equipment=mat", ["--equipment", "mat"], True),
        ("equipment=mat&equipment=stability-ball", ["-e", "mat", "-e", "stability-ball"], True),
        ("category=core", ["--category", "core"], True),
        ("category=back_extensors", ["--category", "back_extensors"], True),
        ("pattern=spasm", ["--pattern", "spasm"], True),
        # Nothing is to be avoided for nerve pain: every exercise stays, each with its fit.
        ("pattern=sciatica", ["--pattern", "sciatica"], False),  # an alias, as the CLI takes
        ("pattern=spasm&category=stretch", ["--pattern", "spasm", "--category", "stretch"], True),
        ("equipment=mat&pattern=inflammatory", ["-e", "mat", "-p", "inflammatory"], True),
        ("equipment=&category=&pattern=", [], False),  # the form sent with nothing chosen
    ],
)
def test_filters_choose_what_the_cli_chooses(
    capsys: pytest.CaptureFixture[str], query: str, flags: list[str], narrows: bool
) -> None:
    code, out, _ = call(capsys, "exercises", *flags, "--json")
    assert code == 0
    expected = [exercise["id"] for exercise in json.loads(out)]
    with web_app() as browser:
        page = browser.get(f"/exercises?{query}")
        assert page.status_code == 200
        assert LISTED.findall(page.text) == expected
        assert (len(expected) < len(IDS)) is narrows
        if {"--pattern", "-p"} & set(flags):
            assert page.text.count('<span class="fit fit-') == len(expected)


def test_the_filter_form_keeps_what_was_chosen_and_works_without_script() -> None:
    with web_app() as browser:
        page = browser.get("/exercises?equipment=mat&category=core&pattern=spasm").text
        assert '<form method="get" action="/exercises"' in page
        assert 'value="mat" checked' in page
        assert '<option value="core" selected>' in page
        assert '<option value="spasm" selected>' in page
        assert "<script>" not in page and "style=" not in page


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("category=bogus", "bogus"),
        ("pattern=headache", "headache"),
        ("equipment=rope", "rope"),
        ("equipment=mat&equipment=kettlebell", "kettlebell"),
    ],
)
def test_a_bad_filter_value_is_named_with_422(query: str, named: str) -> None:
    with web_app() as browser:
        page = browser.get(f"/exercises?{query}")
        assert page.status_code == 422
        alert = re.search(r'role="alert"[^>]*>([^<]*)<', page.text)
        assert alert is not None and named in unescape(alert.group(1))
        assert "valid:" in alert.group(1)
        assert LISTED.findall(page.text) == []


def test_an_oversized_filter_value_is_refused_on_a_page_not_as_json() -> None:
    with web_app() as browser:
        for path in ("/exercises?category=" + "x" * 5000, "/pain?show=" + "y" * 500):
            if path.startswith("/pain"):
                sign_up(browser, "anna")
            refused = browser.get(path)
            assert refused.status_code == 422, path
            assert refused.headers["content-type"].startswith("text/html")
            assert "is not valid: give at most" in unescape(refused.text), path
            assert "<h1>That did not work</h1>" in refused.text


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_exercise_page_shows_its_ladder_and_plain_sources(exercise_id: str) -> None:
    detail = show_exercise(exercise_id)
    exercise = detail.exercise
    with web_app() as browser:
        response = browser.get(f"/exercises/{exercise_id}")
        assert response.status_code == 200
        page = response.text
    text = _text(page)
    assert INTERNAL.findall(text) == [], INTERNAL.findall(text)
    assert exercise.name in text and unescape(exercise.steps[0]) in text
    ladder = page.split('<ol class="ladder">', 1)[1].split("</ol>", 1)[0]
    names = [
        unescape(n)
        for n in re.findall(r"<li[^>]*>(?:<img [^>]+> )?(?:<a [^>]+>|<strong>)([^<]+)<", ladder)
    ]
    assert names == [rung.name for rung in detail.ladder]
    assert ladder.count('aria-current="step"') == len(exercise.level_ids)
    for dose in exercise.doses:
        assert plain_source(dose.source) in text
    for seed in exercise.seeds:
        assert plain_source(seed) in text
    assert "By pain pattern" in text and "Stop if" in text and "Common mistakes" in text


def test_an_alias_leads_to_the_exercise_page() -> None:
    exercise = next(e for e in catalogue().exercises if e.aliases)
    with web_app() as browser:
        response = browser.get(f"/exercises/{exercise.aliases[0]}")
        assert response.status_code == 307
        assert response.headers["location"] == f"/exercises/{exercise.id}"


def test_an_unknown_exercise_is_404_with_close_matches_as_links() -> None:
    with web_app() as browser:
        response = browser.get("/exercises/bird-dgo")
        assert response.status_code == 404
        assert 'href="/exercises/bird-dog"' in response.text
        assert browser.get("/exercises/" + "z" * 300).status_code == 404


def test_the_lessons_are_listed_in_reading_order() -> None:
    with web_app() as browser:
        page = browser.get("/learn")
        assert page.status_code == 200
        linked = re.findall(r'<h2><a href="/learn/([a-z0-9-]+)">', page.text)
        assert linked == [topic.id for topic in list_topics()]


@pytest.mark.parametrize("topic", list_topics(), ids=lambda topic: topic.id)
def test_every_lesson_reads_in_full_with_sources_named_plainly(topic: object) -> None:
    from backstride.domain.education import Topic

    assert isinstance(topic, Topic)
    with web_app() as browser:
        response = browser.get(f"/learn/{topic.id}")
        assert response.status_code == 200
        page = response.text
    text = _text(page)
    assert INTERNAL.findall(text) == [], INTERNAL.findall(text)
    assert topic.title in text and topic.summary in text
    assert "<h2>" in _main(page) and "##" not in text  # the Markdown became headings
    assert "Sources:" in text
    for source in topic.sources:
        assert plain_source(source) in text


def test_an_unknown_lesson_is_404_with_close_matches_as_links() -> None:
    with web_app() as browser:
        response = browser.get("/learn/neutral")
        assert response.status_code == 404
        assert 'href="/learn/neutral-pelvis"' in response.text


def test_the_nav_links_the_catalogue_the_lessons_and_the_journal() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        page = browser.get("/exercises").text
        nav = page.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]
        for path in ("/today", "/pain", "/exercises", "/learn"):
            assert f'href="{path}"' in nav
        assert '<a href="/exercises" aria-current="page">' in nav


def test_every_exercise_page_shows_its_drawings_and_each_one_is_served() -> None:
    with web_app() as browser:
        for exercise_id in IDS:
            page = browser.get(f"/exercises/{exercise_id}").text
            sources = set(re.findall(r'<img[^>]* src="([^"]+)"', page))
            assert f"/exercises/{exercise_id}/figure.svg" in sources, exercise_id
            assert f"/exercises/{exercise_id}/figure.svg?view=still" in sources, exercise_id
            tiles = {s for s in sources if "view=small" in s}
            assert (
                len(tiles)
                == len(re.findall(r"<ol class=\"ladder\">(.*?)</ol>", page, re.S)[0].split("<li"))
                - 1
            )
            for source in sources:
                drawn = browser.get(unescape(source))
                assert drawn.status_code == 200, source
                assert drawn.headers["content-type"] == "image/svg+xml"
                assert drawn.text.startswith("<svg") and "<script" not in drawn.text
                csp = drawn.headers["content-security-policy"]
                assert "default-src 'none'" in csp and "script-src" not in csp
        listing = browser.get("/exercises").text
        assert listing.count('figure.svg?view=small"') == len(IDS)


def test_a_figure_asked_for_wrongly_is_refused_with_the_reason() -> None:
    with web_app() as browser:
        page_csp = browser.get("/exercises").headers["content-security-policy"]
        assert "style-src 'self'" in page_csp and "unsafe-inline" not in page_csp
        bad_view = browser.get("/exercises/bird-dog/figure.svg?view=huge")
        assert bad_view.status_code == 422 and "moving, still, small" in unescape(bad_view.text)
        bad_level = browser.get("/exercises/bird-dog/figure.svg?level=plank")
        assert bad_level.status_code == 422
        assert "is not on the ladder of bird-dog" in unescape(bad_level.text)
        assert browser.get("/exercises/no-such-move/figure.svg").status_code == 404
