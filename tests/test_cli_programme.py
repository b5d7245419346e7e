"""The terminal shows a linked clinician's changes as the web does: the pin on its exercise,
what the changes did, and the note on `today`, also when a red level leaves no programme."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cli_calls import call
from screening_base import CALM

from backstride.cli.local_action import local_action
from backstride.domain.programme_changes import ChangeAsked
from backstride.services.accounts import create_account
from backstride.services.care import accept_invitation, invite_clinician
from backstride.services.context import Action
from backstride.services.programme_changes import make_change
from backstride.services.routine import todays_routine

PASSWORD = "a long enough password 42"


def _screen(tmp_path: Path, capsys: pytest.CaptureFixture[str], answers: dict[str, object]) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    call(capsys, "screen", "--answers", str(path))


def _cleo_changes(*changes: ChangeAsked) -> None:
    """Link a clinician, cleo, to the local runner and make her changes. As on a real
    machine, the first web account (anna) took over the local runner; cleo registered after."""
    now = datetime.now(UTC) - timedelta(minutes=5)
    with local_action() as own:
        anna = create_account(own.session, "anna", PASSWORD, now)
        assert anna.user_id == own.runner_id
        cleo = create_account(own.session, "cleo", PASSWORD, now, by_machine=True).user_id
        code = invite_clinician(own, ["programme", "notes"])
        accept_invitation(Action(own.session, cleo, cleo, now), code)
        for change in changes:
            make_change(Action(own.session, cleo, own.runner_id, now, own.zone), change)


def _absent_ladder() -> str:
    from backstride.services.exercises import catalogue

    cat = catalogue()
    with local_action() as own:
        present = {item.exercise.id for item in todays_routine(own).routine.items}
    for exercise in cat.exercises:
        chain = cat.family_chain(exercise.id)
        if exercise.equipment == ["none"] and not present & {e.id for e in chain}:
            return chain[0].id
    raise AssertionError("every no-kit ladder is in the routine already")


def _flat(text: str) -> str:
    return " ".join(text.replace("│", " ").split())  # panel borders out, lines joined


def test_today_and_routine_show_the_pin_and_the_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "240")  # the pin label stays on one line of its table cell
    _screen(tmp_path, capsys, CALM)
    ladder = _absent_ladder()
    _cleo_changes(
        ChangeAsked("pin", "builds the hips", ladder),
        ChangeAsked("note", "race week", note="Easy on the hills"),
    )
    code, out, err = call(capsys, "today")
    assert code == 0, err
    assert "A note from cleo" in out and "Easy on the hills" in out
    assert "pinned by cleo: builds the hips" in out
    code, out, _ = call(capsys, "routine")
    assert code == 0 and "pinned by cleo: builds the hips" in out


def test_after_an_emergency_today_shows_the_note_and_no_programme(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _screen(tmp_path, capsys, CALM)
    _cleo_changes(
        ChangeAsked("pin", "strong legs", "squat"),
        ChangeAsked("note", "care", note="Call me after the doctor"),
    )
    _screen(tmp_path, capsys, {**CALM, "saddle_numbness": True})
    code, out, err = call(capsys, "today")
    assert "Call me after the doctor" in out and "no exercise programme applies" in _flat(out)
    assert "pinned by cleo" not in out and "Today's routine" not in out
    assert call(capsys, "routine")[0] == 3
