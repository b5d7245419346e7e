"""Running the real CLI in-process from a test: its exit code, stdout and stderr."""

import pytest

from backstride.cli.app import run


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `backstride ARGS...` once; what it printed is taken from capsys."""
    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err
