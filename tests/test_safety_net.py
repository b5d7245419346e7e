"""The safety net names every emergency and within-days rule of the screening (DOMAIN.md 2.1.4)."""

import re
from pathlib import Path

import pytest
from safety_signs import NEW_RULE_IDS, SIGN_KEYWORDS, names_rule

from backstride.domain.screening import RULES
from backstride.domain.triage_texts import EMERGENCY_SIGNS, SAFETY_NET, URGENT_SIGNS

RULE_IDS = {rule.id for rule in RULES} | NEW_RULE_IDS
E_IDS = {rule_id for rule_id in RULE_IDS if rule_id.startswith("E")}
U_IDS = {rule_id for rule_id in RULE_IDS if rule_id.startswith("U")}
MAX_WORDS = 25  # one short, calm clause per sign


def test_every_emergency_rule_has_one_sign_phrase() -> None:
    ids = [rule_id for rule_id, _ in EMERGENCY_SIGNS]
    assert sorted(ids) == sorted(E_IDS)


def test_every_within_days_rule_has_one_sign_phrase() -> None:
    ids = [rule_id for rule_id, _ in URGENT_SIGNS]
    assert sorted(ids) == sorted(U_IDS)


def test_the_keyword_table_covers_every_rule() -> None:
    assert set(SIGN_KEYWORDS) >= E_IDS | U_IDS


@pytest.mark.parametrize(("rule_id", "phrase"), [*EMERGENCY_SIGNS, *URGENT_SIGNS])
def test_each_phrase_names_its_rule_in_a_short_clause(rule_id: str, phrase: str) -> None:
    assert names_rule(phrase, rule_id), (rule_id, phrase)
    assert len(phrase.split()) <= MAX_WORDS, phrase


@pytest.mark.parametrize("level", ["urgent_doctor", "see_clinician", "self_care"])
def test_every_emergency_sign_is_in_the_safety_net_below_emergency(level: str) -> None:
    for rule_id, phrase in EMERGENCY_SIGNS:
        assert phrase in SAFETY_NET[level], (level, rule_id)


@pytest.mark.parametrize("level", ["see_clinician", "self_care"])
def test_every_within_days_sign_is_in_the_calmer_safety_nets(level: str) -> None:
    text = SAFETY_NET[level]
    for rule_id, phrase in URGENT_SIGNS:
        assert phrase in text, (level, rule_id)
    # the emergency list comes first, so nobody reads an emergency sign as "within days"
    assert text.index(EMERGENCY_SIGNS[-1][1]) < text.index(URGENT_SIGNS[0][1])


def test_the_within_days_list_does_not_call_a_fever_a_within_days_sign() -> None:
    for _, phrase in URGENT_SIGNS:
        for found in re.finditer(r"fever", phrase, re.IGNORECASE):
            assert re.search(r"(without a|no) $", phrase[: found.start()], re.IGNORECASE), phrase


def _readme_medical_safety() -> str:
    """The README's "Medical safety" paragraph, its quote marks taken off."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("**Medical safety.**")
    paragraph = readme[start : readme.index("\n\n", start)]
    return " ".join(line.removeprefix(">").strip() for line in paragraph.splitlines())


@pytest.mark.parametrize("rule_id", sorted(E_IDS))
def test_the_readme_names_every_emergency_sign(rule_id: str) -> None:
    assert names_rule(_readme_medical_safety(), rule_id), rule_id


def test_the_readme_points_to_the_lesson() -> None:
    assert "`backstride learn when-to-see-a-professional`" in _readme_medical_safety()
