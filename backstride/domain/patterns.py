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
