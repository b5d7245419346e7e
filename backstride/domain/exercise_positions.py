"""Body position and trunk loading of every catalogue rung, the facts the routine limits read.

One entry per ladder level id (level ids are unique across the catalogue; a family without a
ladder has one level, its own id). The positions are read from each exercise's starting
position and ladder text in backstride/data/exercises; "loaded flexion" and "loaded extension"
mark the moves DOMAIN.md 2.1.4 names: the partial crunch and the hollow hold with the head
lifted bend the trunk forward under load; the ball back extension, the reverse leg raise, the
locust and the lumbar extension at the wall work the low back into extension. The hollow-hold
ladder keeps the head up on every rung above the table-top hold (the TOML says each harder
level keeps what the one before it added). tests/test_exercise_positions.py checks this table
against the catalogue, both ways.
"""

from dataclasses import dataclass
from typing import Literal

from backstride.errors import DataError

Position = Literal[
    "lying_on_back",
    "lying_face_down",
    "face_down_over_ball",
    "hands_and_knees",
    "front_support",
    "side_support",
    "standing",
    "sitting",
]
POSITIONS_SOURCE = "DOMAIN.md 2.1.4"


@dataclass(frozen=True, slots=True)
class RungFacts:
    """Where the body is during one rung, and whether the rung loads the trunk."""

    position: Position
    loaded_flexion: bool = False
    loaded_extension: bool = False


_ON_BACK = RungFacts("lying_on_back")
_HEAD_UP = RungFacts("lying_on_back", loaded_flexion=True)
_WALL_EXTENSION = RungFacts("lying_on_back", loaded_extension=True)
_STANDING = RungFacts("standing")

RUNG_FACTS: dict[str, RungFacts] = {
    "plank": RungFacts("front_support"),
    "side-plank-bent-knee": RungFacts("side_support"),
    "side-plank": RungFacts("side_support"),
    "ball-back-extension": RungFacts("face_down_over_ball", loaded_extension=True),
    "ball-reverse-leg-raise": RungFacts("face_down_over_ball", loaded_extension=True),
    "glute-bridge": _ON_BACK,
    "locust": RungFacts("lying_face_down", loaded_extension=True),
    "hollow-hold": _ON_BACK,
    "hollow-hold-head-up": _HEAD_UP,
    "hollow-hold-arms-up": _HEAD_UP,
    "hollow-hold-one-leg": _HEAD_UP,
    "hollow-hold-both-legs": _HEAD_UP,
    "hollow-hold-opposite-arm-leg": _HEAD_UP,
    "glute-squeeze": _STANDING,
    "hip-flexor-twist-standing": _STANDING,
    "hip-flexor-twist": _STANDING,
    "hip-flexor-twist-arms-wide": _STANDING,
    "hip-flexor-twist-contralateral": _STANDING,
    "hip-flexor-twist-reach-back-leg": _STANDING,
    "partial-crunch": RungFacts("lying_on_back", loaded_flexion=True),
    "towel-hamstring-stretch": _ON_BACK,
    "wall-sit": _STANDING,
    "knee-to-chest": _ON_BACK,
    "bird-dog-leg-only": RungFacts("hands_and_knees"),
    "bird-dog": RungFacts("hands_and_knees"),
    "abdominal-draw-in": _ON_BACK,
    "lumbar-extension-wall-low": _WALL_EXTENSION,
    "lumbar-extension-wall": _WALL_EXTENSION,
    "lumbar-extension-wall-high": _WALL_EXTENSION,
    "quadruped-glute-activation": RungFacts("hands_and_knees"),
    "shallow-squat": _STANDING,
    "squat": _STANDING,
    "supported-split-lunge": _STANDING,
    "lunge": _STANDING,
    "reverse-lunge": _STANDING,
    "seated-ankle-circles": RungFacts("sitting"),
    "ankle-calf-mobility": _STANDING,
    "ankle-rocks-with-calf-raises": _STANDING,
    "core-engagement": _ON_BACK,
    "bent-knee-march": _ON_BACK,
}


def rung_facts(level_id: str) -> RungFacts:
    """The facts of one rung; a rung missing from the table is a data error, not a guess."""
    try:
        return RUNG_FACTS[level_id]
    except KeyError:
        raise DataError(
            f"ladder level {level_id!r} has no entry in exercise_positions.RUNG_FACTS: "
            "add its position there"
        ) from None
