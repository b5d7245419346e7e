"""Programme changes as API result shapes: each version, and whether it is in force."""

from datetime import datetime

from backstride.domain.catalogue import Catalogue
from backstride.domain.programme_changes import ChangeKind, ProgrammeChange
from backstride.services.programme_changes import ProgrammeView
from backstride.services.result_model import ResultModel


class ProgrammeChangeResult(ResultModel):
    """One version of a runner's programme changes: what, who, when, why, and its state now."""

    id: str
    version: int
    at: datetime
    author_id: str
    author_login: str
    kind: ChangeKind
    exercise_id: str | None
    max_reps: int | None
    max_hold_s: int | None
    sessions: int | None
    note: str
    reason: str
    undoes: str | None
    """The id of the version this one undoes (then the fields repeat that change)."""
    in_force: bool
    undone: bool
    summary: str


def programme_change_result(
    cat: Catalogue, change: ProgrammeChange, view: ProgrammeView | None = None
) -> ProgrammeChangeResult:
    """One version as the API returns it (its state from the view, when given)."""
    asked = change.asked
    return ProgrammeChangeResult(
        id=change.id,
        version=change.version,
        at=change.at,
        author_id=change.author_id,
        author_login=change.author_login,
        kind=asked.kind,
        exercise_id=asked.exercise_id,
        max_reps=asked.max_reps,
        max_hold_s=asked.max_hold_s,
        sessions=asked.sessions,
        note=asked.note,
        reason=asked.reason,
        undoes=change.undoes,
        in_force=view is not None and change.id in view.in_force_ids,
        undone=view is not None and change.id in view.undone,
        summary=change.describe(cat),
    )


def programme_results(cat: Catalogue, view: ProgrammeView) -> list[ProgrammeChangeResult]:
    """Every version, newest first."""
    return [programme_change_result(cat, change, view) for change in view.history]
