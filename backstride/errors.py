"""The error tree: every failure a user can cause or see, with a sentence they can read.

BackstrideError                 base; `exit_code` tells the CLI how to leave
|-- InvalidInput                a value the user gave is not valid (exit 2, HTTP 422)
|   |-- UnknownName             an id or topic that does not exist, with close matches
|   `-- InputRefused            input over a limit of the input policy (config.InputLimits)
|-- SafetyRefusal               no exercise now, for safety (exit 3, HTTP 409)
|-- Cancelled                   the user stopped an interactive flow (exit 130)
|-- SignInFailed                a login and password that do not match (HTTP 401)
|-- Throttled                   too many failed sign-ins; try again later (HTTP 429)
|-- NotAllowed                  an account may not do this (HTTP 403)
|-- NotFound                    nothing by that id for this account (HTTP 404)
|-- Conflict                    the request clashes with what is stored (HTTP 409)
`-- DataError                   packaged content (catalogue, education) is broken (exit 1)

Errors carry no adapter's words: `field` names the input that was wrong (the CLI shows its
flag, the web its form field) and `hint` names the next step as data (the CLI shows a command,
the web a link).
"""

from typing import Literal

Hint = Literal[
    "screen",
    "screening_history",
    "check_in",
    "list_exercises",
    "set_equipment",
    "set_run_days",
    "import_runs",
    "log_pain",
    "count_cadence",
]
"""A next step an adapter can offer: every value has a command in the CLI."""


class BackstrideError(Exception):
    """Base of every error backstride raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, hint: Hint | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class InvalidInput(BackstrideError):
    """A value the user gave is not valid; the message names it and what would be.

    With `field`, the message speaks of the field by that name (e.g. "minutes 200 is out of
    range"), so an adapter can put its own spelling of the field in its place.
    """

    exit_code = 2

    def __init__(self, message: str, *, field: str | None = None, hint: Hint | None = None) -> None:
        super().__init__(message, hint=hint)
        self.field = field


class UnknownName(InvalidInput):
    """An exercise id, alias or topic that does not exist."""

    def __init__(
        self,
        kind: str,
        name: str,
        suggestions: list[str],
        valid_hint: str,
        *,
        field: str | None = None,
        hint: Hint | None = None,
    ) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = suggestions
        guess = ""
        if suggestions:
            guess = "did you mean " + " or ".join(repr(s) for s in suggestions) + "? "
        super().__init__(f"unknown {kind} {name!r}: {guess}({valid_hint})", field=field, hint=hint)


class InputRefused(InvalidInput):
    """Input over one of the input policy's limits; the message names the limit and the value."""

    def __init__(self, what: str, value: str, limit: str) -> None:
        self.what = what
        self.value = value
        self.limit = limit
        super().__init__(f"{what}: {value}, over the limit of {limit}; refused")


class SafetyRefusal(BackstrideError):
    """No exercise for now, for safety; the message says why and what to do instead."""

    exit_code = 3


class Cancelled(BackstrideError):
    """The user stopped an interactive flow (Ctrl-C or end of input); nothing was kept."""

    exit_code = 130


class SignInFailed(BackstrideError):
    """A sign-in that failed: one message whether the login is unknown or the password wrong."""


class Throttled(BackstrideError):
    """Too many failed sign-ins for this login or client; `retry_after_s` says when to retry."""

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class NotAllowed(BackstrideError):
    """The signed-in account may not take this action (only the admin may, for instance)."""


class NotFound(BackstrideError):
    """Nothing by that id belongs to this account: also what another runner's data looks like."""


class Conflict(BackstrideError):
    """The request clashes with what is stored (a login taken, an account already set up)."""


class DataError(BackstrideError):
    """Packaged content failed validation: a bug in the data, never the user's fault."""
