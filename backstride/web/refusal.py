"""A refusal on a page: why there is no routine or plan, what to do now, and the next link."""

from backstride.domain.plain_sources import for_people
from backstride.domain.screening import Level
from backstride.domain.triage_texts import HEADLINES, NEXT_STEPS
from backstride.errors import SafetyRefusal
from backstride.web.next_steps import link_of

RED_LEVELS: tuple[Level, ...] = ("emergency", "urgent_doctor")
"""Levels whose result says to see a doctor first: their words come first, no exercise at all."""


def refusal_context(refusal: SafetyRefusal, level: Level | None) -> dict[str, object]:
    """What templates/refusal.html shows: the reason in plain words, the level's next steps."""
    red = level is not None and level in RED_LEVELS
    return {
        "refusal": for_people(str(refusal)),
        "next_link": link_of(refusal.hint),
        "level": level,
        "headline": HEADLINES[level] if red and level is not None else None,
        "next_steps": NEXT_STEPS[level] if red and level is not None else None,
    }
