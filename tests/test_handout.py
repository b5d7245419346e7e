"""The printable handout: today's exercises with doses, drawings and cautions, or none at all
when the level forbids exercise; as a page, a PDF and from the CLI."""

import re
from pathlib import Path

import pytest
from screening_base import CALM, answers_with
from web_client import screen_as, sign_up, web_app

from backstride.cli.app import run
from backstride.cli.local_action import local_action
from backstride.domain.screening import screen
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.services.handout import handout_document, runner_handout
from backstride.services.screening import record_screening


def _screened(answers: dict[str, object]) -> None:
    with local_action() as action:
        record_screening(action, screen(ScreeningAnswers.model_validate(answers)), "screen")


def test_a_calm_runner_gets_every_exercise_with_its_dose_drawing_and_cautions() -> None:
    _screened(CALM)
    with local_action(write=False) as action:
        handout = runner_handout(action)
        document = handout_document(action)
    assert handout.level == "self_care" and handout.no_programme is None
    assert len(handout.exercises) >= 2
    for item in handout.exercises:
        assert item.figure is not None and item.steps and item.cautions
        assert item.name in document and item.dose in document
    assert document.count("<svg") == len(handout.exercises)
    assert "Stop any exercise if" in document and "When to get help" in document
    assert "<script" not in document and "http" not in document.replace("http://www.w3.org", "")


@pytest.mark.parametrize(
    ("answers", "level"),
    [
        (answers_with(saddle_numbness=True), "emergency"),
        (answers_with(history_of_cancer=True, age=55), "urgent_doctor"),
    ],
)
def test_no_exercise_on_the_handout_when_the_level_forbids_it(
    answers: dict[str, object], level: str
) -> None:
    _screened(answers)
    with local_action(write=False) as action:
        handout = runner_handout(action)
        document = handout_document(action)
    assert handout.level == level and handout.exercises == ()
    assert handout.no_programme
    assert "No exercises today" in document and "<svg" not in document
    assert "emergency" in document.lower()  # the safety net says where to go


def test_the_handout_page_and_pdf_in_the_browser_app() -> None:
    with web_app() as browser:
        sign_up(browser, "anna")
        screen_as(browser, "anna", CALM)
        assert 'href="/routine/handout"' in browser.get("/routine").text
        page = browser.get("/routine/handout")
        assert page.status_code == 200 and page.text.startswith("<!doctype html>")
        csp = page.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp
        assert page.headers["cache-control"] == "no-store"
        names = re.findall(r"<h2>\d+\. ([^<]+)</h2>", page.text)
        assert len(names) >= 2
        pdf = browser.get("/routine/handout.pdf")
        assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF-") and len(pdf.content) > 10_000
        assert "attachment" in pdf.headers["content-disposition"]
        assert pdf.content.rstrip().endswith(b"%%EOF")


def test_the_cli_writes_a_pdf_or_html_and_refuses_another_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _screened(CALM)
    assert run(["handout", "--output", str(tmp_path / "today.pdf")]) == 0
    assert (tmp_path / "today.pdf").read_bytes().startswith(b"%PDF-")
    assert run(["handout", "-o", str(tmp_path / "today.html")]) == 0
    assert "<svg" in (tmp_path / "today.html").read_text(encoding="utf-8")
    capsys.readouterr()
    assert run(["handout", "-o", str(tmp_path / "today.docx")]) != 0
    said = capsys.readouterr().err
    assert "'.docx'" in said and ".pdf or .html" in said
    assert not (tmp_path / "today.docx").exists()
