"""One runner's clock: a run at 23:30 in UTC+10 lands on the same day in every command."""

import json
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from screening_base import CALM
from stored_runs import store_activity

from backstride.cli.app import run
from backstride.cli.local_action import local_action
from backstride.domain.activity import Activity, Sample
from backstride.domain.local_time import local_day, local_start, zone_named
from backstride.domain.screening import screen
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.errors import InvalidInput
from backstride.services.screening import record_screening

BRISBANE = timezone(timedelta(hours=10))  # UTC+10 all year (no daylight saving)


def test_the_device_offset_wins_then_the_runners_zone() -> None:
    start = datetime(2026, 11, 24, 13, 30, tzinfo=UTC)  # 23:30 in UTC+10
    assert local_start(start, 600, UTC).date().isoformat() == "2026-11-24"
    assert local_start(start, None, BRISBANE).hour == 23
    assert local_start(start, None, UTC).hour == 13
    assert local_day(start + timedelta(hours=1), BRISBANE).isoformat() == "2026-11-25"
    assert local_start(start, 5_000, BRISBANE).hour == 23  # an impossible offset is ignored


def test_an_unknown_zone_is_named_with_suggestions() -> None:
    with pytest.raises(InvalidInput, match="unknown time zone 'brisbane'.*Australia/Brisbane"):
        zone_named("brisbane")


def _cadence_run(start: datetime, offset: int | None) -> Activity:
    samples = tuple(
        Sample(float(t), t * 3.0, cadence_spm=170.0) for t in range(0, 2401, 10)
    )  # 40 min at 3 m/s (5:33 /km), 170 spm
    return Activity("late.fit", "running", None, start, offset, 2400.0, 7200.0, samples)


@pytest.fixture
def machine_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Set this process's zone (TZ) for one test, and put it back after."""

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("offset", [600, None])
@pytest.mark.parametrize(
    ("weekday", "clock", "machine"),
    [
        (6, (23, 30), "Pacific/Kiritimati"),  # Sunday 23:30 in UTC+10 is Monday on a UTC+14 box
        (0, (7, 30), "UTC"),  # Monday 07:30 in UTC+10 is still Sunday in UTC
    ],
)
def test_a_run_near_midnight_lands_on_the_same_day_in_runs_load_plan_and_cadence(
    capsys: pytest.CaptureFixture[str],
    machine_zone: Callable[[str], None],
    offset: int | None,
    weekday: int,
    clock: tuple[int, int],
    machine: str,
) -> None:
    machine_zone(machine)
    now = datetime.now(UTC)
    here = now.astimezone(BRISBANE)
    monday = (here - timedelta(days=here.weekday() + 14)).replace(
        hour=clock[0], minute=clock[1], second=0, microsecond=0
    )
    start = monday + timedelta(days=weekday)
    assert run(["profile", "--time-zone", "Australia/Brisbane"]) == 0
    with local_action(now - timedelta(days=20)) as action:
        record_screening(action, screen(ScreeningAnswers(**CALM)), "screen")
    store_activity(_cadence_run(start.astimezone(UTC), offset))
    day = start.date()
    week = (day - timedelta(days=day.weekday())).isoformat()
    capsys.readouterr()

    assert run(["runs", "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["start"].startswith(f"{day.isoformat()}T{clock[0]:02d}:{clock[1]:02d}")

    assert run(["load", "--json"]) == 0
    weeks = {w["week_start"]: w["total"] for w in json.loads(capsys.readouterr().out)["weeks"]}
    assert weeks[week] == pytest.approx(7.2)

    assert run(["cadence", "--json"]) == 0
    assert [r["day"] for r in json.loads(capsys.readouterr().out)["runs"]] == [day.isoformat()]

    assert run(["plan", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["source"] == "imported runs"
    run_days = {d["weekday"] for d in plan["days"] if any(i["kind"] == "run" for i in d["items"])}
    assert run_days == {("mon", "sun")[weekday == 6]}


def test_screening_dates_are_shown_on_the_runners_clock(
    capsys: pytest.CaptureFixture[str], machine_zone: Callable[[str], None]
) -> None:
    machine_zone("UTC")
    assert run(["profile", "--time-zone", "Pacific/Auckland"]) == 0
    taken = datetime(2026, 11, 30, 12, 30, tzinfo=UTC)  # 01:30 on 1 Dec in Auckland
    with local_action(taken) as action:
        record_screening(action, screen(ScreeningAnswers(**CALM)), "screen")
    capsys.readouterr()
    assert run(["screen", "--history"]) == 0
    assert "2026-12-01 01:30" in capsys.readouterr().out
