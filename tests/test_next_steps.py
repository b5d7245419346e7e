"""The CLI's words for service data: every hint has a command, every field error its flag."""

from typing import get_args

import pytest

from backstride.cli.next_steps import HINT_COMMANDS, error_text, flag_of
from backstride.domain.choices import pick
from backstride.errors import Hint, InvalidInput, SafetyRefusal


def test_every_hint_a_service_can_give_has_a_command() -> None:
    assert set(HINT_COMMANDS) == set(get_args(Hint))
    assert all(command.startswith("backstride ") for command in HINT_COMMANDS.values())


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (InvalidInput("minutes 200 is out of range", field="minutes"), "--minutes 200 is out"),
        (InvalidInput("no such thing", field="run_days"), "--run-days: no such thing"),
        (SafetyRefusal("screen first", hint="screen"), "screen first; next: backstride screen"),
    ],
)
def test_errors_are_said_in_the_cli_words(error: InvalidInput, shown: str) -> None:
    assert error_text(error).startswith(shown)


def test_an_unknown_word_names_the_flag_and_the_help_spelling() -> None:
    with pytest.raises(InvalidInput) as caught:
        pick("reach", "knee", ["back_only", "below_knee"], field="reaches")
    assert str(caught.value).startswith("unknown reach 'knee'")  # no flag below the CLI
    assert error_text(caught.value).startswith("unknown --where 'knee'")
    assert "below-knee" in error_text(caught.value)
    assert flag_of("reaches") == "--where"
