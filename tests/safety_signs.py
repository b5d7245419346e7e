"""What each warning-sign rule must say wherever it is named: keywords per E and U rule.

The safety net (backstride/domain/triage_texts.py) and the lesson "when to see a professional"
must both name every emergency (E) and within-days (U) rule (DOMAIN.md 2.1.4, "Safety net
(complete)"). A phrase or a lesson bullet names a rule when it matches every pattern listed here.
"""

import re

# Rules another engineer is adding to backstride/domain/screening.py RULES (DOMAIN.md 2.1.4).
NEW_RULE_IDS = frozenset({"E10", "U10"})

# Case-insensitive patterns; a text names the rule when all of them match.
SIGN_KEYWORDS: dict[str, tuple[str, ...]] = {
    "E1": (r"numb", r"between your legs|genitals|back passage|anus"),
    "E2": (r"urine|bladder",),
    "E3": (r"bowel",),
    "E4": (r"sex",),
    "E5": (r"both legs", r"numb|tingl|pins", r"\bnew\b|spread|moved"),
    "E6": (r"weaker", r"foot", r"walk"),
    # E7 fires on a fever or chills alone (screening.py): the text must not ask for more.
    "E7": (r"fever", r"shiver|chill", r"on its own|by itself|even without|alone"),
    "E8": (r"accident|collision|fall from a height",),
    "E9": (r"cancer", r"numb|weak", r"walk|bladder"),
    "E10": (r"\b50\b", r"sudden", r"severe", r"tummy|belly|abdom", r"faint", r"clammy"),
    "U1": (r"cancer", r"back pain"),
    "U2": (r"weight",),
    "U3": (r"unwell", r"without (a )?fever|no fever"),
    "U4": (r"immune", r"inject"),
    "U5": (r"steroid", r"osteoporosis|thin bones", r"severe", r"fall", r"\b65\b"),
    "U6": (r"constant|never eases|does not ease", r"night"),
    "U7": (r"one leg", r"weak", r"not getting worse|even if|stable"),
    "U8": (r"first", r"\b15\b", r"\b60\b"),
    "U9": (r"shape", r"shoulder blades"),
    "U10": (
        r"infection",
        r"procedure|injection|surgery|operation|catheter",
        r"3 months|three months",
    ),
}


def names_rule(text: str, rule_id: str) -> bool:
    """Whether a text matches every keyword pattern of one rule."""
    return all(re.search(pattern, text, re.IGNORECASE) for pattern in SIGN_KEYWORDS[rule_id])
