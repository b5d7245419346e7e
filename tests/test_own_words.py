"""Packaged text is written in our own words: no long run of words copied from the sources."""

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SOURCE_FILES = sorted((SHARED / "seeds").glob("*.txt")) + [SHARED / "domain" / "DOMAIN.md"]
PACKAGED = sorted((REPO / "backstride" / "data").rglob("*.toml"))
RUN = 8  # words in a row that would mean a copied sentence, not a shared phrase

pytestmark = pytest.mark.skipif(
    not (SHARED / "seeds").is_dir(),
    reason="the source articles (../shared/seeds) are not beside this checkout",
)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))


def _runs(words: list[str]) -> Iterator[tuple[str, ...]]:
    """Every run of RUN words; runs made largely of numbers are doses, not prose, and skipped."""
    for start in range(len(words) - RUN + 1):
        run = tuple(words[start : start + RUN])
        if sum(word.isdigit() for word in run) < 2:
            yield run


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.fixture(scope="module")
def source_runs() -> set[tuple[str, ...]]:
    runs: set[tuple[str, ...]] = set()
    for path in SOURCE_FILES:
        runs.update(_runs(_words(path.read_text(encoding="utf-8"))))
    return runs


@pytest.mark.parametrize("path", PACKAGED, ids=lambda p: p.name)
def test_no_sentence_is_copied_from_a_seed_or_the_domain_notes(
    path: Path, source_runs: set[tuple[str, ...]]
) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    copied = {
        " ".join(run)
        for text in _strings(data)
        for run in _runs(_words(text))
        if run in source_runs
    }
    assert not copied, f"{path.name} repeats source wording: {sorted(copied)}"


def test_the_check_would_catch_a_copied_sentence(source_runs: set[tuple[str, ...]]) -> None:
    seed = (SHARED / "seeds" / "000_f99d85ccd3986074.txt").read_text(encoding="utf-8")
    sentence = next(line for line in seed.splitlines() if len(_words(line)) > 20)
    assert any(run in source_runs for run in _runs(_words(sentence)))
