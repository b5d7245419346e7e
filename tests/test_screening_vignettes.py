"""Clinical vignettes through the real `backstride screen --answers FILE --json` command."""

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from screening_base import answers_with

from backstride.cli.app import run
from backstride.domain.screening import LEVELS

VIGNETTES: list[dict[str, Any]] = tomllib.loads(
    (Path(__file__).parent / "data" / "vignettes.toml").read_text(encoding="utf-8")
)["vignette"]


def test_there_are_at_least_30_vignettes_covering_every_level() -> None:
    assert len(VIGNETTES) >= 30
    assert {v["triage"] for v in VIGNETTES} == set(LEVELS)
    assert len({v["id"] for v in VIGNETTES}) == len(VIGNETTES)


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v["id"])
def test_vignette_gives_its_expected_triage_and_pattern(
    vignette: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps(answers_with(**vignette["changes"])), encoding="utf-8")
    code = run(["screen", "--answers", str(answers_file), "--json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 0
    assert LEVELS.index(result["triage"]) <= LEVELS.index(vignette["triage"]), "under-triage"
    assert result["triage"] == vignette["triage"], vignette["why"]
    assert result["pattern"] == vignette["pattern"], vignette["why"]
    assert result["exercises_allowed"] is (result["triage"] in ("see_clinician", "self_care"))
