"""A played session as the record keeps it: when, how it went, and each exercise's log."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class ExerciseLog:
    """One exercise of a session: the prescription planned, what was done, pain during."""

    position: int
    exercise_id: str
    level_id: str
    planned: dict[str, Any]
    done: dict[str, Any]
    pain_during: int | None

    @property
    def skipped_all(self) -> bool:
        """True when the exercise was reached and none of its work was done."""
        return self.done.get("work_done") == 0


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """One session as stored; `ended_at` is None while it is being played (started, open)."""

    started_at: datetime
    ended_at: datetime | None
    duration_s: float | None
    completed: bool
    rpe: int | None
    routine: dict[str, Any]
    logs: tuple[ExerciseLog, ...] = ()
    id: str = ""
    """Empty until stored: storage gives a new session its id (the domain draws no randomness)."""
