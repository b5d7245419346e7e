"""The routine limits L1-L7: which rungs a safety status leaves in today's routine, at what dose.

Each rule has an id that travels at the head of its reason, so `today` and `routine` can show
the ids first:

- L1 low load (see_clinician, ProgrammeLimits.low_load, or pregnancy, as C9 asks): only
  drawing-in (pelvic tilt), knee-to-chest, the standing glute squeeze and bird dog with the leg
  only; holds at most half the catalogue default (half its low end, rounded down); reps no
  more than the default's low end; 2 rounds; at most 15 minutes. DOMAIN.md 2.1.4 for the set
  and the holds; the 2 rounds and the 15-minute cap are app-policy.
- L2 under 16, not yet seen by a clinician (ProgrammeLimits.gentle_movement_only): no
  programme, education and gentle movement only. DOMAIN.md 2.1.4, app policy.
- L3 claudication type (ProgrammeLimits.claudication): knee-to-chest and drawing-in lead the
  routine; no rung that works the low back into extension under load. [ACP] [HASWELL] via
  DOMAIN.md 2.1.4.
- L4 radicular, flexion-sensitive (ProgrammeLimits.flexion_sensitive): no rung that bends the
  trunk forward under load, repeatedly. [CENTRAL] via DOMAIN.md 2.1.4.
- L5 pregnancy or the 6 months after a birth (ProgrammeLimits.pregnancy): nothing face down or
  over the ball, and no exercise that keeps the runner on their back for more than 60 s in one
  go. DOMAIN.md 2.1.4 (C9); the 60 s is app-policy.
- L6 a ladder with no history starts at the bottom: its easiest rung at the low end of the
  default dose, the seed circuit's minimum of 3 rounds and no more, and 2 rounds when pain
  today is 4 or more. DOMAIN.md 2.6 "build up from the bottom"; the cut at 4 (the first score
  above the 0-3 "safe" zone of DOMAIN.md 2.4) is app-policy.
- L7 a ladder progression has left out (RoutineRequest.excluded_chains), with its reason.
  DOMAIN.md 2.1.4 (progression, sharpened).

A rung that breaks L1, L3 or L4 moves down its own ladder to the hardest easier rung that
keeps the rule; with none, the exercise is left out today and the reason names it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from backstride.domain.catalogue import Catalogue
from backstride.domain.exercise_positions import rung_facts
from backstride.domain.prescription import Prescription, starting_prescription
from backstride.domain.programme_limits import ProgrammeLimits
from backstride.domain.routines import Routine, RoutineItem
from backstride.domain.session import GET_READY_S, timeline, total_duration_s


@dataclass(frozen=True, slots=True)
class RoutineRule:
    """One routine limit: its id, what it is about, and where it comes from."""

    id: str
    topic: str
    source: str


ROUTINE_RULES: dict[str, RoutineRule] = {
    rule.id: rule
    for rule in (
        RoutineRule("L1", "low load", "DOMAIN.md 2.1.4; rounds and length app-policy"),
        RoutineRule("L2", "under 16", "DOMAIN.md 2.1.4, app-policy"),
        RoutineRule("L3", "claudication-type leg symptoms", "ACP; HASWELL; DOMAIN.md 2.1.4"),
        RoutineRule("L4", "leg pain that bending can stir up", "CENTRAL; DOMAIN.md 2.1.4"),
        RoutineRule("L5", "pregnancy or a recent birth", "DOMAIN.md 2.1.4 C9; app-policy"),
        RoutineRule("L6", "a first session", "DOMAIN.md 2.6; the pain cut app-policy"),
        RoutineRule("L7", "left out by progression", "DOMAIN.md 2.1.4"),
    )
}

# L1: the genuinely low-load set (DOMAIN.md 2.1.4), as catalogue rungs. "Pelvic tilt" is an
# alias of the drawing-in family; bird dog stays on its leg-only rung.
LOW_LOAD_RUNGS = frozenset(
    {"abdominal-draw-in", "knee-to-chest", "glute-squeeze", "bird-dog-leg-only"}
)
# Range of movement first, then motor control (DOMAIN.md 2.2: gentle range starts a sore back).
LOW_LOAD_ORDER = ("knee-to-chest", "abdominal-draw-in", "glute-squeeze", "bird-dog")
LOW_LOAD_ROUNDS = 2  # app-policy: below the seed circuit's 3, while waiting for a clinician
# app-policy: short, under the usual 20-minute default; the whole L1 set at its L1 dose and
# 2 rounds takes about 12 minutes, so the cap keeps it whole and stops anything longer.
LOW_LOAD_MAX_MINUTES = 15
# L3: flexion-biased positions lead (DOMAIN.md 2.1.4 [ACP] [HASWELL]).
FLEXION_BIASED_FIRST = ("knee-to-chest", "abdominal-draw-in")
# L5: positions left out in pregnancy, and the longest spell on the back in one block.
PREGNANCY_LEFT_OUT_POSITIONS = frozenset({"lying_face_down", "face_down_over_ball"})
PREGNANCY_SUPINE_MAX_S = 60  # app-policy
# L6: pain today from which a first session drops to 2 rounds (app-policy; DOMAIN.md 2.4 zones).
FIRST_SESSION_PAIN_CUT = 4


@dataclass(frozen=True, slots=True)
class Change:
    """What one rule did to one ladder: left its exercise out, or moved it down a rung."""

    rule_id: str
    text: str
    left_out: bool
    exercise_id: str
    """The exercise left out, or the one moved down to."""


@dataclass(frozen=True, slots=True)
class Limited:
    """A ladder after the limits: its prescription for today (None: left out) and what changed."""

    prescription: Prescription | None
    changes: tuple[Change, ...]


def reason(rule_id: str, text: str) -> str:
    """A reason line led by its rule id and closed by its source."""
    rule = ROUTINE_RULES[rule_id]
    return f"{rule.id} ({rule.topic}): {text} [{rule.source}]"


def apply_limits(
    catalogue: Catalogue, prescription: Prescription, limits: ProgrammeLimits
) -> Limited:
    """Today's prescription of one ladder under L1, L3, L4 and L5's position rule."""
    changes: list[Change] = []
    checks: list[tuple[bool, str, Callable[[str], bool]]] = [
        (limits.low_load, "L1", lambda level: level in LOW_LOAD_RUNGS),
        (limits.claudication, "L3", lambda level: not rung_facts(level).loaded_extension),
        (limits.flexion_sensitive, "L4", lambda level: not rung_facts(level).loaded_flexion),
        (
            limits.pregnancy,
            "L5",
            lambda level: rung_facts(level).position not in PREGNANCY_LEFT_OUT_POSITIONS,
        ),
    ]
    current: Prescription | None = prescription
    for active, rule_id, allowed in checks:
        if not active or current is None:
            continue
        moved = easier_allowed(catalogue, current, allowed)
        if moved is None:
            name = catalogue.get(current.exercise_id).name
            changes.append(Change(rule_id, f"{name} left out", True, current.exercise_id))
        elif moved.level_id != current.level_id:
            text = f"{_name(catalogue, current)} moved down to {_name(catalogue, moved)}"
            changes.append(Change(rule_id, text, False, moved.exercise_id))
        current = moved
    if limits.low_load and current is not None:
        current = low_load_dose(catalogue, current)
    return Limited(current, tuple(changes))


def easier_allowed(
    catalogue: Catalogue, prescription: Prescription, allowed: Callable[[str], bool]
) -> Prescription | None:
    """The same rung if allowed, else the hardest easier allowed rung from its low end."""
    if allowed(prescription.level_id):
        return prescription
    rungs = catalogue.ladder(prescription.exercise_id)
    ids = [rung.level_id for rung in rungs]
    for rung in reversed(rungs[: ids.index(prescription.level_id)]):
        if allowed(rung.level_id):
            return starting_prescription(rung.exercise, rung.level_id)
    return None


def low_load_dose(catalogue: Catalogue, prescription: Prescription) -> Prescription:
    """L1's dose: holds at most half the default's low end, reps at most the default's low end."""
    exercise = catalogue.get(prescription.exercise_id)
    start = starting_prescription(exercise, prescription.level_id)
    hold_s = prescription.hold_s
    if hold_s is not None:
        hold_s = min(hold_s, half_default_hold_s(catalogue, prescription.exercise_id))
    return prescription.with_dose(min(prescription.reps, start.reps), hold_s)


def half_default_hold_s(catalogue: Catalogue, exercise_id: str) -> int:
    """Half the low end of the default hold, rounded down, at least 1 s (L1)."""
    hold = catalogue.get(exercise_id).default_dose.hold_s
    if hold is None:
        raise ValueError(f"{exercise_id} has no hold in its default dose")
    return max(1, hold.low // 2)


def _name(catalogue: Catalogue, prescription: Prescription) -> str:
    return catalogue.rung(prescription.level_id).name


def supine_block_s(item: RoutineItem) -> float:
    """Seconds on the back in one block of this item (get-ready aside); 0 in other positions."""
    if rung_facts(item.prescription.level_id).position != "lying_on_back":
        return 0.0
    alone = Routine((item,), 1, 0, False, ())
    return total_duration_s(timeline(alone)) - GET_READY_S


def limit_reasons(
    catalogue: Catalogue,
    limits: ProgrammeLimits,
    changes: list[Change],
    excluded_chains: dict[str, str],
    prescriptions: dict[str, Prescription],
) -> list[str]:
    """One line per limit that is on (L1, L3-L5) and one per ladder left out (L7)."""
    lines: list[str] = []
    summaries = (
        (limits.low_load, "L1", _LOW_LOAD_SUMMARY),
        (limits.claudication, "L3", _CLAUDICATION_SUMMARY),
        (limits.flexion_sensitive, "L4", _FLEXION_SUMMARY),
        (limits.pregnancy, "L5", _PREGNANCY_SUMMARY),
    )
    for active, rule_id, summary in summaries:
        if not active:
            continue
        # L1 keeps four moves out of twenty-one: its summary says which stay, not all that go.
        done = [
            c.text for c in changes if c.rule_id == rule_id and not (rule_id == "L1" and c.left_out)
        ]
        lines.append(
            reason(rule_id, summary + (" Today: " + "; ".join(done) + "." if done else ""))
        )
    for chain_id, why in excluded_chains.items():
        held = prescriptions.get(chain_id)
        name = catalogue.rung(held.level_id).name if held else catalogue.get(chain_id).name
        lines.append(reason("L7", f"{name} left out today: {why}"))
    return lines


_LOW_LOAD_SUMMARY = (
    f"while you wait to see a clinician, a short low-load set: drawing-in (pelvic tilt), "
    f"knee-to-chest, the standing glute squeeze and bird dog with the leg only, holds half "
    f"their usual length or less, {LOW_LOAD_ROUNDS} rounds and {LOW_LOAD_MAX_MINUTES} minutes "
    "at most. Nothing that curls the trunk up or arches the back against a load, nothing over "
    "the ball, and no squat, lunge or wall-sit sets. Answer the warning-sign questions before "
    "each session."
)
_CLAUDICATION_SUMMARY = (
    "leg symptoms that walking brings on and that sitting or leaning forward relieves usually "
    "settle better in forward-bending positions, so knee-to-chest and drawing-in come first, "
    "and moves that arch the low back under load stay out."
)
_FLEXION_SUMMARY = (
    "with leg pain that sitting or bending can stir up, no crunch-style curling of the trunk "
    "against a load, over and over; stop any move that sends the leg symptoms further down."
)
_PREGNANCY_SUMMARY = (
    f"during pregnancy and the 6 months after a birth, nothing face down or over the ball, and "
    f"no exercise that keeps you on your back for more than {PREGNANCY_SUPINE_MAX_S} s in one "
    "go; roll to your side to get up. A clinician should still look over your programme."
)


def first_session_reason(names: list[str], rounds: int, pain_today: int | None) -> str:
    """L6's line: which ladders start today, at what pain, and in how many rounds."""
    sore = pain_today is not None and pain_today >= FIRST_SESSION_PAIN_CUT
    pain = f", and your pain today is {pain_today}/10" if sore else ""
    return reason(
        "L6",
        f"first time on these ladders ({', '.join(names)}){pain}: each starts on its easiest "
        f"rung at the low end of its dose, {rounds} rounds; progression adds more once your "
        "back has answered well.",
    )
