"""The runner's record is read once per action, and a write in the action is seen at once."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from backstride.cli.app import run
from backstride.cli.local_action import local_action, local_database
from backstride.services.pain import log_pain
from backstride.storage.pain_entries import list_pain_entries
from backstride.storage.profiles import load_profile, save_profile


@pytest.fixture
def statements() -> Iterator[list[str]]:
    engine: Engine = local_database().engine
    seen: list[str] = []

    def note(*args: object) -> None:
        seen.append(str(args[2]).split()[0:4].__str__())

    event.listen(engine, "before_cursor_execute", note)
    yield seen
    event.remove(engine, "before_cursor_execute", note)


def test_a_week_plan_reads_each_part_of_the_record_once(
    statements: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["profile", "--equipment", "mat"]) == 0
    statements.clear()
    assert run(["plan", "--json"]) == 0
    profile_reads = [s for s in statements if "profiles.user_id" in s]
    pain_reads = [s for s in statements if "pain_entries.recorded_at" in s]
    assert len(profile_reads) == 1 and len(pain_reads) == 1, statements


def test_a_write_in_the_same_action_is_seen_by_the_next_read() -> None:
    now = datetime.now(UTC)
    with local_action(now) as action:
        assert list_pain_entries(action.session, action.runner_id) == []
        log_pain(action, 4, "morning")
        (entry,) = list_pain_entries(action.session, action.runner_id)
        assert entry.score == 4
        profile = load_profile(action.session, action.runner_id)
        save_profile(action.session, action.runner_id, profile.with_changes(units="mi"), now)
        assert load_profile(action.session, action.runner_id).units == "mi"


def test_a_list_handed_out_can_be_changed_without_changing_the_next_answer() -> None:
    with local_action(datetime.now(UTC) - timedelta(minutes=1)) as action:
        log_pain(action, 3, "morning")
    with local_action() as action:
        first = list_pain_entries(action.session, action.runner_id)
        first.clear()
        assert len(list_pain_entries(action.session, action.runner_id)) == 1
