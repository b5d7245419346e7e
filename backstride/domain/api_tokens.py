"""Personal access tokens as values: what a token may do, and the rule its name must meet."""

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from backstride.errors import InvalidInput

TokenScope = Literal["read", "read-write"]
SCOPES: tuple[TokenScope, ...] = ("read", "read-write")
NAME_MAX_CHARS = 64


@dataclass(frozen=True, slots=True)
class ApiToken:
    """One of an account's tokens as its owner sees it listed (never its secret)."""

    id: str
    name: str
    scope: TokenScope
    created_at: datetime
    last_used_at: datetime | None

    @property
    def may_write(self) -> bool:
        """Whether the token may change data, not only read it."""
        return self.scope == "read-write"


def token_name(typed: str) -> str:
    """The name as stored: trimmed, 1-64 printable characters; InvalidInput otherwise."""
    name = " ".join(typed.split())
    if not name or len(name) > NAME_MAX_CHARS or not name.isprintable():
        shown = typed[:80]
        raise InvalidInput(
            f"token name {shown!r} is not valid: give 1-{NAME_MAX_CHARS} printable characters "
            "(what the token is for, e.g. 'my watch sync')",
            field="name",
        )
    return name


def token_scope(typed: str) -> TokenScope:
    """A scope by its name; InvalidInput naming the valid ones otherwise."""
    for scope in SCOPES:
        if typed == scope:
            return scope
    raise InvalidInput(
        f"token scope {typed[:40]!r} is not valid: give one of {', '.join(SCOPES)}", field="scope"
    )
