"""Two programme changes for one runner at the same moment queue behind the runner's row: the
second gets the next version, and a second undo of one change is refused, never stored twice."""

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from race_calls import race, race_database
from screening_base import CALM

from backstride.domain.programme_changes import ChangeAsked, ProgrammeChange
from backstride.domain.screening import screen
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.errors import Conflict
from backstride.services.care import accept_invitation, invite_clinician
from backstride.services.context import Action
from backstride.services.programme_changes import make_change, undo_change
from backstride.services.screening import record_screening
from backstride.storage.database import Database
from backstride.storage.programme_changes import programme_changes
from backstride.storage.users import ensure_user

NOW = datetime(2026, 11, 2, 8, tzinfo=UTC)
Made = Callable[[Action], object]
NOTE = ChangeAsked("note", "race week", note="Easy on the hills")


@pytest.fixture
def linked() -> Iterator[tuple[Database, str, str]]:
    """A calm runner, anna, and cleo linked to her with the programme and notes scopes."""
    with race_database() as database:
        with database.transaction() as session:
            anna = ensure_user(session, "anna", NOW)
            cleo = ensure_user(session, "cleo", NOW)
            own = Action(session, anna, anna, NOW)
            record_screening(own, screen(ScreeningAnswers.model_validate(CALM)), "screen")
            code = invite_clinician(own, ["programme", "notes"])
            accept_invitation(Action(session, cleo, cleo, NOW), code)
        yield database, anna, cleo


def _race(database: Database, anna: str, cleo: str, first: Made, second: Made) -> list[object]:
    """The two calls as cleo for anna, both at the very same instant (tests/race_calls.py)."""
    at = NOW + timedelta(minutes=1)
    return race(
        database,
        lambda session: first(Action(session, cleo, anna, at)),
        lambda session: second(Action(session, cleo, anna, at)),
    )


def test_two_changes_at_one_instant_get_the_next_two_versions(
    linked: tuple[Database, str, str],
) -> None:
    database, anna, cleo = linked
    results = _race(
        database,
        anna,
        cleo,
        lambda action: make_change(action, NOTE),
        lambda action: make_change(action, ChangeAsked("sessions", "busy", sessions=2)),
    )
    assert [r.version for r in results if isinstance(r, ProgrammeChange)] == [1, 2]
    with database.transaction(write=False) as session:
        assert [c.version for c in programme_changes(session, anna)] == [1, 2]


def test_two_undos_of_one_change_store_one(linked: tuple[Database, str, str]) -> None:
    database, anna, cleo = linked
    with database.transaction() as session:
        target = make_change(Action(session, cleo, anna, NOW), NOTE)
    results = _race(
        database,
        anna,
        cleo,
        lambda action: undo_change(action, target.id, "first"),
        lambda action: undo_change(action, target.id, "second"),
    )
    assert isinstance(results[0], ProgrammeChange) and isinstance(results[1], Conflict)
    with database.transaction(write=False) as session:
        history = programme_changes(session, anna)
    assert [(c.version, c.undoes) for c in history] == [(1, None), (2, target.id)]
