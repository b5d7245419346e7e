"""The strict exercise model refuses every malformed file with a message naming the field."""

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from backstride.domain.exercise import Exercise, Span

SEED = "002_b171ee446bc31386.txt"


def valid_raw() -> dict[str, Any]:
    """A small valid exercise, as a TOML file would parse."""
    fit = {"fit": "suitable", "reason": "fine for this pattern", "source": "NG59"}
    return {
        "id": "test-move",
        "family": "F10",
        "name": "Test move",
        "category": "core",
        "summary": "A move used only by the tests.",
        "described_by_seeds": True,
        "seeds": [SEED],
        "starting_position": "Lie on your back.",
        "steps": ["Do the thing."],
        "cues": ["Breathe."],
        "common_mistakes": ["Rushing."],
        "equipment": ["mat"],
        "target_muscles": ["abdominals"],
        "mode": "reps_with_hold",
        "sides": "both",
        "doses": [
            {
                "source": SEED,
                "default": True,
                "summary": "1 s, 8-12 reps",
                "reps": [8, 12],
                "hold_s": 1,
            }
        ],
        "cautions": [{"text": "Go gently.", "source": SEED}],
        "stop_signs": [{"text": "Sharp pain.", "source": "DOMAIN.md 2.4"}],
        "patterns": {
            p: dict(fit)
            for p in (
                "spasm",
                "radicular",
                "arthritic_degenerative",
                "inflammatory",
                "nonspecific_mechanical",
            )
        },
    }


def test_the_valid_example_validates() -> None:
    exercise = Exercise.model_validate(valid_raw())
    assert exercise.default_dose.reps == Span(low=8, high=12)
    assert exercise.default_dose.hold_s == Span(low=1, high=1)
    assert exercise.default_dose.from_seed
    assert exercise.level_ids == ["test-move"]


def _broken(change: str) -> dict[str, Any]:
    raw = copy.deepcopy(valid_raw())
    if change == "unknown field":
        raw["colour"] = "blue"
    elif change == "bad id":
        raw["id"] = "Test_Move"
    elif change == "bad family":
        raw["family"] = "F22"
    elif change == "unknown source":
        raw["doses"][0]["source"] = "some-blog.txt"
    elif change == "no default dose":
        raw["doses"][0]["default"] = False
    elif change == "two default doses":
        raw["doses"].append(dict(raw["doses"][0]))
    elif change == "missing pattern":
        del raw["patterns"]["radicular"]
    elif change == "unknown pattern":
        raw["patterns"]["sciatica"] = raw["patterns"]["spasm"]
    elif change == "backwards range":
        raw["doses"][0]["reps"] = [12, 8]
    elif change == "reps as text":
        raw["doses"][0]["reps"] = "8-12"
    elif change == "hold mode without hold":
        del raw["doses"][0]["hold_s"]
    elif change == "none with other equipment":
        raw["equipment"] = ["none", "mat"]
    elif change == "unknown equipment":
        raw["equipment"] = ["dumbbell"]
    elif change == "seed file unknown":
        raw["seeds"] = ["005_nothing.txt"]
    elif change == "standard without note":
        raw["described_by_seeds"] = False
    elif change == "ladder without base":
        raw["ladder"] = [{"id": "other", "name": "Other", "change": "harder", "source": SEED}]
    elif change == "no steps":
        raw["steps"] = []
    return raw


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("unknown field", "colour"),
        ("bad id", "id"),
        ("bad family", "family"),
        ("unknown source", "some-blog.txt"),
        ("no default dose", "exactly one dose must be the default, found 0"),
        ("two default doses", "found 2"),
        ("missing pattern", "no pattern fit for radicular"),
        ("unknown pattern", "sciatica"),
        ("backwards range", "runs backwards"),
        ("reps as text", "reps"),
        ("hold mode without hold", "needs hold_s"),
        ("none with other equipment", "'none' cannot be listed"),
        ("unknown equipment", "dumbbell"),
        ("seed file unknown", "005_nothing.txt"),
        ("standard without note", "description_note"),
        ("ladder without base", "base level 'test-move'"),
        ("no steps", "steps"),
    ],
)
def test_malformed_exercise_is_refused_naming_the_problem(change: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Exercise.model_validate(_broken(change))
    assert message in str(caught.value)


def test_span_prints_like_the_seed() -> None:
    assert str(Span.model_validate([8, 12])) == "8-12"
    assert str(Span.model_validate(15)) == "15"


def test_exercise_is_frozen() -> None:
    exercise = Exercise.model_validate(valid_raw())
    with pytest.raises(ValidationError):
        exercise.name = "changed"
