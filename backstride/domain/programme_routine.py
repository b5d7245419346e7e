"""A clinician's changes in force applied to today's routine, after the safety rules.

The routine comes from the builder with every safety rule applied; the changes then only take
out (exclude), keep lower (hold, cap) or add a pinned ladder that passes the very checks the
builder makes for its own choice (routine_builder.try_ladder). So a pin the safety status has
come to forbid since it was made is not applied, and today says why. After an emergency or
urgent result there is no routine to change: the builder refused before this runs.
"""

from dataclasses import dataclass, replace

from backstride.domain.catalogue import Catalogue
from backstride.domain.prescription import Prescription
from backstride.domain.programme_changes import InForce, cap_words
from backstride.domain.routine_builder import RoutineRequest, try_ladder
from backstride.domain.routines import Routine, RoutineItem
from backstride.errors import SafetyRefusal


@dataclass(frozen=True, slots=True)
class Applied:
    """Today's routine after the changes, what they did, and the pinned items' labels."""

    routine: Routine
    lines: tuple[str, ...]
    pinned: dict[str, str]
    """Exercise id of a pinned item -> 'pinned by <login>: <reason>'."""


def _ladder(cat: Catalogue, item: RoutineItem) -> str:
    return cat.family_chain(item.exercise.id)[0].id


def apply_programme(
    cat: Catalogue,
    request: RoutineRequest,
    routine: Routine,
    changes: InForce,
    held: dict[str, Prescription],
) -> Applied:
    """The routine with the changes in force; `held` holds each held ladder's last planned
    prescription where progression would move it on. SafetyRefusal when none is left."""
    lines: list[str] = []
    items = [item for item in routine.items if _ladder(cat, item) not in changes.excludes]
    for ladder, row in changes.excludes.items():
        if any(_ladder(cat, item) == ladder for item in routine.items):
            name = cat.get(ladder).name
            lines.append(f"{name} left out by {row.author_login}: {row.asked.reason}")
    holding = {c: p for c, p in held.items() if c in changes.holds}
    if holding:
        request = replace(request, prescriptions={**request.prescriptions, **holding})
    items = [_held(cat, request, item, holding) for item in items]
    pinned: dict[str, str] = {}
    for ladder, row in changes.pins.items():
        present = next((item for item in items if _ladder(cat, item) == ladder), None)
        if present is None:
            tried = try_ladder(cat, request, ladder)
            if tried.item is None:
                name = cat.get(ladder).name
                lines.append(
                    f"{name} was pinned by {row.author_login} ({row.asked.reason}) but is not "
                    f"in today's routine: {tried.why_not}"
                )
                continue
            present = tried.item
            items.append(present)
        pinned[present.exercise.id] = f"pinned by {row.author_login}: {row.asked.reason}"
    for item in items:
        ladder = _ladder(cat, item)
        if ladder in holding and item.prescription == holding[ladder]:
            row = changes.holds[ladder]
            lines.append(
                f"{item.level_name} held at its last dose by {row.author_login}: {row.asked.reason}"
            )
    items = [_capped(cat, item, changes, lines) for item in items]
    if not items:
        raise SafetyRefusal(
            "your clinician's changes leave no exercise in today's routine: "
            + "; ".join(lines)
            + ". Ask them to look again."
        )
    return Applied(replace(routine, items=tuple(items)), tuple(lines), pinned)


def _held(
    cat: Catalogue,
    request: RoutineRequest,
    item: RoutineItem,
    holding: dict[str, Prescription],
) -> RoutineItem:
    """The item at its last planned dose when its ladder is held and that still passes."""
    ladder = _ladder(cat, item)
    if ladder not in holding or holding[ladder] == item.prescription:
        return item
    tried = try_ladder(cat, request, ladder)
    return item if tried.item is None else tried.item


def _capped(cat: Catalogue, item: RoutineItem, changes: InForce, lines: list[str]) -> RoutineItem:
    """The item with its dose at or below the clinician's cap."""
    row = changes.caps.get(_ladder(cat, item))
    if row is None:
        return item
    p, cap = item.prescription, row.asked
    reps = min(p.reps, cap.max_reps) if cap.max_reps is not None else p.reps
    hold_s = p.hold_s
    if hold_s is not None and cap.max_hold_s is not None:
        hold_s = min(hold_s, cap.max_hold_s)
    if (reps, hold_s) == (p.reps, p.hold_s):
        return item
    lines.append(
        f"{item.level_name} capped by {row.author_login} at {cap_words(cap)}: {cap.reason}"
    )
    return replace(item, prescription=p.with_dose(reps, hold_s))
