"""The CLI's rough edges, tried as a new user would: each one found, fixed and kept fixed."""

import pytest

from backstride.cli.app import run


def test_a_misspelt_history_is_not_read_as_a_score(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["pain", "histroy"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'history'" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("typed", "shown"), [("sciatica", "radicular"), ("Degenerative", "arthritic")]
)
def test_everyday_words_for_a_pattern_are_understood(
    capsys: pytest.CaptureFixture[str], typed: str, shown: str
) -> None:
    assert run(["exercises", "--pattern", typed]) == 0
    assert shown in capsys.readouterr().out


def test_a_misspelt_pattern_word_gets_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["exercises", "--pattern", "sciatca"]) == 2
    assert "did you mean 'sciatica'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "flag", "spelling"),
    [
        (["pain", "3", "--when", "noon"], "--when", "during-run"),
        (["load", "--unit", "miles"], "--unit", "distance-km"),
        (["exercises", "--equipment", "dumbbell"], "equipment", "stability-ball"),
    ],
)
def test_messages_spell_values_as_the_help_does(
    capsys: pytest.CaptureFixture[str], args: list[str], flag: str, spelling: str
) -> None:
    assert run(args) == 2
    err = capsys.readouterr().err
    assert flag in err and spelling in err and "_" not in err.split("valid:")[1]
