"""The rings stay apart: domain/ imports nothing outer and never reads the clock or files."""

import ast
import re
import sys
import textwrap
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "backstride"
DOMAIN_ALLOWED_THIRD_PARTY = {"pydantic"}
DOMAIN_ALLOWED_OWN = {"backstride.domain", "backstride.errors"}
FORBIDDEN_CALLS = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
    ("time", "time"),
    ("time", "monotonic"),
    ("time", "sleep"),
}
FORBIDDEN_NAMES = {"open", "input", "print"}


def _modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def _imported(tree: ast.AST) -> list[str]:
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def _called(tree: ast.AST, names: set[str]) -> list[str]:
    """The plain-name calls in a module (`open(...)`, `Settings()`) among `names`."""
    return [
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names
    ]


def _domain_may_import(name: str) -> bool:
    top = name.split(".")[0]
    if top == "backstride":
        return any(name == own or name.startswith(own + ".") for own in DOMAIN_ALLOWED_OWN)
    return top in sys.stdlib_module_names or top in DOMAIN_ALLOWED_THIRD_PARTY


@pytest.mark.parametrize("path", _modules("domain"), ids=lambda p: p.name)
def test_domain_imports_only_stdlib_pydantic_and_itself(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    outer = [name for name in _imported(tree) if not _domain_may_import(name)]
    assert outer == [], f"{path.name} imports outer modules: {outer}"


@pytest.mark.parametrize(
    "path", _modules("domain") + _modules("documents"), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_pure_rings_read_no_clock_terminal_or_files(path: Path) -> None:
    """domain/ and documents/ take the time and the data as arguments and return values."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in FORBIDDEN_NAMES:
            found.append(func.id)
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and (func.value.id, func.attr) in FORBIDDEN_CALLS
        ):
            found.append(f"{func.value.id}.{func.attr}")
    assert found == [], f"{path.name} calls {found}"


def test_domain_forbidden_import_is_caught() -> None:
    tree = ast.parse("import sqlalchemy\nfrom backstride.cli import app\nimport json\n")
    assert [n for n in _imported(tree) if not _domain_may_import(n)] == [
        "sqlalchemy",
        "backstride.cli",
    ]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.name))
def test_every_module_opens_with_a_docstring(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{path} has no module docstring"


ADAPTER_MAY_HOLD = "backstride.storage.database"  # the adapter owns its Database object


@pytest.mark.parametrize(
    "path", _modules("cli") + _modules("web"), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_adapters_never_touch_storage(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    storage = [
        n
        for n in _imported(tree)
        if n.startswith(("backstride.storage", "sqlalchemy")) and n != ADAPTER_MAY_HOLD
    ]
    assert storage == [], f"{path.name} imports {storage}"


@pytest.mark.parametrize("path", _modules("web"), ids=lambda p: p.name)
def test_the_web_never_imports_the_cli(path: Path) -> None:
    """The one edge between adapters runs the other way: the CLI's `serve` starts the web."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    cli = [
        n
        for n in _imported(tree)
        if n.split(".")[0] in ("rich", "typer") or n.startswith("backstride.cli")
    ]
    assert cli == [], f"{path.name} imports {cli}"


@pytest.mark.parametrize("path", _modules("services"), ids=lambda p: p.name)
def test_services_never_reach_for_an_adapter(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    adapters = [
        n
        for n in _imported(tree)
        if n.split(".")[0] in ("rich", "typer", "fastapi", "starlette")
        or n.startswith(("backstride.cli", "backstride.web"))
    ]
    assert adapters == [], f"{path.name} imports {adapters}"


@pytest.mark.parametrize("path", _modules("services"), ids=lambda p: p.name)
def test_services_open_no_database_of_their_own(path: Path) -> None:
    """The adapter owns the Database and builds the Action; a service only receives one."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    opened = _called(tree, {"Database", "Settings", "create_engine", "make_engine"})
    assert opened == [], f"{path.name} calls {opened}"


def _cli_words() -> re.Pattern[str]:
    """A flag, or "backstride" followed by one of the CLI's own commands."""
    import typer.main

    from backstride.cli.app import app

    names = sorted(typer.main.get_group(app).commands)
    return re.compile(r"--[a-z]|'backstride |backstride (?:" + "|".join(names) + r")\b")


CLI_WORDS = _cli_words()


def _user_strings(tree: ast.AST) -> list[str]:
    """Every string constant that is not a docstring (f-string parts included)."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    # A class attribute's docstring (a string right after an annotated field) is one too.
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for before, after in zip(node.body, node.body[1:], strict=False):
                if isinstance(before, ast.AnnAssign | ast.Assign) and isinstance(after, ast.Expr):
                    docstrings.add(id(after.value))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


@pytest.mark.parametrize(
    "path", _modules("domain") + _modules("services"), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_no_terminal_words_below_the_adapters(path: Path) -> None:
    """Errors name fields and next steps are data; only an adapter turns them into words."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [text for text in _user_strings(tree) if CLI_WORDS.search(text)]
    assert found == [], f"{path.name} carries CLI words: {found}"


def test_terminal_words_are_caught() -> None:
    source = (
        '"""Shows `backstride go`."""\n'
        "x = f\"run 'backstride go' {1}\"\n"
        'y = "--minutes"\n'
        'z = "backstride shows it as information"\n'
        'w = "then backstride check-in again"\n'
    )
    tree = ast.parse(source)
    assert sorted(t for t in _user_strings(tree) if CLI_WORDS.search(t)) == [
        "--minutes",
        "run 'backstride go' ",
        "then backstride check-in again",
    ]


DOCUMENTS_MAY_IMPORT_OWN = ("backstride.domain", "backstride.config", "backstride.errors")
DOCUMENTS_FORBIDDEN_THIRD_PARTY = {"sqlalchemy", "rich", "typer", "fastapi", "starlette", "huey"}


def _documents_may_import(name: str) -> bool:
    top = name.split(".")[0]
    if top == "backstride":
        return any(name == own or name.startswith(own + ".") for own in DOCUMENTS_MAY_IMPORT_OWN)
    return top not in DOCUMENTS_FORBIDDEN_THIRD_PARTY and top not in ("os", "pathlib", "shutil")


def test_there_are_documents_to_check() -> None:
    assert {p.name for p in _modules("documents")} >= {
        "report_html.py",
        "calendar_ics.py",
        "click_track_wav.py",
    }


@pytest.mark.parametrize("path", _modules("documents"), ids=lambda p: p.name)
def test_documents_build_from_domain_values_only(path: Path) -> None:
    """Pure builders: domain values in, str/bytes out; no services, storage, adapters or paths."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    outer = [name for name in _imported(tree) if not _documents_may_import(name)]
    assert outer == [], f"{path.name} imports {outer}"


def test_documents_forbidden_import_is_caught() -> None:
    tree = ast.parse(
        "from backstride.services.load import LoadReport\nimport rich\nfrom pathlib import Path\n"
        "from backstride.domain.load import WeekChange\nimport icalendar\n"
    )
    assert [n for n in _imported(tree) if not _documents_may_import(n)] == [
        "backstride.services.load",
        "rich",
        "pathlib",
    ]


@pytest.mark.parametrize("path", _modules("services"), ids=lambda p: p.name)
def test_services_touch_no_paths(path: Path) -> None:
    """Only adapters read and write files; a service takes text or bytes and returns them."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    file_modules = [
        n for n in _imported(tree) if n.split(".")[0] in ("os", "pathlib", "shutil", "tempfile")
    ]
    opened = _called(tree, {"open"})
    assert file_modules == [] and opened == [], (
        f"{path.name} touches files: {file_modules + opened}"
    )


@pytest.mark.parametrize("path", _modules("storage") + _modules("services"), ids=lambda p: p.name)
def test_settings_are_read_by_the_adapter_only(path: Path) -> None:
    """The adapter reads the settings and hands limits down (on the Database, in arguments)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    called = _called(tree, {"load_settings", "Settings"})
    assert called == [], f"{path.name} reads the settings itself: {called}"


SERVICE_FUNCTION_MAX_LINES = 60  # issue 13: a service reads, calls the domain, saves


def _long_functions(tree: ast.AST, most: int) -> list[tuple[str, int]]:
    """Every function (def) longer than `most` lines, docstring and decorators included."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            length = (node.end_lineno or node.lineno) - first + 1
            if length > most:
                found.append((node.name, length))
    return found


@pytest.mark.parametrize("path", _modules("services"), ids=lambda p: p.name)
def test_service_functions_are_at_most_60_lines(path: Path) -> None:
    """Load once, let the domain decide, save once: the rules live in domain/, not here."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = _long_functions(tree, SERVICE_FUNCTION_MAX_LINES)
    assert long == [], f"{path.name} has functions over {SERVICE_FUNCTION_MAX_LINES} lines: {long}"


def test_a_61_line_function_is_caught() -> None:
    body = "".join(f"    x{i} = {i}\n" for i in range(58))
    sixty = f'def fits():\n    """Sixty lines."""\n{body}'
    sixty_one = f'def too_long():\n    """Sixty-one lines."""\n{body}    return x0\n'
    nested = f"def outer():\n{textwrap.indent(sixty_one, '    ')}    return too_long\n"
    assert _long_functions(ast.parse(sixty), SERVICE_FUNCTION_MAX_LINES) == []
    assert _long_functions(ast.parse(sixty_one), SERVICE_FUNCTION_MAX_LINES) == [("too_long", 61)]
    assert [name for name, _ in _long_functions(ast.parse(nested), 60)] == ["outer", "too_long"]


JSON_MODULES = {"json", "orjson", "ujson", "simplejson", "pydantic_core"}
JSON_BUILDING_CALLS = {
    "dumps",
    "dump",
    "model_dump",
    "model_dump_json",
    "dump_python",
    "dump_json",
    "TypeAdapter",
    "to_json",
    "to_jsonable_python",
    "asdict",
}
PRINTS_RESULTS_AS_JSON = "console.py"  # the one place a result model becomes JSON text


def _builds_json(tree: ast.AST) -> list[str]:
    """A JSON module imported, a serialising call, or a dict handed to print_json."""
    found = [f"import {name}" for name in _imported(tree) if name.split(".")[0] in JSON_MODULES]
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in JSON_BUILDING_CALLS:
            found.append(f"{name}()")
        if name == "print_json" and any(
            isinstance(inner, (ast.Dict, ast.DictComp))
            for argument in node.args
            for inner in ast.walk(argument)
        ):
            found.append("print_json({...})")
    return found


@pytest.mark.parametrize(
    "path",
    [p for p in _modules("cli") if p.name != PRINTS_RESULTS_AS_JSON],
    ids=lambda p: p.name,
)
def test_cli_builds_no_json_itself(path: Path) -> None:
    """`--json` prints a service's result model through console.print_json; no view makes its
    own dict or dumps one, so the CLI and the API return the same shape."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = _builds_json(tree)
    assert found == [], f"{path.name} builds JSON itself: {found}"


def test_json_built_in_the_cli_is_caught() -> None:
    tree = ast.parse(
        "import json\n"
        "from pydantic import TypeAdapter\n"
        "print_json({'steps': [step.to_json() for step in steps]})\n"
        "print_json([{'id': item.id} for item in past])\n"
        "print_json(profile.model_dump(mode='json'))\n"
        "print_json([run_result(run) for run in runs])\n"
        "text = json.dumps(payload)\n"
        "adapter = TypeAdapter(PainEntry)\n"
    )
    assert sorted(_builds_json(tree)) == sorted(
        [
            "import json",
            "print_json({...})",
            "to_json()",
            "print_json({...})",
            "model_dump()",
            "dumps()",
            "TypeAdapter()",
        ]
    )


def test_the_cli_modules_are_all_checked() -> None:
    checked = {p.name for p in _modules("cli")} - {PRINTS_RESULTS_AS_JSON}
    assert {"runs_views.py", "go_session.py", "pain_views.py", "screening_views.py"} <= checked
    assert (PACKAGE / "cli" / PRINTS_RESULTS_AS_JSON).is_file()
