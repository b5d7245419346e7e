"""Care alerts through the services: each kind, once per event, only to clinicians whose live
link holds the scope (and whom the admin's restriction lets act), seen and acknowledged."""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from screening_base import CALM, answers_with
from sqlalchemy import func, select

from backstride.config import load_settings
from backstride.domain.care import Scope
from backstride.domain.care_alerts import AlertEvent, AlertKind
from backstride.domain.screening import screen
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.errors import NotFound
from backstride.services.care_alerts import acknowledge_alert, my_alerts, raise_alerts
from backstride.services.clinician_role import mark_clinician, set_clinicians_restricted
from backstride.services.context import Action
from backstride.services.pain import edit_pain_entry, log_pain
from backstride.services.screening import check_in_from_json, record_screening
from backstride.storage.accounts import account_of, add_account, set_admin
from backstride.storage.care_links import add_care_link, revoke_care_link
from backstride.storage.database import Database
from backstride.storage.tables import CareAlertRow
from backstride.storage.users import ensure_user

START = datetime(2026, 11, 2, 8, tzinfo=UTC)


@dataclass
class Clinic:
    """A runner, and clinicians linked with the scopes each test gives them."""

    database: Database
    runner: str
    now: datetime = START

    def user(self, login: str) -> str:
        with self.database.transaction() as session:
            user_id = ensure_user(session, login, self.now)
            add_account(session, user_id, login, "not a real hash", False, self.now)
        return user_id

    def link(self, clinician: str, *scopes: Scope) -> str:
        with self.database.transaction() as session:
            return add_care_link(session, self.runner, clinician, frozenset(scopes), self.now).id

    @contextmanager
    def act(self) -> Iterator[Action]:
        with self.database.transaction() as session:
            yield Action(session, self.runner, self.runner, self.now)

    def screened(self, answers: dict[str, object]) -> None:
        self.now += timedelta(minutes=1)  # records in time order, never tied
        with self.act() as action:
            record_screening(action, screen(ScreeningAnswers.model_validate(answers)), "screen")

    def checked_in(self, replies: dict[str, object]) -> None:
        self.now += timedelta(minutes=1)
        with self.act() as action:
            record_screening(action, check_in_from_json(action, json.dumps(replies)), "check_in")

    def pain(self, score: int, reaches: str = "back") -> str:
        with self.act() as action:
            return log_pain(action, score, "morning", reaches).id

    def alerts(self, clinician: str, open_only: bool = False) -> list[tuple[str, str]]:
        with self.database.transaction() as session:
            action = Action(session, clinician, clinician, self.now)
            return [(a.kind, a.what) for a in my_alerts(action, open_only=open_only)]

    def rows(self) -> int:
        with self.database.transaction(write=False) as session:
            return session.scalar(select(func.count()).select_from(CareAlertRow)) or 0


@pytest.fixture
def clinic() -> Iterator[Clinic]:
    database = Database(load_settings().effective_database_url)
    with database.transaction() as session:
        runner = ensure_user(session, "anna", START)
        add_account(session, runner, "anna", "not a real hash", False, START)
    yield Clinic(database, runner)
    database.close()


def test_an_urgent_screening_alerts_the_clinician_who_sees_screenings_only(clinic: Clinic) -> None:
    sees, pain_only = clinic.user("cleo"), clinic.user("dan")
    clinic.link(sees, "screening")
    clinic.link(pain_only, "pain_sessions", "runs_load")
    clinic.screened(CALM)
    assert clinic.alerts(sees) == []
    clinic.screened(answers_with(unexplained_weight_loss=True))  # U2
    assert clinic.alerts(sees) == [("alarm", "new urgent doctor result in a screening")]
    assert clinic.alerts(pain_only) == []


def test_an_emergency_check_in_alerts_and_a_calm_one_after_it_does_not(clinic: Clinic) -> None:
    cleo = clinic.user("cleo")
    clinic.link(cleo, "screening")
    clinic.screened(CALM)
    clinic.checked_in({"saddle_numbness": True})  # E1
    assert clinic.alerts(cleo) == [("alarm", "new emergency result in a screening")]
    clinic.now += timedelta(hours=1)
    clinic.checked_in({"saddle_numbness": False})  # the held result stands; nothing new
    assert clinic.alerts(cleo) == [("alarm", "new emergency result in a screening")]


def test_the_same_event_twice_alerts_once(clinic: Clinic) -> None:
    cleo = clinic.user("cleo")
    clinic.link(cleo, "screening", "pain_sessions")
    entry = clinic.pain(8)
    with clinic.act() as action:
        edit_pain_entry(action, entry, score=9)  # the same entry: the same event
    answers = ScreeningAnswers.model_validate(answers_with(unexplained_weight_loss=True))
    clinic.screened(answers.model_dump())
    with clinic.database.transaction() as session:
        record_id = session.scalar(
            select(CareAlertRow.source_id).where(CareAlertRow.kind == "alarm")
        )
    assert record_id is not None
    again = AlertEvent("alarm", record_id, "screening", "new urgent doctor result in a screening")
    with clinic.act() as action:
        assert raise_alerts(action, [again]) == 0  # the unique key: no second row
    assert sorted(kind for kind, _ in clinic.alerts(cleo)) == ["alarm", "pain_7"]
    assert clinic.rows() == 2


def test_pain_of_7_alerts_and_6_does_not(clinic: Clinic) -> None:
    cleo, screens = clinic.user("cleo"), clinic.user("dan")
    clinic.link(cleo, "pain_sessions")
    clinic.link(screens, "screening")
    clinic.pain(6)
    assert clinic.alerts(cleo) == []
    clinic.pain(7)
    assert clinic.alerts(cleo) == [("pain_7", "pain 7/10")]
    assert clinic.alerts(screens) == []


def test_leg_pain_alerts_once_a_spell(clinic: Clinic) -> None:
    cleo = clinic.user("cleo")
    clinic.link(cleo, "pain_sessions")
    clinic.pain(3, "buttock")
    assert clinic.alerts(cleo) == []
    clinic.pain(3, "thigh")
    assert clinic.alerts(cleo) == [("leg", "new leg symptoms: pain to thigh")]
    clinic.now += timedelta(days=20)
    clinic.pain(3, "below_knee")  # the same spell: leg pain 20 days before
    assert len(clinic.alerts(cleo)) == 1
    clinic.now += timedelta(days=36)
    clinic.pain(2, "below_knee")  # none in the 35 days before: a new spell
    assert [kind for kind, _ in clinic.alerts(cleo)] == ["leg", "leg"]


def test_leg_symptoms_a_check_in_adds_alert(clinic: Clinic) -> None:
    cleo = clinic.user("cleo")
    clinic.link(cleo, "screening")
    clinic.screened(CALM)
    clinic.checked_in({"leg_symptom_side": "one"})
    assert ("leg", "new leg symptoms in a screening") in clinic.alerts(cleo)
    clinic.now += timedelta(hours=1)
    clinic.checked_in({"leg_symptom_side": "one"})  # had them already: not new
    assert [kind for kind, _ in clinic.alerts(cleo)].count("leg") == 1


def test_a_revoked_link_gets_no_alert_and_loses_the_old_ones(clinic: Clinic) -> None:
    cleo = clinic.user("cleo")
    link_id = clinic.link(cleo, "pain_sessions")
    clinic.pain(8)
    with clinic.database.transaction() as session:
        alert_id = session.scalar(select(CareAlertRow.id))
        revoke_care_link(session, clinic.runner, link_id, clinic.now)
    assert alert_id is not None
    clinic.pain(9)
    assert clinic.rows() == 1
    assert clinic.alerts(cleo) == []
    with clinic.database.transaction() as session, pytest.raises(NotFound):
        acknowledge_alert(Action(session, cleo, cleo, clinic.now), alert_id)


def test_a_scope_taken_away_hides_its_alerts(clinic: Clinic) -> None:
    from backstride.storage.care_links import set_care_scopes

    cleo = clinic.user("cleo")
    link_id = clinic.link(cleo, "pain_sessions", "screening")
    clinic.pain(8)
    assert len(clinic.alerts(cleo)) == 1
    with clinic.database.transaction() as session:
        set_care_scopes(session, clinic.runner, link_id, frozenset({"screening"}))
    assert clinic.alerts(cleo) == []


def test_acknowledged_alerts_leave_the_open_list_and_only_the_owner_may(clinic: Clinic) -> None:
    cleo, dan = clinic.user("cleo"), clinic.user("dan")
    clinic.link(cleo, "pain_sessions")
    clinic.link(dan, "pain_sessions")
    clinic.pain(8)
    with clinic.database.transaction() as session:
        mine = session.scalar(select(CareAlertRow.id).where(CareAlertRow.clinician_id == cleo))
    assert mine is not None
    with clinic.database.transaction() as session, pytest.raises(NotFound):
        acknowledge_alert(Action(session, dan, dan, clinic.now), mine)
    for _ in range(2):  # twice: the same as once
        with clinic.database.transaction() as session:
            seen = acknowledge_alert(Action(session, cleo, cleo, clinic.now), mine)
        assert seen.acknowledged_at == clinic.now
    assert clinic.alerts(cleo, open_only=True) == []
    assert len(clinic.alerts(cleo)) == 1
    assert len(clinic.alerts(dan, open_only=True)) == 1


def test_while_restricted_only_marked_clinicians_are_alerted(clinic: Clinic) -> None:
    marked, unmarked, admin = clinic.user("cleo"), clinic.user("dan"), clinic.user("ada")
    clinic.link(marked, "pain_sessions")
    clinic.link(unmarked, "pain_sessions")
    with clinic.database.transaction() as session:
        set_admin(session, admin, True)
        actor = account_of(session, admin)
        assert actor is not None
        set_clinicians_restricted(session, actor, True)
        mark_clinician(session, "cleo", True)
    clinic.pain(8)
    assert len(clinic.alerts(marked)) == 1
    assert clinic.alerts(unmarked) == []
    assert clinic.rows() == 1


def test_two_transactions_racing_on_one_event_store_one_alert(clinic: Clinic) -> None:
    """On PostgreSQL two writers can both miss the other's uncommitted row: the unique key stops
    the second inside its savepoint, and its own transaction (the event) still commits. SQLite
    writers queue (BEGIN IMMEDIATE), so there the race cannot happen."""
    import threading

    from conftest import on_postgres

    from backstride.storage.care_alerts import add_care_alert

    if not on_postgres():
        pytest.skip("SQLite writers take the write lock at BEGIN: no race to test")
    cleo = clinic.user("cleo")
    event: tuple[AlertKind, str, Scope, str] = ("pain_7", "an-entry", "pain_sessions", "pain 8/10")
    results: list[bool] = []
    with clinic.database.transaction() as first:
        results.append(add_care_alert(first, clinic.runner, cleo, event, clinic.now))

        def second() -> None:
            with clinic.database.transaction() as session:
                results.append(add_care_alert(session, clinic.runner, cleo, event, clinic.now))
                session.execute(select(1))  # the rest of its transaction goes on

        racer = threading.Thread(target=second)
        racer.start()
        racer.join(timeout=1)  # it waits on the first's uncommitted row
        assert racer.is_alive()
    racer.join(timeout=30)
    assert results == [True, False]
    assert clinic.rows() == 1
