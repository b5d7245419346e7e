"""Domain text in the terminal: sources named plainly (domain/plain_sources.py), shown inert."""

from rich.text import Text

from backstride.domain.plain_sources import OWN_RULE, SEED_NAMES, for_people, plain_seed

__all__ = ["OWN_RULE", "SEED_NAMES", "for_people", "plain_seed", "said"]


def said(text: str, style: str = "") -> Text:
    """Domain text as a runner reads it, shown inert (never read as markup)."""
    return Text(for_people(text), style=style)
