"""Today's routine: safety refusals, pattern rules, equipment, the time budget, the reasons."""

from typing import Any

import pytest

from backstride.domain.catalogue import Catalogue, load_catalogue
from backstride.domain.prescription import starting_prescription
from backstride.domain.routine_builder import RoutineRequest, build_routine
from backstride.domain.session import timeline, total_duration_s
from backstride.errors import InvalidInput, SafetyRefusal

ALL_KIT = frozenset({"mat", "stability_ball", "towel", "wall"})


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def request(**changes: Any) -> RoutineRequest:
    base: dict[str, Any] = {
        "triage": "self_care",
        "pattern": "nonspecific_mechanical",
        "owned": ALL_KIT,
        "minutes": 20,
        "goal": "prevent",
        "pain_today": None,
        "prescriptions": {},
    }
    return RoutineRequest(**{**base, **changes})


@pytest.mark.parametrize(
    ("triage", "words"),
    [
        (None, "run 'backstride screen' first"),
        ("emergency", "emergency department"),
        ("urgent_doctor", "see a doctor within days"),
    ],
)
def test_no_routine_without_a_safe_screening(
    catalogue: Catalogue, triage: str | None, words: str
) -> None:
    with pytest.raises(SafetyRefusal, match=words) as caught:
        build_routine(catalogue, request(triage=triage))
    assert caught.value.exit_code == 3


def test_the_seed_circuit_fits_the_time_budget(catalogue: Catalogue) -> None:
    for minutes in (10, 20, 30, 45):
        routine = build_routine(catalogue, request(minutes=minutes))
        assert 3 <= routine.rounds <= 5
        assert routine.rest_between_exercises_s == 30
        assert total_duration_s(timeline(routine)) <= minutes * 60
    longer = build_routine(catalogue, request(minutes=45))
    shorter = build_routine(catalogue, request(minutes=10))
    assert len(longer.items) * longer.rounds > len(shorter.items) * shorter.rounds


def test_prevent_opens_with_the_s000_circuit_in_its_order(catalogue: Catalogue) -> None:
    routine = build_routine(catalogue, request(minutes=40))
    ids = [item.exercise.id for item in routine.items]
    assert ids[:5] == [
        "plank",
        "ball-back-extension",
        "ball-reverse-leg-raise",
        "glute-bridge",
        "locust",
    ]


def test_every_item_explains_itself_with_its_dose_source(catalogue: Catalogue) -> None:
    routine = build_routine(catalogue, request())
    for item in routine.items:
        assert item.exercise.name in item.reason
        assert item.prescription.dose_source in item.reason
    assert any("000_f99d85ccd3986074.txt" in reason for reason in routine.reasons)


def test_equipment_limits_the_choice(catalogue: Catalogue) -> None:
    routine = build_routine(catalogue, request(owned=frozenset(), minutes=45))
    assert routine.items
    assert all(item.exercise.equipment == ["none"] for item in routine.items)
    with_mat = build_routine(catalogue, request(owned=frozenset({"mat"}), minutes=45))
    assert all("stability_ball" not in item.exercise.equipment for item in with_mat.items)


def test_see_clinician_gets_a_low_load_routine(catalogue: Catalogue) -> None:
    routine = build_routine(
        catalogue, request(triage="see_clinician", pattern="radicular", minutes=45)
    )
    assert routine.low_load and routine.rounds == 2
    assert all(not item.optional for item in routine.items)
    assert all(item.exercise.category != "back_extensors" for item in routine.items)
    assert any("low-load" in reason for reason in routine.reasons)


def test_spasm_starts_with_gentle_range_of_movement(catalogue: Catalogue) -> None:
    routine = build_routine(catalogue, request(pattern="spasm", minutes=30))
    assert [item.exercise.id for item in routine.items][:2] == [
        "knee-to-chest",
        "abdominal-draw-in",
    ]
    assert all(item.exercise.patterns["spasm"].fit != "avoid" for item in routine.items)


def test_radicular_nerve_tensioning_moves_are_optional_and_last(catalogue: Catalogue) -> None:
    routine = build_routine(catalogue, request(pattern="radicular", goal="ease", minutes=120))
    flags = [item.optional for item in routine.items]
    assert flags == sorted(flags)  # required first, then optional
    optional = {item.exercise.id for item in routine.items if item.optional}
    assert "towel-hamstring-stretch" in optional or "hollow-hold" in optional
    assert any("optional" in reason for reason in routine.reasons)


def test_pain_of_7_gives_gentle_moves_only(catalogue: Catalogue) -> None:
    routine = build_routine(catalogue, request(pain_today=7, minutes=30))
    assert {item.exercise.category for item in routine.items} <= {
        "mobility",
        "stretch",
        "activation",
        "core",
    }
    assert any("check-in" in reason for reason in routine.reasons)
    calm = build_routine(catalogue, request(pain_today=6, minutes=30))
    assert calm.rounds >= 3


def test_minutes_out_of_range(catalogue: Catalogue) -> None:
    with pytest.raises(InvalidInput, match="give 5 to 120"):
        build_routine(catalogue, request(minutes=2))


def test_a_routine_longer_than_the_budget_says_so(catalogue: Catalogue) -> None:
    fits = build_routine(catalogue, request(minutes=5, owned=frozenset({"mat"})))
    assert total_duration_s(timeline(fits)) <= 5 * 60
    assert not any("more than the" in reason for reason in fits.reasons)
    long_holds = starting_prescription(catalogue.get("knee-to-chest")).with_dose(4, 30)
    over = build_routine(
        catalogue,
        request(minutes=5, goal="ease", prescriptions={"knee-to-chest": long_holds}),
    )
    assert [item.exercise.id for item in over.items] == ["knee-to-chest"]
    assert total_duration_s(timeline(over)) > 5 * 60
    assert any("more than the 5 you have" in reason for reason in over.reasons)
