"""Each `--json` output reads back as its service's result model, with the keys it always had."""

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cli_calls import call
from screening_base import CALM

from backstride.domain.exercise import Exercise
from backstride.services.exercise_result import (
    ExerciseResult,
    exercise_detail_result,
    exercise_result,
)
from backstride.services.exercises import catalogue, show_exercise
from backstride.services.export_result import ExportResult, export_result
from backstride.services.import_result import ImportOutcomeResult
from backstride.services.pain_result import PainEntryResult
from backstride.services.portability import export_csv_files, export_json
from backstride.services.profile_result import ProfileResult
from backstride.services.screening_result import ScreeningResult, StoredScreeningResult
from backstride.services.session_timeline_result import SessionTimelineResult

GPX = Path(__file__).parent / "data" / "activities" / "runpandas_garmin_connect_3pts.gpx"
NOW = datetime(2026, 3, 2, 7, 30, 15, 250000, tzinfo=UTC)


def json_of(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code, out, err = call(capsys, *args)
    assert code == 0, err
    return json.loads(out)


def screened(tmp_path: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> Any:
    answers = tmp_path / "calm.json"
    answers.write_text(json.dumps(CALM), "utf-8")
    return json_of(capsys, "screen", "--answers", str(answers), "--json", *flags)


def test_a_screening_not_saved_has_no_level_now_and_a_saved_one_has(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unsaved = screened(tmp_path, capsys, "--no-save")
    assert "status" not in unsaved
    assert ScreeningResult.model_validate(unsaved).status is None
    saved = screened(tmp_path, capsys)
    assert list(saved)[-1] == "status" and list(saved)[:-1] == list(unsaved)
    assert ScreeningResult.model_validate(saved).status is not None


def test_the_screening_history_keeps_its_keys_and_its_isoformat_moments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    screened(tmp_path, capsys)
    history = json_of(capsys, "screen", "--history", "--json")
    assert list(history[0]) == [
        "id",
        "taken_at",
        "kind",
        "triage",
        "pattern",
        "rules",
        "rule_table_version",
    ]
    assert history[0]["taken_at"].endswith("+00:00")  # as it has always been written
    parsed = StoredScreeningResult.model_validate(history[0])
    assert parsed.taken_at.isoformat() == history[0]["taken_at"]


def test_a_logged_pain_entry_is_its_result_model(capsys: pytest.CaptureFixture[str]) -> None:
    entry = json_of(capsys, "pain", "4", "--when", "morning", "--note", "stiff", "--json")
    assert list(entry) == ["recorded_at", "score", "when", "reaches", "side", "note"]
    parsed = PainEntryResult.model_validate(entry)
    assert (parsed.score, parsed.when, parsed.note) == (4, "morning", "stiff")
    history = json_of(capsys, "pain", "history", "--json")
    assert history["entries"] == [entry]  # one shape for an entry, wherever it is printed


def test_the_profile_is_its_result_model(capsys: pytest.CaptureFixture[str]) -> None:
    profile = json_of(capsys, "profile", "--equipment", "mat", "--json")
    parsed = ProfileResult.model_validate(profile)
    assert parsed.equipment == ["mat"]
    assert list(profile) == list(ProfileResult.model_fields)


def test_import_outcomes_are_result_models(capsys: pytest.CaptureFixture[str]) -> None:
    outcomes = json_of(capsys, "import", str(GPX), "--json")
    assert [ImportOutcomeResult.model_validate(o).outcome for o in outcomes] == ["imported"]
    assert list(outcomes[0]) == ["path", "outcome", "reason", "activities", "size_bytes"]


def test_exercises_are_printed_as_their_result_models_with_the_catalogue_fields(
    capsys: pytest.CaptureFixture[str],
) -> None:
    listed = json_of(capsys, "exercises", "--json")
    by_id = {exercise.id: exercise for exercise in catalogue().exercises}
    assert listed and all(list(item) == list(Exercise.model_fields) for item in listed)
    assert all(
        exercise_result(by_id[item["id"]]).model_dump(mode="json") == item for item in listed
    )
    shown = json_of(capsys, "exercises", "show", "glute-bridge", "--json")
    assert list(shown) == [*Exercise.model_fields, "ladder_path"]
    detail = exercise_detail_result(show_exercise("glute-bridge"))
    assert isinstance(detail, ExerciseResult) and detail.model_dump(mode="json") == shown
    assert "glute-bridge" in shown["ladder_path"]
    listed_bridge = next(item for item in listed if item["id"] == "glute-bridge")
    assert {key: value for key, value in shown.items() if key != "ladder_path"} == listed_bridge


def test_the_dry_run_timeline_is_its_result_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    screened(tmp_path, capsys)
    timeline = json_of(capsys, "go", "--dry-run", "--json", "--minutes", "10")
    assert list(timeline) == ["steps"]
    parsed = SessionTimelineResult.model_validate(timeline)
    assert parsed.steps and parsed.steps[-1].ends_exercise
    assert list(timeline["steps"][0])[:6] == [
        "kind",
        "exercise",
        "side",
        "set",
        "round",
        "duration_s",
    ]


TABLES: dict[str, list[dict[str, Any]]] = {
    "pain_entries": [{"id": "b", "score": 3, "note": "é ✓", "extra": {"z": 1.5, "a": None}}],
    "profiles": [{"user_id": "u", "units": "km", "equipment": ["mat"]}],
}


def test_an_export_file_holds_the_bytes_it_always_held() -> None:
    """The same text as the hand-built document before the model: sorted keys, indent 1,
    exported_at by isoformat; so old and new backups read the same."""
    document = export_result(NOW, TABLES)
    before = {
        "format": "backstride-export",
        "version": 1,
        "exported_at": NOW.isoformat(),
        "tables": TABLES,
    }
    assert export_json(document) == json.dumps(before, indent=1, sort_keys=True) + "\n"
    manifest = export_csv_files(export_result(NOW, {name: [] for name in TABLES}))["manifest.json"]
    assert (
        manifest
        == json.dumps(
            {
                "format": "backstride-export",
                "version": 1,
                "exported_at": "2026-03-02T07:30:15.250000+00:00",
                "tables": ["pain_entries", "profiles"],
            },
            indent=1,
        )
        + "\n"
    )
    assert ExportResult.model_validate(json.loads(export_json(document))) == document
