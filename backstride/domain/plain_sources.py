"""Sources in words people use: seed files, guideline keys and rule ids as plain names.

The domain cites every rule and dose by its id (a seed file, a DOMAIN.md section, a rule id);
Machine-readable results keep those ids. What a runner reads names the source plainly.
"""

import re

from backstride.domain.sources import REFERENCES, SEEDS, is_seed

SEED_NAMES = {
    "000": "a physical therapy clinic's guide for runners",
    "001": "an online running coaches' article",
    "002": "a running blog's back pain article",
    "003": "a Train for a 5K article on runners' back pain",
    "004": "a running brand's guest post on back injuries",
}
OWN_RULE = "backstride's own cautious choice"

_SEED_FILE = re.compile(r"\b(00[0-4])_[0-9a-f]{16}\.txt\b")
_SEED_ID = re.compile(r"\bS(00[0-4])\b(?: - [^;)\]\n]*)?")
_SECTION = re.compile(r"(?:,\s*|;\s*)?\bDOMAIN\.md \d+(?:\.\d+)*(?:\s*\[[A-Z0-9-]+\])?")
_POLICY_AFTER_LINK = re.compile(r"\b(from|by|per|see|and|or|on) app[- ]policy\b")
_POLICY_AFTER_WORD = re.compile(r"(?<=[a-z]) app[- ]policy\b")
_POLICY = re.compile(r"\bapp[- ]policy\b")
_RULE_LEAD = re.compile(r"\b[A-Z]{1,2}\d{1,2} \(([^)]*)\):")
_KEY = re.compile(r"\[([A-Za-z0-9-]+)\]")
_BARE_KEY = re.compile(
    r"(?<![\w\[-])(?<!NICE )("
    + "|".join(re.escape(k) for k in sorted(REFERENCES, key=len, reverse=True) if k.isupper())
    + r")(?![\w\]-])"
)
_RULE_ID = re.compile(r"\s*\((?:rule )?[A-Z]{1,2}\d{1,2}\)")
_RULE_TABLE = re.compile(r"\bRule table (\S+)")
_EMPTY = re.compile(r"\s*(?:\(\s*[;,]?\s*\)|\[\s*[;,]?\s*\])")
_LEAD = re.compile(r"([(\[])\s*[;,]\s*")


def _reference(match: re.Match[str]) -> str:
    key = match.group(1)
    if key not in REFERENCES or key == "app-policy":
        return match.group(0)
    return "(" + REFERENCES[key].split(",")[0] + ")"


def for_people(text: str) -> str:
    """The text with each source id replaced by a plain name, and section and rule ids left out."""
    text = _SEED_FILE.sub(lambda m: SEED_NAMES[m.group(1)], text)
    text = _SEED_ID.sub(lambda m: SEED_NAMES[m.group(1)], text)
    text = _SECTION.sub("", text)
    text = _POLICY_AFTER_LINK.sub(rf"\1 {OWN_RULE}", text)
    text = _POLICY_AFTER_WORD.sub(f" is {OWN_RULE}", text)
    text = _POLICY.sub(OWN_RULE, text)
    text = _RULE_LEAD.sub(lambda m: m.group(1)[:1].upper() + m.group(1)[1:] + ":", text)
    text = _BARE_KEY.sub(lambda m: REFERENCES[m.group(1)].split(",")[0], text)
    text = _KEY.sub(_reference, text)
    text = _RULE_ID.sub("", text)
    text = _RULE_TABLE.sub(r"warning-sign rules, version \1", text)
    text = _LEAD.sub(r"\1", text)
    text = _EMPTY.sub("", text)
    return re.sub(r"  +", " ", text).replace(" .", ".").replace(" ,", ",")


def plain_seed(seed_file: str) -> str:
    """One seed file as people would name it."""
    match = _SEED_FILE.fullmatch(seed_file)
    return SEED_NAMES[match.group(1)] if match else for_people(seed_file)


def plain_source(source: str) -> str:
    """One source tag as a runner would name it; empty for backstride's own section numbers."""
    if is_seed(source):
        return plain_seed(source)
    return for_people(f"[{source}]").strip("()[] ")


assert set(SEED_NAMES) == {name[:3] for name in SEEDS}
