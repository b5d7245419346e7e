"""The packaged lessons: every topic the foundation promises, no unsupported seed claims."""

import re
from pathlib import Path

import pytest
from safety_signs import NEW_RULE_IDS, names_rule

from backstride.domain.education import Library, load_library
from backstride.domain.screening import RULES
from backstride.errors import DataError, UnknownName

EDUCATION_DIR = Path(__file__).resolve().parent.parent / "backstride" / "data" / "education"

PROMISED_TOPICS = [
    "why-runners-hurt",
    "pain-patterns",
    "neutral-pelvis",
    "running-form",
    "variation-and-off-days",
    "when-to-see-a-professional",
]

# DOMAIN.md 1.7: seed claims with no support, which the product must not repeat as fact.
UNSUPPORTED_CLAIMS = [
    r"\bbulk",
    r"adhesion",
    r"left side.{0,20}flexor",
    r"wall sits?.{0,60}(relie|ease).{0,30}(sharp|jabbing)",
    r"everyone should (run|aim) (at|for) 180",
]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def test_every_promised_topic_is_there_in_order(library: Library) -> None:
    assert [topic.id for topic in library.topics] == PROMISED_TOPICS


@pytest.mark.parametrize("pattern", UNSUPPORTED_CLAIMS)
def test_no_unsupported_seed_claim_is_repeated(library: Library, pattern: str) -> None:
    for topic in library.topics:
        assert not re.search(pattern, topic.body, re.IGNORECASE), topic.id


def test_pain_patterns_warn_that_both_legs_is_an_emergency(library: Library) -> None:
    body = library.get("pain-patterns").body.lower()
    assert "both legs" in body
    assert "emergency" in body


RULE_IDS = sorted({rule.id for rule in RULES} | NEW_RULE_IDS)


def _bullets(body: str, heading_word: str) -> list[str]:
    """The list items of the one section whose heading holds this word."""
    sections = re.split(r"^## ", body, flags=re.MULTILINE)
    chosen = [s for s in sections if heading_word in s.splitlines()[0].lower()]
    assert len(chosen) == 1, heading_word
    return [line[2:] for line in chosen[0].splitlines() if line.startswith("- ")]


@pytest.mark.parametrize("rule_id", [r for r in RULE_IDS if r[0] in "EU"])
def test_the_lesson_names_every_warning_sign_under_its_level(
    library: Library, rule_id: str
) -> None:
    body = library.get("when-to-see-a-professional").body
    heading = "emergency" if rule_id.startswith("E") else "within"
    assert any(names_rule(item, rule_id) for item in _bullets(body, heading)), rule_id


def test_the_lesson_agrees_with_the_screening_on_fever(library: Library) -> None:
    """E7: a fever or chills alone is an emergency; U3: unwell without a fever is within days."""
    body = library.get("when-to-see-a-professional").body
    for section in ("within", "ordinary"):
        for item in _bullets(body, section):
            for found in re.finditer(r"fever|temperature", item, re.IGNORECASE):
                before = item[: found.start()]
                assert re.search(r"(without a|no|not a) $", before, re.IGNORECASE), item


def test_running_form_treats_the_cadence_band_as_a_range_not_a_target(library: Library) -> None:
    body = library.get("running-form").body
    assert "170" in body and "190" in body
    assert "5" in body


def test_unknown_topic_suggests_and_lists(library: Library) -> None:
    with pytest.raises(UnknownName) as caught:
        library.get("running")
    assert "running-form" in caught.value.suggestions


def test_topic_file_name_must_match_its_id(tmp_path: Path) -> None:
    source = EDUCATION_DIR / "neutral-pelvis.toml"
    (tmp_path / "pelvis.toml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataError, match="pelvis.toml"):
        load_library(tmp_path)
