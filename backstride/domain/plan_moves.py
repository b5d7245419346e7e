"""Strength sessions the runner moved: read, replayed on each week's plan, written back."""

from dataclasses import dataclass

from backstride.domain.plans import Violation, WeekPlan, move_strength
from backstride.domain.profile import Weekday, check_start, weekday
from backstride.errors import InvalidInput

MOVE_FORM = "FROM:TO[@HH:MM], e.g. tue:mon@18:00"


@dataclass(frozen=True, slots=True)
class Move:
    """A strength session moved from one weekday to another, at a start time if given."""

    from_day: Weekday
    to_day: Weekday
    start: str | None


def parse_move(spec: str) -> Move:
    """Read `FROM:TO[@HH:MM]`, e.g. `tue:mon@18:00`; anything else names the bad value."""
    head, at, start = spec.strip().partition("@")
    parts = head.split(":")
    if len(parts) != 2 or not all(part.strip() for part in parts) or (at and not start.strip()):
        raise InvalidInput(f"move {spec!r} is not in the form {MOVE_FORM}", field="move")
    try:
        from_day, to_day = weekday(parts[0]), weekday(parts[1])
        checked = check_start(start.strip()) if at else None
    except (InvalidInput, ValueError) as error:
        raise InvalidInput(f"move {spec!r}: {error}", field="move") from None
    if from_day == to_day:
        raise InvalidInput(
            f"move {spec!r} moves a session to the same day: pick another day", field="move"
        )
    return Move(from_day, to_day, checked)


def move_text(move: Move) -> str:
    """A move as the profile keeps it: `FROM:TO[@HH:MM]`."""
    at = f"@{move.start}" if move.start else ""
    return f"{move.from_day}:{move.to_day}{at}"


def replay_moves(
    plan: WeekPlan, saved: list[str], notes: list[str]
) -> tuple[WeekPlan, list[Violation]]:
    """The plan with the runner's saved moves made, each one that still fits.

    A saved move that no longer fits this week (its day has no strength now, or it would
    break a rule) is left out with a note, and kept for the weeks it fits.
    """
    violations: list[Violation] = []
    for spec in saved:
        earlier = parse_move(spec)
        try:
            moved, found = move_strength(plan, earlier.from_day, earlier.to_day, earlier.start)
        except InvalidInput as error:
            notes.append(f"Your saved move {spec} was left out this time: {error}")
            continue
        broken = [v.message for v in found if v.severity == "rule"]
        if broken:
            notes.append(f"Your saved move {spec} was left out this time: {' '.join(broken)}")
            continue
        plan, violations = moved, found
    return plan, violations


def new_move(plan: WeekPlan, moving: Move, typed: str) -> tuple[WeekPlan, list[Violation]]:
    """The plan with one more move made; refused, naming the rules, when it breaks any."""
    try:
        plan, violations = move_strength(plan, moving.from_day, moving.to_day, moving.start)
    except InvalidInput as error:
        raise InvalidInput(f"move {typed!r}: {error}", field="move") from None
    broken = [v.message for v in violations if v.severity == "rule"]
    if broken:
        raise InvalidInput(
            f"move {typed!r} breaks {'a rule' if len(broken) == 1 else 'these rules'} of "
            f"the plan: {' '.join(broken)} Choose another day or time.",
            field="move",
        )
    return plan, violations
