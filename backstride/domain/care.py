"""Care links: what a clinician a runner has linked to may see and do, and the one rule deciding it.

A runner links a clinician (a physiotherapist, a coach) to their data and chooses scopes; the
runner can change the scopes or revoke the link at any time. The rule is app policy (issue 18):
runners always reach their own data; anyone else reaches it only through a live link that holds
the scope asked for.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from backstride.errors import InvalidInput

Scope = Literal["screening", "pain_sessions", "runs_load", "programme", "notes"]
SCOPES: tuple[Scope, ...] = get_args(Scope)
SCOPE_WORDS: dict[Scope, str] = {
    "screening": "see screenings and check-ins",
    "pain_sessions": "see pain entries and exercise sessions",
    "runs_load": "see runs and training load",
    "programme": "adjust the exercise programme",
    "notes": "send notes",
}
"""What each scope lets the clinician do, in the words the runner chooses from."""
INVITE_DAYS = 7
"""A care invitation, or a clinician's link request, ends after a week unused (issue 18)."""


@dataclass(frozen=True, slots=True)
class CareLink:
    """One link between a runner and a clinician, as either of them sees it listed."""

    id: str
    runner_id: str
    clinician_id: str
    scopes: frozenset[Scope]
    created_at: datetime
    revoked_at: datetime | None
    runner_login: str = ""
    clinician_login: str = ""

    @property
    def live(self) -> bool:
        """Whether the link still gives access (it was not revoked)."""
        return self.revoked_at is None

    def ordered_scopes(self) -> list[Scope]:
        """The scopes in their usual order (for listing and for JSON)."""
        return [scope for scope in SCOPES if scope in self.scopes]


@dataclass(frozen=True, slots=True)
class LinkRequest:
    """A clinician's new request that a runner link them: the code (shown once) and its end."""

    code: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One clinician read or change of a runner's data: who, what, when."""

    id: str
    at: datetime
    clinician_id: str
    clinician_login: str
    scope: Scope
    change: bool
    what: str


def checked_scopes(values: Iterable[str]) -> frozenset[Scope]:
    """The scopes named, each checked; InvalidInput naming the bad one and the valid ones."""
    chosen: set[Scope] = set()
    for value in values:
        found = next((scope for scope in SCOPES if scope == value), None)
        if found is None:
            raise InvalidInput(
                f"scope {str(value)[:40]!r} is not valid: choose from {', '.join(SCOPES)}",
                field="scopes",
            )
        chosen.add(found)
    if not chosen:
        raise InvalidInput(
            f"choose at least one scope: {', '.join(SCOPES)} (or revoke the link instead)",
            field="scopes",
        )
    return frozenset(chosen)


def may_reach(actor_id: str, runner_id: str, link: CareLink | None, scope: Scope) -> bool:
    """Whether the actor may reach this scope of the runner's data (app policy, issue 18)."""
    if actor_id == runner_id:
        return True
    if link is None or not link.live:
        return False
    return link.runner_id == runner_id and link.clinician_id == actor_id and scope in link.scopes
