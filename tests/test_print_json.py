"""`--json` prints result models only: one model, or a list of them, as the API returns them."""

import json
from typing import Any, cast

import pytest

from backstride.cli.console import print_json
from backstride.services.import_result import ImportOutcomeResult


def outcome(path: str) -> ImportOutcomeResult:
    return ImportOutcomeResult(
        path=path, outcome="skipped", reason="not an activity file", activities=0, size_bytes=3
    )


def test_a_model_is_printed_as_its_json_fields_in_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    print_json(outcome("a.txt"))
    out = capsys.readouterr().out
    assert list(json.loads(out)) == ["path", "outcome", "reason", "activities", "size_bytes"]
    assert ImportOutcomeResult.model_validate_json(out) == outcome("a.txt")


def test_a_list_of_models_is_printed_as_a_json_list(capsys: pytest.CaptureFixture[str]) -> None:
    print_json([outcome("a.txt"), outcome("b.txt")])
    assert [item["path"] for item in json.loads(capsys.readouterr().out)] == ["a.txt", "b.txt"]


@pytest.mark.parametrize("payload", [{"steps": []}, [{"id": "x"}], "text", [outcome("a"), 1]])
def test_anything_but_result_models_is_refused(
    payload: object, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(TypeError, match="result models only"):
        print_json(cast(Any, payload))
    assert capsys.readouterr().out == ""
