"""The five pain patterns a screening can point to (DOMAIN.md 2.2)."""

from typing import Literal, get_args

Pattern = Literal[
    "spasm",
    "radicular",
    "arthritic_degenerative",
    "inflammatory",
    "nonspecific_mechanical",
]

PATTERNS: tuple[Pattern, ...] = get_args(Pattern)

PATTERN_LABELS: dict[Pattern, str] = {
    "spasm": "sudden muscle spasm",
    "radicular": "nerve-related (sciatica-type) pain",
    "arthritic_degenerative": "long-standing, wear-and-tear type ache",
    "inflammatory": "possible inflammatory back pain",
    "nonspecific_mechanical": "mechanical back pain (the most common kind)",
}

PATTERN_WORDS: dict[str, Pattern] = {
    "sciatica": "radicular",
    "nerve": "radicular",
    "degenerative": "arthritic_degenerative",
    "arthritic": "arthritic_degenerative",
    "arthritis": "arthritic_degenerative",
    "wear_and_tear": "arthritic_degenerative",
    "mechanical": "nonspecific_mechanical",
    "nonspecific": "nonspecific_mechanical",
    "locked": "spasm",
}
"""Everyday words for the patterns (the labels above say the same): each reads as its pattern."""
