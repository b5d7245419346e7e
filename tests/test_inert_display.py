"""Stored and file-supplied text is shown inert: no markup read, no terminal control obeyed."""

import io
import re
import zipfile
from pathlib import Path

import pytest

from backstride.cli.app import run
from backstride.cli.inert import SHOWN_CHARS, inert_str

EVIL = "[/x]\x1b[2J\x1b]8;;http://evil\x07click\x1b]8;;\x07"
SHOWN = "[/x]\\x1b[2J\\x1b]8;;http://evil\\x07click\\x1b]8;;\\x07"
GPX = Path(__file__).parent / "data" / "activities" / "runpandas_garmin_connect_3pts.gpx"


@pytest.fixture(autouse=True)
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # so no cell wraps the text under test


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def assert_inert(output: str, shown: str = SHOWN) -> None:
    assert "\x1b" not in output and "\x07" not in output
    assert shown in output


def test_a_note_with_markup_and_escapes_is_shown_not_obeyed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert call(capsys, "pain", "3", "--when", "morning", "--note", EVIL)[0] == 0
    code, output = call(capsys, "pain", "history")
    assert code == 0
    assert_inert(output)


def test_a_profile_name_with_markup_and_escapes_is_shown_not_obeyed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, output = call(capsys, "profile", "--name", EVIL)
    assert code == 0
    assert_inert(output)
    code, output = call(capsys, "profile")
    assert code == 0
    assert_inert(output)


def evil_zip(tmp_path: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        untyped = re.sub(
            rb"<type>[^<]*</type>", b"", GPX.read_bytes()
        )  # the sport comes from the CSV
        archive.writestr(f"activities/{EVIL}.gpx", untyped)
        archive.writestr(
            "activities.csv",
            f"Activity ID,Activity Name,Activity Type,Filename\n"
            f'1,"{EVIL}","\x1b[2J\u202erun",activities/{EVIL}.gpx\n',
        )
    path = tmp_path / "export.zip"
    path.write_bytes(buffer.getvalue())
    return path


def test_an_archive_entry_and_a_sport_with_markup_and_escapes_are_shown_not_obeyed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = call(capsys, "import", str(evil_zip(tmp_path)))
    assert code == 0
    assert_inert(output, SHOWN.replace("//", "/"))  # an entry's path is read with "//" as "/"
    code, output = call(capsys, "runs", "--all")
    assert code == 0
    # An unknown Strava type is kept to [a-z0-9_] before it is stored (issue 14): nothing to obey.
    assert_inert(output, " 2j_run ")


def test_a_written_path_with_markup_is_shown_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = call(capsys, "export", "-o", str(tmp_path / "[bold]x[red]\x1b[2J.json"))
    assert code == 0
    assert_inert(output, "[bold]x[red]\\x1b[2J.json")


def test_an_error_quoting_a_value_shows_it_inert(capsys: pytest.CaptureFixture[str]) -> None:
    code, output = call(capsys, "exercises", "show", EVIL)
    assert code != 0
    assert "\x1b" not in output and "\x07" not in output and "[/x]" in output


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain words, naïve café 🏃", "plain words, naïve café 🏃"),
        ("a\u202eb\u2066c", "a\\u202eb\\u2066c"),
        ("c1\x9b2J del\x7f", "c1\\x9b2J del\\x7f"),
        ("line\nbreak\ttab\r", "line\\x0abreak\\x09tab\\x0d"),
        ("family 👨\u200d👩\u200d👧", "family 👨\u200d👩\u200d👧"),
        ("tag \U000e0041", "tag \\U000e0041"),
    ],
)
def test_control_characters_become_visible_escapes(text: str, shown: str) -> None:
    assert inert_str(text) == shown


def test_long_values_are_cut_for_display() -> None:
    shown = inert_str("x" * 5000)
    assert shown == "x" * SHOWN_CHARS + "…"


def test_json_output_escapes_what_a_terminal_would_obey_and_keeps_the_value(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    note = "caf\u00e9 \u202eevil\x9b2J\x1b[2J \U0001f3c3 \U000e0041"
    assert call(capsys, "pain", "3", "--when", "morning", "--note", note)[0] == 0
    code = run(["pain", "history", "--json"])
    out = capsys.readouterr().out
    assert code == 0
    assert not any(c in out for c in "\u202e\x9b\x1b\U000e0041")
    assert "café" in out and "\U0001f3c3" in out  # ordinary text stays as it is
    assert json.loads(out)["entries"][0]["note"] == note


def test_an_error_of_several_lines_keeps_its_line_breaks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "bad.json"
    answers.write_text('{"age": "old", "sex": "x"}', encoding="utf-8")
    code, output = call(capsys, "screen", "--answers", str(answers), "--no-save")
    assert code == 2
    assert "\\x0a" not in output and "\n  age:" in output
