"""A clinician's programme changes: pin, exclude, cap, hold, sessions a week, a note; versioned.

Every change is an append-only version with its author, time and reason; an undo is a version
too, and takes the change it names out of force, so the earlier state comes back. Which
changes are in force is a fold over the versions (latest wins per exercise and kind). A change
the safety rules forbid is refused when it is made (check_change); the routine obeys the rules
again each day (programme_routine.py). Issue 18 point 5; the sessions range is S004 (2-3
strength sessions a week, 004_e85cdf09e9746a65.txt) as plan_request.py already keeps it.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from backstride.domain.care import Scope
from backstride.domain.catalogue import Catalogue
from backstride.domain.plan_request import SESSIONS_CHOICES
from backstride.domain.routine_builder import RoutineRequest, try_ladder
from backstride.errors import InvalidInput, SafetyRefusal

ChangeKind = Literal["pin", "exclude", "cap", "hold", "sessions", "note"]
KINDS: tuple[ChangeKind, ...] = get_args(ChangeKind)
KIND_SCOPE: dict[ChangeKind, Scope] = {
    "pin": "programme",
    "exclude": "programme",
    "cap": "programme",
    "hold": "programme",
    "sessions": "programme",
    "note": "notes",
}
"""A note needs the notes scope; every other change the programme scope (domain.care)."""
KIND_WORDS: dict[ChangeKind, str] = {
    "pin": "pin an exercise (always in the routine)",
    "exclude": "leave an exercise out",
    "cap": "cap the dose of an exercise",
    "hold": "hold an exercise on its rung (no progression)",
    "sessions": "set the strength sessions a week",
    "note": "leave a note the runner sees today",
}
REASON_MAX, NOTE_MAX = 500, 1000
SESSIONS_SOURCE = "S004 (004_e85cdf09e9746a65.txt), ACSM09"
EXERCISE_KINDS = frozenset({"pin", "exclude", "cap", "hold"})


@dataclass(frozen=True, slots=True)
class ChangeAsked:
    """What a clinician asks for; the fields a kind does not use stay empty."""

    kind: ChangeKind
    reason: str
    exercise_id: str | None = None
    """The ladder, by its easiest family's id once checked."""
    max_reps: int | None = None
    max_hold_s: int | None = None
    sessions: int | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class ProgrammeChange:
    """One stored version: the change (or the undo of one), who made it, when and why."""

    id: str
    version: int
    at: datetime
    author_id: str
    author_login: str
    asked: ChangeAsked
    undoes: str | None = None
    """The id of the change this version undoes (its `asked` repeats that change)."""

    def describe(self, cat: Catalogue) -> str:
        """The change in plain words: 'pin Plank', 'cap Bird dog at 8 reps'."""
        asked = self.asked
        words = {
            "pin": "pin",
            "exclude": "leave out",
            "cap": "cap",
            "hold": "hold on its rung",
        }
        if asked.kind == "sessions":
            text = f"{asked.sessions} strength sessions a week"
        elif asked.kind == "note":
            text = f"note: {asked.note}"
        else:
            name = cat.get(asked.exercise_id or "").name
            text = f"{words[asked.kind]} {name}"
            if asked.kind == "cap":
                text += " at " + cap_words(asked)
        return f"undo ({text})" if self.undoes else text


def cap_words(asked: ChangeAsked) -> str:
    """A cap's numbers in words: '8 reps, 10 s hold'."""
    parts = []
    if asked.max_reps is not None:
        parts.append(f"{asked.max_reps} reps")
    if asked.max_hold_s is not None:
        parts.append(f"{asked.max_hold_s} s hold")
    return " and ".join(parts) + " at most"


@dataclass(frozen=True, slots=True)
class InForce:
    """The changes in force now, each by the ladder (or the one setting) it is about."""

    membership: dict[str, ProgrammeChange]
    """Ladder -> its latest pin or exclude."""
    caps: dict[str, ProgrammeChange]
    holds: dict[str, ProgrammeChange]
    sessions: ProgrammeChange | None = None
    note: ProgrammeChange | None = None

    @property
    def pins(self) -> dict[str, ProgrammeChange]:
        """The pinned ladders."""
        return {k: v for k, v in self.membership.items() if v.asked.kind == "pin"}

    @property
    def excludes(self) -> dict[str, ProgrammeChange]:
        """The ladders left out."""
        return {k: v for k, v in self.membership.items() if v.asked.kind == "exclude"}

    def changes(self) -> list[ProgrammeChange]:
        """Every change in force, newest first."""
        rows = [*self.membership.values(), *self.caps.values(), *self.holds.values()]
        rows += [row for row in (self.sessions, self.note) if row is not None]
        return sorted(rows, key=lambda row: row.version, reverse=True)


NOTHING = InForce({}, {}, {})


def in_force(history: list[ProgrammeChange]) -> InForce:
    """The changes in force after every version, oldest first; an undone change is out."""
    undone = {row.undoes for row in history if row.undoes is not None}
    membership: dict[str, ProgrammeChange] = {}
    caps: dict[str, ProgrammeChange] = {}
    holds: dict[str, ProgrammeChange] = {}
    sessions, note = None, None
    for row in sorted(history, key=lambda row: row.version):
        if row.undoes is not None or row.id in undone:
            continue
        kind, ladder = row.asked.kind, row.asked.exercise_id or ""
        if kind in ("pin", "exclude"):
            membership[ladder] = row
        elif kind == "cap":
            caps[ladder] = row
        elif kind == "hold":
            holds[ladder] = row
        elif kind == "sessions":
            sessions = row
        else:
            note = row
    return InForce(membership, caps, holds, sessions, note)


def check_change(cat: Catalogue, asked: ChangeAsked, request: RoutineRequest) -> ChangeAsked:
    """The change with its exercise named by its ladder; InvalidInput for a bad value,
    SafetyRefusal (with the rule's reason) for one the safety rules forbid."""
    reason = asked.reason.strip()
    if not reason:
        raise InvalidInput("give a reason for the change: the runner reads it", field="reason")
    if len(reason) > REASON_MAX:
        raise InvalidInput(f"the reason is {len(reason)} characters: at most {REASON_MAX}")
    checked = ChangeAsked(asked.kind, reason)
    if asked.kind == "sessions":
        return _sessions(checked, asked.sessions)
    if asked.kind == "note":
        return _note(checked, asked.note)
    ladder = _ladder(cat, asked.exercise_id)
    checked = ChangeAsked(asked.kind, reason, ladder)
    if asked.kind == "pin":
        tried = try_ladder(cat, request, ladder)
        if tried.blocked_by in ("pattern", "limit"):
            raise SafetyRefusal(f"cannot pin {cat.get(ladder).name}: {tried.why_not}")
    if asked.kind == "cap":
        return _cap(cat, checked, asked.max_reps, asked.max_hold_s)
    return checked


def _ladder(cat: Catalogue, exercise_id: str | None) -> str:
    if not exercise_id or not exercise_id.strip():
        raise InvalidInput("name the exercise (its id, such as plank)", field="exercise_id")
    return cat.family_chain(cat.get(exercise_id[:80]).id)[0].id


def _sessions(checked: ChangeAsked, sessions: int | None) -> ChangeAsked:
    if sessions not in SESSIONS_CHOICES:
        raise InvalidInput(
            f"sessions {sessions} is not valid: choose 2 or 3 strength sessions a week "
            f"({SESSIONS_SOURCE})",
            field="sessions",
        )
    return ChangeAsked("sessions", checked.reason, sessions=sessions)


def _note(checked: ChangeAsked, note: str) -> ChangeAsked:
    text = note.strip()
    if not text or len(text) > NOTE_MAX:
        raise InvalidInput(
            f"the note is {len(text)} characters: write 1 to {NOTE_MAX}", field="note"
        )
    return ChangeAsked("note", checked.reason, note=text)


def ladder_tops(cat: Catalogue, ladder: str) -> tuple[int | None, int | None]:
    """The most reps and the longest hold any dose on this ladder gives (None: it has none)."""
    doses = [dose for exercise in cat.family_chain(ladder) for dose in exercise.doses]
    reps = [dose.reps.high for dose in doses if dose.reps is not None]
    holds = [dose.hold_s.high for dose in doses if dose.hold_s is not None]
    return (max(reps) if reps else None, max(holds) if holds else None)


def _cap(
    cat: Catalogue, checked: ChangeAsked, max_reps: int | None, max_hold_s: int | None
) -> ChangeAsked:
    if max_reps is None and max_hold_s is None:
        raise InvalidInput("a cap needs max_reps, max_hold_s or both", field="max_reps")
    name = cat.get(checked.exercise_id or "").name
    tops = ladder_tops(cat, checked.exercise_id or "")
    for field, value, top, unit in (
        ("max_reps", max_reps, tops[0], "reps"),
        ("max_hold_s", max_hold_s, tops[1], "s hold"),
    ):
        if value is None:
            continue
        if top is None:
            raise InvalidInput(f"{name} has no {unit} to cap: leave {field} out", field=field)
        if value < 1:
            raise InvalidInput(f"{field} {value} is not valid: give 1 to {top}", field=field)
        if value > top:
            raise SafetyRefusal(
                f"{field} {value} is above the ladder: {name}'s doses go up to {top} {unit} "
                f"at most (the catalogue's doses and their sources); give 1 to {top}"
            )
    return ChangeAsked("cap", checked.reason, checked.exercise_id, max_reps, max_hold_s)
