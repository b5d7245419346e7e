"""The runner's profile refuses bad values, and its command-line forms read back what they write."""

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from backstride.domain.profile import (
    EQUIPMENT_ITEMS,
    RUN_TYPES,
    WEEKDAYS,
    Profile,
    RunDay,
    format_run_days,
    parse_equipment,
    parse_run_days,
)
from backstride.errors import InvalidInput, UnknownName

EXAMPLE = "tue:easy@07:00,thu:intervals@18:00,sat:long@08:00"


def test_defaults() -> None:
    profile = Profile()
    assert profile.name is None
    assert profile.units == "km"
    assert profile.birth_year is None
    assert profile.equipment == []
    assert profile.run_days == []
    assert RunDay(day="mon") == RunDay(day="mon", type="easy", start=None)


def test_weekdays_run_monday_to_sunday() -> None:
    assert WEEKDAYS == ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    assert EQUIPMENT_ITEMS == ("mat", "stability_ball", "towel", "wall")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"shoe_size": 42}, "shoe_size"),
        ({"birth_year": 1899}, "birth_year"),
        ({"birth_year": 2101}, "birth_year"),
        ({"birth_year": "1980"}, "birth_year"),
        ({"units": "miles"}, "units"),
        ({"name": "x" * 81}, "name"),
        ({"equipment": ["dumbbell"]}, "unknown equipment 'dumbbell'"),
        ({"equipment": ["none"]}, "unknown equipment 'none'"),
        ({"equipment": ["mat", "mat"]}, "'mat' listed more than once"),
        (
            {"run_days": [{"day": "tue"}, {"day": "tue", "type": "long"}]},
            "'tue' listed more than once",
        ),
        ({"run_days": [{"day": "tuesday"}]}, "day"),
        ({"run_days": [{"day": "tue", "type": "jog"}]}, "type"),
        ({"run_days": [{"day": "tue", "start": "7:00"}]}, "'7:00' is not valid"),
    ],
)
def test_profile_refuses(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Profile.model_validate(fields)


def test_name_of_80_characters_is_fine() -> None:
    assert Profile(name="x" * 80).name == "x" * 80


@pytest.mark.parametrize("start", ["24:00", "23:60", "7:00", "07:00:00", "7am", ""])
def test_run_day_refuses_bad_start(start: str) -> None:
    with pytest.raises(ValidationError, match="24-hour HH:MM"):
        RunDay(day="mon", start=start)


@pytest.mark.parametrize("start", ["00:00", "07:05", "19:59", "23:59"])
def test_run_day_takes_good_start(start: str) -> None:
    assert RunDay(day="mon", start=start).start == start


def test_profile_sorts_run_days_and_equipment() -> None:
    profile = Profile(
        equipment=["wall", "mat"],
        run_days=[RunDay(day="sun"), RunDay(day="mon"), RunDay(day="wed")],
    )
    assert profile.equipment == ["mat", "wall"]
    assert [run.day for run in profile.run_days] == ["mon", "wed", "sun"]


def test_profile_is_frozen() -> None:
    with pytest.raises(ValidationError):
        setattr(Profile(), "units", "mi")  # noqa: B010


def test_with_changes_returns_a_validated_copy() -> None:
    before = Profile(name="Ana", equipment=["mat"])
    after = before.with_changes(units="mi", run_days=parse_run_days("sat:long,tue"))
    assert after.units == "mi"
    assert after.name == "Ana"
    assert [run.day for run in after.run_days] == ["tue", "sat"]
    assert before == Profile(name="Ana", equipment=["mat"])


@pytest.mark.parametrize(
    "changes",
    [
        {"units": "miles"},
        {"birth_year": 1899},
        {"equipment": ["dumbbell"]},
        {"colour": "blue"},
        {"run_days": [{"day": "mon"}, {"day": "mon"}]},
    ],
)
def test_with_changes_refuses_bad_values(changes: dict[str, Any]) -> None:
    before = Profile(name="Ana", birth_year=1985, equipment=["mat"])
    with pytest.raises(ValidationError):
        before.with_changes(**changes)
    assert before == Profile(name="Ana", birth_year=1985, equipment=["mat"])


def test_parse_run_days_reads_the_example() -> None:
    assert parse_run_days(EXAMPLE) == [
        RunDay(day="tue", type="easy", start="07:00"),
        RunDay(day="thu", type="intervals", start="18:00"),
        RunDay(day="sat", type="long", start="08:00"),
    ]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("Tuesday:EASY", RunDay(day="tue")),
        ("TUE:Long", RunDay(day="tue", type="long")),
        ("wednesday", RunDay(day="wed")),
        ("Thurs:race@09:30", RunDay(day="thu", type="race", start="09:30")),
        ("sat", RunDay(day="sat")),
        ("sat@08:00", RunDay(day="sat", start="08:00")),
        (" sun : rest ", RunDay(day="sun", type="rest")),
    ],
)
def test_parse_run_days_takes_any_case_full_names_and_omitted_type(
    spec: str, expected: RunDay
) -> None:
    assert parse_run_days(spec) == [expected]


@pytest.mark.parametrize("spec", ["", "   "])
def test_parse_run_days_empty_means_no_runs(spec: str) -> None:
    assert parse_run_days(spec) == []


def test_parse_run_days_suggests_the_day_meant() -> None:
    with pytest.raises(UnknownName, match="'tus'") as caught:
        parse_run_days("mon,tus:easy")
    assert "tue" in caught.value.suggestions
    assert "did you mean 'tue'" in str(caught.value)


def test_parse_run_days_refuses_an_unknown_type() -> None:
    with pytest.raises(UnknownName, match="unknown run type 'tempo'.*valid: easy, long"):
        parse_run_days("tue:tempo")


@pytest.mark.parametrize("start", ["25:00", "7am"])
def test_parse_run_days_refuses_a_bad_time(start: str) -> None:
    with pytest.raises(InvalidInput, match=f"'tue:easy@{start}'.*HH:MM"):
        parse_run_days(f"tue:easy@{start}")


@pytest.mark.parametrize(
    "spec", ["tue:", "tue@", ":easy", "tue::easy", "tue:easy@07:00@08:00", "tue,,thu", "tue,"]
)
def test_parse_run_days_refuses_malformed_parts(spec: str) -> None:
    with pytest.raises(InvalidInput):
        parse_run_days(spec)


@pytest.mark.parametrize("spec", ["tue,tue:long", "tue:easy,Tuesday:long@18:00"])
def test_parse_run_days_refuses_a_duplicate_day(spec: str) -> None:
    with pytest.raises(InvalidInput, match="'tue' given more than once"):
        parse_run_days(spec)


def test_format_run_days_writes_the_example() -> None:
    assert format_run_days(parse_run_days(EXAMPLE)) == EXAMPLE
    assert format_run_days([RunDay(day="sat")]) == "sat:easy"
    assert format_run_days([]) == ""


run_days_lists = st.lists(st.sampled_from(WEEKDAYS), unique=True).flatmap(
    lambda days: st.tuples(
        *[
            st.builds(
                RunDay,
                day=st.just(day),
                type=st.sampled_from(RUN_TYPES),
                start=st.none()
                | st.builds(
                    "{:02d}:{:02d}".format,
                    st.integers(0, 23),
                    st.integers(0, 59),
                ),
            )
            for day in days
        ]
    ).map(list)
)


@given(run_days_lists)
def test_parse_reads_back_what_format_writes(days: list[RunDay]) -> None:
    assert parse_run_days(format_run_days(days)) == days
    assert Profile(run_days=days).run_days == sorted(days, key=lambda r: WEEKDAYS.index(r.day))


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("mat", ["mat"]),
        ("stability ball", ["stability_ball"]),
        ("Stability-Ball, towel", ["stability_ball", "towel"]),
        ("wall,mat", ["wall", "mat"]),
        ("none", []),
        ("None", []),
        ("", []),
    ],
)
def test_parse_equipment(spec: str, expected: list[str]) -> None:
    assert parse_equipment(spec) == expected
    assert Profile(equipment=parse_equipment(spec)).equipment == sorted(
        expected, key=EQUIPMENT_ITEMS.index
    )


def test_parse_equipment_suggests_the_item_meant() -> None:
    with pytest.raises(UnknownName, match="did you mean 'stability-ball'"):
        parse_equipment("mat,stabilty ball")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("dumbbell", "unknown equipment 'dumbbell'"),
        ("none,mat", "'none' cannot be listed"),
        ("mat,Mat", "'mat' given more than once"),
        ("mat,,wall", "empty equipment item"),
    ],
)
def test_parse_equipment_refuses(spec: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_equipment(spec)
