"""The position table: one entry per catalogue rung, and the moves DOMAIN.md 2.1.4 names marked."""

from collections.abc import Callable

import pytest

from backstride.domain.catalogue import Catalogue, load_catalogue
from backstride.domain.exercise_positions import RUNG_FACTS, Position, rung_facts
from backstride.errors import DataError

# How the catalogue's starting position reads for each lying position.
POSITION_READS: dict[Position, Callable[[str], bool]] = {
    "lying_on_back": lambda text: "on your back" in text or "face up" in text,
    "lying_face_down": lambda text: (
        ("on your front" in text or "face down" in text) and "ball" not in text
    ),
    "face_down_over_ball": lambda text: "face down" in text and "ball" in text,
}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def test_every_catalogue_rung_has_one_entry_and_no_entry_is_stray(catalogue: Catalogue) -> None:
    rungs = {level for exercise in catalogue.exercises for level in exercise.level_ids}
    assert rungs - RUNG_FACTS.keys() == set(), "rungs with no position"
    assert RUNG_FACTS.keys() - rungs == set(), "positions for rungs the catalogue lacks"


def test_lying_positions_agree_with_the_starting_position(catalogue: Catalogue) -> None:
    for exercise in catalogue.exercises:
        for level in exercise.level_ids:
            reads = POSITION_READS.get(rung_facts(level).position)
            text = exercise.starting_position.lower()
            assert reads is None or reads(text), f"{level}: {exercise.starting_position!r}"


@pytest.mark.parametrize(
    ("level", "flexion", "extension"),
    [
        ("partial-crunch", True, False),
        ("hollow-hold", False, False),
        ("hollow-hold-head-up", True, False),
        ("hollow-hold-opposite-arm-leg", True, False),
        ("ball-back-extension", False, True),
        ("ball-reverse-leg-raise", False, True),
        ("locust", False, True),
        ("lumbar-extension-wall-low", False, True),
        ("knee-to-chest", False, False),
        ("abdominal-draw-in", False, False),
        ("glute-bridge", False, False),
    ],
)
def test_the_moves_domain_2_1_4_names_are_marked(
    level: str, flexion: bool, extension: bool
) -> None:
    facts = rung_facts(level)
    assert (facts.loaded_flexion, facts.loaded_extension) == (flexion, extension)


def test_an_unknown_rung_is_a_data_error() -> None:
    with pytest.raises(DataError, match="no-such-rung"):
        rung_facts("no-such-rung")
