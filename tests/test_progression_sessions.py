"""Progression v2 over real session logs: baseline, the session as one, cuts, rises, skips."""

import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from screening_base import CALM

from backstride.domain.catalogue import load_catalogue
from backstride.domain.pain import PainEntry, PainWhen
from backstride.domain.prescription import Prescription, starting_prescription
from backstride.domain.progression import Decision
from backstride.domain.progression_history import current_decisions, planned_document
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.domain.session_record import ExerciseLog, SessionRecord
from backstride.storage.screenings import StoredScreening

CATALOGUE = load_catalogue()
START = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # a Monday, 07:00


@pytest.fixture(autouse=True)
def utc_days(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Session days are local days: pin the zone so they match the UTC pain entries."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def start(exercise_id: str) -> Prescription:
    return starting_prescription(CATALOGUE.get(exercise_id))


def morning(day: int, score: int, when: PainWhen = "morning") -> PainEntry:
    return PainEntry(START + timedelta(days=day), score, when)


def steady_mornings(score: int, days: int = 35) -> list[PainEntry]:
    """`days` mornings at `score`, the last one the day before day 0."""
    return [morning(-d, score) for d in range(days, 0, -1)]


DONE: dict[str, Any] = {"work_planned": 6, "work_done": 6, "work_skipped": 0}
SKIPPED: dict[str, Any] = {"work_planned": 6, "work_done": 0, "work_skipped": 6}


@dataclass
class Runner:
    """A runner's history built session by session, each dose taken from the last decisions."""

    entries: list[PainEntry]
    sessions: list[SessionRecord] = field(default_factory=list)
    decisions: dict[str, Decision] = field(default_factory=dict)
    screening: StoredScreening | None = None

    def session(
        self, day: int, pain: dict[str, int | None], done: dict[str, Any] | None = None
    ) -> None:
        """A session at 10:00 on `day` with these chains, pain during each as given."""
        started = START + timedelta(days=day, hours=3)
        logs = []
        for position, (chain, pain_during) in enumerate(pain.items()):
            decision = self.decisions.get(chain)
            prescription = decision.prescription if decision else start(chain)
            logs.append(
                ExerciseLog(
                    position,
                    prescription.exercise_id,
                    prescription.level_id,
                    planned_document(prescription, decision),
                    dict(done if done is not None else DONE),
                    pain_during,
                )
            )
        record = SessionRecord(started, started + timedelta(minutes=20), 1200.0, True, 3, {})
        self.sessions.append(replace(record, logs=tuple(logs)))

    def decide(self, today: int) -> dict[str, Decision]:
        """Today's decisions, kept for the doses of the next session."""
        record = self.screening.record() if self.screening is not None else None
        self.decisions = current_decisions(
            CATALOGUE,
            self.sessions,
            self.entries,
            record,
            START.date() + timedelta(today),
            cleared_by=record,
        )
        return self.decisions


def screening_on(day: int) -> StoredScreening:
    answers = ScreeningAnswers.model_validate(CALM)
    return StoredScreening(
        "s1", START + timedelta(days=day, hours=5), "full", "self_care", "", [], "2", answers
    )


# --- 1. the settled baseline -------------------------------------------------------------------


def test_a_ten_day_flare_is_not_the_new_usual() -> None:
    """Mornings at 3 for weeks, then 5 for ten days: next-morning 5 is above the usual 3."""
    runner = Runner(steady_mornings(3) + [morning(d, 5) for d in range(0, 11)])
    runner.session(8, {"plank": 2})
    runner.session(9, {"plank": 2})
    plank = runner.decide(10)["plank"]
    assert plank.numbers["baseline"] == 3.0
    assert plank.action == "regress", plank.reason
    assert "usual 3.0" in plank.reason


# --- 2. the session decides together -----------------------------------------------------------


def test_high_pain_in_one_exercise_holds_every_other_one() -> None:
    runner = Runner(steady_mornings(3) + [morning(d, 3) for d in range(0, 4)])
    for day in (0, 1):
        runner.session(day, {"plank": 2, "glute-bridge": 2, "locust": 8})
        decisions = runner.decide(day + 1)
    assert decisions["locust"].action == "regress"
    for chain in ("plank", "glute-bridge"):
        decision = decisions[chain]
        assert decision.action == "hold", decision.reason
        assert decision.rule == "B1"
        assert "Locust pose" in decision.reason and "8" in decision.reason
        assert decision.numbers["session_pain_during_max"] == 8


# --- 3. regression at the easiest rung cuts volume, then stops the exercise ---------------------


def test_regression_at_the_easiest_rung_cuts_the_dose() -> None:
    runner = Runner(steady_mornings(3) + [morning(0, 3), morning(1, 3)])
    runner.session(0, {"glute-bridge": 6})
    bridge = runner.decide(1)["glute-bridge"]
    assert bridge.action == "regress"
    assert bridge.prescription != start("glute-bridge")
    assert "stay there" not in bridge.reason
    assert not bridge.excluded and not bridge.suggest_clinician


def test_two_regressions_in_a_row_leave_the_exercise_out_until_a_new_screening() -> None:
    runner = Runner(steady_mornings(3) + [morning(d, 3) for d in range(0, 12)])
    runner.session(0, {"glute-bridge": 6, "plank": 2})
    assert runner.decide(1)["glute-bridge"].action == "regress"
    runner.session(1, {"glute-bridge": 7, "plank": 2})
    bridge = runner.decide(2)["glute-bridge"]
    assert (bridge.action, bridge.rule, bridge.excluded, bridge.suggest_clinician) == (
        "regress",
        "X1",
        True,
        True,
    )
    # Left out of the next sessions: the decision stays until something clears it.
    for day in range(2, 6):
        runner.session(day, {"plank": 2})
        assert runner.decide(day + 1)["glute-bridge"].excluded
    runner.screening = screening_on(6)
    cleared = runner.decide(7)["glute-bridge"]
    assert not cleared.excluded and not cleared.suggest_clinician
    assert cleared.prescription.reps <= start("glute-bridge").reps
    assert "2026-03-08" in cleared.reason


def test_a_screening_before_the_bad_session_clears_nothing() -> None:
    runner = Runner(steady_mornings(3) + [morning(d, 3) for d in range(0, 4)])
    runner.screening = screening_on(-1)
    runner.session(0, {"glute-bridge": 6})
    runner.decide(1)
    runner.session(1, {"glute-bridge": 6})
    assert runner.decide(2)["glute-bridge"].excluded


# --- 4. the week-on-week rise, on morning entries alone -----------------------------------------


def test_evening_pain_rising_does_not_count_as_a_morning_rise() -> None:
    evenings = [morning(-d, 2, "evening") for d in range(13, 6, -1)]
    evenings += [morning(-d, 6, "evening") for d in range(6, -2, -1)]
    runner = Runner(steady_mornings(3) + [morning(0, 3), morning(1, 3), morning(2, 3)] + evenings)
    runner.session(0, {"plank": 2})
    runner.session(1, {"plank": 2})
    plank = runner.decide(2)["plank"]
    assert plank.action == "progress", plank.reason


def test_a_one_point_morning_rise_over_the_week_blocks_progression() -> None:
    """Four mornings at 6 in a week of 4s: the mean rises 1.1 (29 %), short of the MIC."""
    mornings = [morning(-d, 4) for d in range(40, 4, -1)] + [
        morning(-d, 6) for d in range(4, 0, -1)
    ]
    runner = Runner(mornings + [morning(0, 4), morning(1, 4), morning(2, 4)])
    runner.session(0, {"plank": 2})
    runner.session(1, {"plank": 2})
    plank = runner.decide(2)["plank"]
    assert (plank.action, plank.rule) == ("hold", "B2"), plank.reason
    assert plank.numbers["rise_points"] == pytest.approx(8 / 7)
    assert plank.numbers["rise_regresses"] is False
    assert "4.0" in plank.reason and "5.1" in plank.reason


def test_a_morning_rise_of_the_minimal_important_change_regresses() -> None:
    """Four mornings at 7 in a week of 3s: +2.3 points reaches the MIC, so the dose comes down."""
    mornings = [morning(-d, 3) for d in range(40, 4, -1)] + [
        morning(-d, 7) for d in range(4, 0, -1)
    ]
    runner = Runner(mornings + [morning(0, 3), morning(1, 3), morning(2, 3)])
    runner.session(0, {"plank": 2})
    runner.session(1, {"plank": 2})
    plank = runner.decide(2)["plank"]
    assert (plank.action, plank.rule) == ("regress", "R2"), plank.reason
    assert plank.numbers["rise_regresses"] is True
    assert plank.prescription.hold_s is not None and plank.prescription.hold_s < 45


# --- 5. a regressed exercise does not come back higher while pain rises -------------------------


def test_locust_regressed_does_not_come_back_higher_as_pain_rises() -> None:
    mornings = steady_mornings(3) + [morning(d, min(10, 4 + d // 2)) for d in range(0, 16)]
    runner = Runner(mornings)
    runner.session(0, {"plank": 2, "locust": 6})
    runner.decide(1)
    lowest: dict[str, Prescription] = {}
    for day in range(1, 15):
        decisions = runner.decide(day)
        locust = decisions["locust"]
        assert locust.action != "progress", (day, locust.reason)
        if not locust.excluded:
            floor = lowest.setdefault("locust", locust.prescription)
            assert locust.prescription.hold_s is not None and floor.hold_s is not None
            assert locust.prescription.hold_s <= floor.hold_s, (day, locust.reason)
            lowest["locust"] = locust.prescription
        chains: dict[str, int | None] = {"plank": 3}
        if not locust.excluded:
            chains["locust"] = 3
        runner.session(day, chains)
    assert runner.decide(15)["locust"].excluded


def test_a_ladder_left_out_during_a_flare_does_not_return_higher_once_it_ages_out() -> None:
    """Two green bridge sessions, then a week of mornings at 7 while it is left out.

    Ten days later the flare is outside the 14 days a trend looks at; the bridge's last two
    sessions were green, but the rise came after them, so it must not come back one step up.
    """
    mornings = steady_mornings(3) + [morning(d, 3) for d in range(0, 3)]
    mornings += [morning(d, 7) for d in range(3, 9)] + [morning(d, 3) for d in range(9, 25)]
    runner = Runner(mornings)
    runner.session(0, {"glute-bridge": 2, "knee-to-chest": 2})
    runner.session(1, {"glute-bridge": 2, "knee-to-chest": 2})
    for day in range(2, 24):
        runner.session(day, {"knee-to-chest": 2})  # gentle only: the bridge is left out
    bridge = runner.decide(24)["glute-bridge"]
    assert bridge.action != "progress", bridge.reason
    assert bridge.prescription.reps <= start("glute-bridge").reps
    assert bridge.rule == "R2"


def test_a_chain_whose_last_log_is_on_a_lower_rung_stays_there() -> None:
    side = starting_prescription(CATALOGUE.get("side-plank"))
    runner = Runner(steady_mornings(3) + [morning(d, 3) for d in range(0, 10)])
    runner.decisions = {
        "plank": Decision("hold", side, "set by the test (DOMAIN.md 2.4).", "H3", False, {})
    }
    runner.session(0, {"plank": 6})
    down = runner.decide(1)["plank"]
    assert (down.action, down.prescription.exercise_id) == ("regress", "plank")
    runner.session(1, {"plank": 2})
    for day in range(2, 6):
        runner.session(day, {"glute-bridge": 2})
        plank = runner.decide(day + 1)["plank"]
        assert plank.prescription.exercise_id == "plank", plank.reason
        assert plank.action != "progress"


# --- 6. a log with nothing done is not a green session ------------------------------------------


def test_sessions_with_every_hold_skipped_do_not_raise_the_dose() -> None:
    runner = Runner(steady_mornings(3) + [morning(0, 3), morning(1, 3), morning(2, 3)])
    runner.session(0, {"plank": 2}, SKIPPED)
    runner.session(1, {"plank": 2}, SKIPPED)
    plank = runner.decide(2)["plank"]
    assert (plank.action, plank.rule) == ("hold", "H2"), plank.reason
    assert plank.prescription == start("plank")
    assert plank.numbers["work_done"] == 0


def test_one_skipped_session_between_two_green_ones_is_not_two_in_a_row() -> None:
    runner = Runner(steady_mornings(3) + [morning(d, 3) for d in range(0, 4)])
    runner.session(0, {"plank": 2})
    runner.session(1, {"plank": 2}, SKIPPED)
    runner.session(2, {"plank": 2})
    assert runner.decide(3)["plank"].action == "hold"
