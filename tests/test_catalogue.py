"""The packaged catalogue: all 21 families, seed doses exactly as given, sound ladders."""

import shutil
from pathlib import Path
from typing import Any

import pytest

from backstride.domain.catalogue import Catalogue, load_catalogue
from backstride.domain.exercise import Exercise, Span
from backstride.domain.patterns import PATTERNS
from backstride.domain.sources import is_seed
from backstride.errors import DataError, UnknownName

EXERCISE_DIR = Path(__file__).resolve().parent.parent / "backstride" / "data" / "exercises"

S000, S001, S002, S003 = (
    "000_f99d85ccd3986074.txt",
    "001_69012fdd480ec1fe.txt",
    "002_b171ee446bc31386.txt",
    "003_258de63b44b222a3.txt",
)

# DOMAIN.md 1.6: the 21 families, by number, with the id each one has here.
FAMILIES = {
    "F01": "plank",
    "F02": "side-plank",
    "F03": "ball-back-extension",
    "F04": "ball-reverse-leg-raise",
    "F05": "glute-bridge",
    "F06": "locust",
    "F07": "hollow-hold",
    "F08": "glute-squeeze",
    "F09": "hip-flexor-twist",
    "F10": "partial-crunch",
    "F11": "towel-hamstring-stretch",
    "F12": "wall-sit",
    "F13": "knee-to-chest",
    "F14": "bird-dog",
    "F15": "abdominal-draw-in",
    "F16": "lumbar-extension-wall",
    "F17": "quadruped-glute-activation",
    "F18": "squat",
    "F19": "lunge",
    "F20": "ankle-calf-mobility",
    "F21": "core-engagement",
}
NAME_ONLY = {"F18", "F19", "F20", "F21"}
NO_SEED_DOSE = {"F02", "F08", "F16", "F17"} | NAME_ONLY

# DOMAIN.md 1.6, "Dose exactly as stated": (family, seed, the numbers that seed gives).
SEED_DOSES: list[tuple[str, str, dict[str, Any]]] = [
    (
        "F01",
        S000,
        {"hold_s": (45, 60), "reps": (3, 5), "sets": (3, 5), "rest_between_exercises_s": 30},
    ),
    ("F03", S000, {"reps": (12, 15)}),
    ("F04", S000, {"reps": (15, 15)}),
    ("F05", S000, {"hold_s": (3, 3), "reps": (15, 15)}),
    ("F05", S002, {"hold_s": (6, 6), "rest_between_reps_s": (10, 10), "reps": (8, 12)}),
    ("F06", S000, {"hold_s": (30, 30), "rest_between_reps_s": (5, 5), "reps": (3, 3)}),
    ("F07", S001, {"hold_s": (10, 10), "reps": (6, 6)}),
    ("F09", S001, {"reps": (30, 30)}),
    ("F10", S002, {"hold_s": (1, 1), "reps": (8, 12)}),
    ("F11", S002, {"hold_s": (15, 30), "reps": (5, 5)}),
    ("F12", S002, {"hold_s": (10, 10), "reps": (8, 12)}),
    ("F13", S002, {"hold_s": (15, 30), "reps": (2, 4)}),
    ("F14", S002, {"hold_s": (5, 5), "reps": (8, 12)}),
    ("F15", S002, {"hold_s": (10, 10), "reps": (8, 12)}),
    ("F15", S003, {"hold_s": (10, 15)}),
]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def by_family(catalogue: Catalogue, family: str) -> Exercise:
    return next(e for e in catalogue.exercises if e.family == family)


def test_one_file_per_family_and_all_21_present(catalogue: Catalogue) -> None:
    assert len(list(EXERCISE_DIR.glob("*.toml"))) == 21
    assert {e.family: e.id for e in catalogue.exercises} == FAMILIES


@pytest.mark.parametrize(("family", "exercise_id"), sorted(FAMILIES.items()))
def test_each_family_is_found_by_its_id(
    catalogue: Catalogue, family: str, exercise_id: str
) -> None:
    assert catalogue.get(exercise_id).family == family


@pytest.mark.parametrize(("family", "seed", "numbers"), SEED_DOSES)
def test_seed_dose_is_kept_exactly_as_given(
    catalogue: Catalogue, family: str, seed: str, numbers: dict[str, Any]
) -> None:
    doses = [d for d in by_family(catalogue, family).doses if d.source == seed]
    assert doses, f"{family} has no dose tagged {seed}"

    def matches(dose: Any) -> bool:
        for field, want in numbers.items():
            got = getattr(dose, field)
            if isinstance(got, Span):
                got = (got.low, got.high)
            if got != want:
                return False
        return True

    assert any(matches(d) for d in doses), f"{family}/{seed}: no dose with {numbers}"


@pytest.mark.parametrize("family", sorted(NO_SEED_DOSE))
def test_families_without_a_seed_dose_never_claim_one(catalogue: Catalogue, family: str) -> None:
    exercise = by_family(catalogue, family)
    assert all(not d.from_seed for d in exercise.doses)
    assert all(d.choice for d in exercise.doses), "say where a non-seed dose comes from"


def test_name_only_families_are_marked_as_standard_descriptions(catalogue: Catalogue) -> None:
    for exercise in catalogue.exercises:
        assert exercise.described_by_seeds == (exercise.family not in NAME_ONLY), exercise.id


def test_every_exercise_rates_all_five_patterns(catalogue: Catalogue) -> None:
    for exercise in catalogue.exercises:
        assert set(exercise.patterns) == set(PATTERNS), exercise.id


def test_nerve_tensioning_moves_are_optional_in_radicular_pain(catalogue: Catalogue) -> None:
    for exercise_id in ("towel-hamstring-stretch", "hollow-hold"):
        assert catalogue.get(exercise_id).patterns["radicular"].fit == "optional"


def test_gentle_range_moves_suit_a_spasm(catalogue: Catalogue) -> None:
    for exercise_id in ("knee-to-chest", "abdominal-draw-in"):
        assert catalogue.get(exercise_id).patterns["spasm"].fit == "suitable"


def test_seed_doses_have_seed_sources_and_seeds_list_them(catalogue: Catalogue) -> None:
    for exercise in catalogue.exercises:
        for dose in exercise.doses:
            if dose.from_seed:
                assert dose.source in exercise.seeds, (exercise.id, dose.source)
        assert all(is_seed(seed) for seed in exercise.seeds)


@pytest.mark.parametrize(
    ("alias", "exercise_id"),
    [
        ("bridging", "glute-bridge"),
        ("Bridging", "glute-bridge"),
        ("pelvic tilt", "abdominal-draw-in"),
        ("Forearm plank", "plank"),
    ],
)
def test_aliases_and_names_find_the_exercise(
    catalogue: Catalogue, alias: str, exercise_id: str
) -> None:
    assert catalogue.get(alias).id == exercise_id


def test_unknown_id_suggests_close_matches(catalogue: Catalogue) -> None:
    with pytest.raises(UnknownName) as caught:
        catalogue.get("plnk")
    assert "plank" in caught.value.suggestions
    assert "'plnk'" in str(caught.value)


def test_plank_leads_to_side_plank(catalogue: Catalogue) -> None:
    ladder = [rung.level_id for rung in catalogue.ladder("plank")]
    assert ladder[0] == "plank"
    assert ladder[-1] == "side-plank"
    assert catalogue.ladder("side-plank") == catalogue.ladder("plank")


def test_bird_dog_goes_from_leg_only_to_opposite_arm(catalogue: Catalogue) -> None:
    assert [r.level_id for r in catalogue.ladder("bird-dog")] == ["bird-dog-leg-only", "bird-dog"]


def test_hollow_hold_ladder_climbs_from_table_top(catalogue: Catalogue) -> None:
    ladder = [rung.level_id for rung in catalogue.ladder("hollow-hold")]
    assert ladder[0] == "hollow-hold"
    assert len(ladder) >= 6


def test_hip_flexor_twist_ladder_starts_from_the_glute_squeeze(catalogue: Catalogue) -> None:
    ladder = [rung.level_id for rung in catalogue.ladder("hip-flexor-twist")]
    assert ladder[0] == "glute-squeeze"
    assert "hip-flexor-twist" in ladder
    assert len(ladder) >= 5


def test_next_and_previous_level_are_inverse_everywhere(catalogue: Catalogue) -> None:
    for exercise in catalogue.exercises:
        for level_id in exercise.level_ids:
            after = catalogue.next_level(level_id)
            if after is not None:
                before = catalogue.previous_level(after.level_id)
                assert before is not None
                assert before.level_id == level_id


def test_every_ladder_is_finite_and_acyclic(catalogue: Catalogue) -> None:
    for exercise in catalogue.exercises:
        rungs = [r.level_id for r in catalogue.ladder(exercise.id)]
        assert len(rungs) == len(set(rungs))
        level = rungs[0]
        steps = 0
        while (after := catalogue.next_level(level)) is not None:
            level = after.level_id
            steps += 1
            assert steps < 100
        assert level == rungs[-1]


def _copy_catalogue(tmp_path: Path) -> Path:
    folder = tmp_path / "exercises"
    shutil.copytree(EXERCISE_DIR, folder)
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_ladder_cycle_is_refused(tmp_path: Path) -> None:
    folder = _copy_catalogue(tmp_path)
    _edit(
        folder / "plank.toml",
        'progresses_to = "side-plank"',
        'progresses_to = "side-plank"\nregresses_to = "side-plank"',
    )
    _edit(
        folder / "side-plank.toml",
        'regresses_to = "plank"',
        'regresses_to = "plank"\nprogresses_to = "plank"',
    )
    with pytest.raises(DataError, match="cycle"):
        load_catalogue(folder)


def test_a_dangling_link_is_refused(tmp_path: Path) -> None:
    folder = _copy_catalogue(tmp_path)
    _edit(folder / "plank.toml", 'progresses_to = "side-plank"', 'progresses_to = "side-plonk"')
    with pytest.raises(DataError, match="side-plonk"):
        load_catalogue(folder)


def test_a_one_way_link_is_refused(tmp_path: Path) -> None:
    folder = _copy_catalogue(tmp_path)
    _edit(folder / "side-plank.toml", 'regresses_to = "plank"', "")
    with pytest.raises(DataError, match="must pair up"):
        load_catalogue(folder)


def test_file_name_must_match_the_id(tmp_path: Path) -> None:
    folder = _copy_catalogue(tmp_path)
    (folder / "plank.toml").rename(folder / "front-plank.toml")
    with pytest.raises(DataError, match="front-plank.toml"):
        load_catalogue(folder)


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    folder = _copy_catalogue(tmp_path)
    (folder / "locust.toml").write_text("id = [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError, match="locust.toml"):
        load_catalogue(folder)


def test_select_by_equipment_category_and_pattern(catalogue: Catalogue) -> None:
    nothing = catalogue.select(owned={"none"})
    assert nothing and all(e.equipment == ["none"] for e in nothing)
    with_mat = catalogue.select(owned={"mat"})
    assert {e.id for e in nothing} < {e.id for e in with_mat}
    assert all("stability_ball" not in e.equipment for e in with_mat)
    core = catalogue.select(category="core")
    assert core and all(e.category == "core" for e in core)
    spasm = catalogue.select(pattern="spasm")
    assert all(e.patterns["spasm"].fit != "avoid" for e in spasm)
    assert len(spasm) < len(catalogue.exercises)
