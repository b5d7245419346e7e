"""Resolved figures: key poses checked against the body, and the looping motion between them."""

import math
from dataclasses import dataclass

from backstride.domain.figure import (
    JOINTS,
    SURFACE_OFFSET,
    Placed,
    Point,
    grounded,
    place,
    swapped,
    swapped_point,
)

HOLD_SCALE = 0.2
"""A dose's hold is shown at a fifth of its length, kept between the bounds below."""
HOLD_SHOWN_S = (1.5, 4.0)
CONTACT_TOLERANCE = 3.0
"""How far a weight-bearing point may drift from its surface, in body units (about 3 cm)."""


@dataclass(frozen=True, slots=True)
class Contact:
    """One point bearing weight on a surface."""

    point: str
    surface: str


@dataclass(frozen=True, slots=True)
class Cue:
    """An arrow at one body point, for a change too small to see (drawing the belly in)."""

    point: str
    toward_deg: float

    def arrow(self, placed: Placed) -> tuple[Point, Point]:
        """The arrow's tail and tip: it points at the body point from a little way off."""
        x, y = placed.points[self.point]
        dx, dy = math.cos(math.radians(self.toward_deg)), math.sin(math.radians(self.toward_deg))
        return (x - dx * 18.0, y - dy * 18.0), (x - dx * 8.0, y - dy * 8.0)


@dataclass(frozen=True, slots=True)
class KeyPose:
    """A pose ready to draw: every joint angle, the root, the held point and the contacts."""

    name: str
    root_deg: float
    joints: dict[str, float]
    anchor: str
    at: Point
    contacts: tuple[Contact, ...]
    cue: Cue | None = None

    def placed(self) -> Placed:
        """The body in this pose."""
        return place(self.root_deg, self.joints, self.anchor, self.at)

    def other_side(self) -> "KeyPose":
        """The same pose done with the other side's limbs."""
        return KeyPose(
            self.name,
            self.root_deg,
            swapped(self.joints),
            swapped_point(self.anchor),
            self.at,
            tuple(Contact(swapped_point(c.point), c.surface) for c in self.contacts),
            Cue(swapped_point(self.cue.point), self.cue.toward_deg) if self.cue else None,
        )


@dataclass(frozen=True, slots=True)
class Shape:
    """A prop: mat, ball or wall at a fixed place, or a towel between two body points."""

    kind: str
    x: float = 0.0
    y: float = 0.0
    r: float = 0.0
    between: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Phase:
    """One stretch of the loop: a move from one pose to the next, then a stay in it."""

    start_s: float
    move_s: float
    hold_s: float
    start: KeyPose
    end: KeyPose
    changing_sides: bool = False
    """A move from one side's pose to the other's: the feet step, so nothing must hold."""

    @property
    def end_s(self) -> float:
        """When this phase is over."""
        return self.start_s + self.move_s + self.hold_s


@dataclass(frozen=True, slots=True)
class Frame:
    """The body at one moment, with the contacts that must hold then."""

    placed: Placed
    joints: dict[str, float]
    contacts: tuple[Contact, ...]
    cue: tuple[Point, Point] | None = None
    """The arrow shown while a pose with a cue is held."""


def _ease(u: float) -> float:
    return u * u * (3.0 - 2.0 * u)


def blend(start: KeyPose, end: KeyPose, u: float) -> Frame:
    """The body part-way (u from 0 to 1) from one pose to the next, angles eased and mixed."""
    e = _ease(min(1.0, max(0.0, u)))
    joints = {n: start.joints[n] + (end.joints[n] - start.joints[n]) * e for n in JOINTS}
    root = start.root_deg + (end.root_deg - start.root_deg) * e
    anchor, at = start.anchor, start.at
    if start.anchor != end.anchor or start.at != end.at:
        (x1, y1), (x2, y2) = start.placed().points["hip"], end.placed().points["hip"]
        anchor, at = "hip", (x1 + (x2 - x1) * e, y1 + (y2 - y1) * e)
    joints = grounded(root, joints, anchor, at)
    placed = place(root, joints, anchor, at)
    held = tuple(c for c in start.contacts if c in end.contacts) if 0 < u < 1 else ()
    contacts = held or (start.contacts if u <= 0 else end.contacts if u >= 1 else ())
    shown = start.cue if u <= 0 else end.cue if u >= 1 else None
    return Frame(placed, joints, contacts, shown.arrow(placed) if shown else None)


@dataclass(frozen=True, slots=True)
class Motion:
    """The whole loop: phases back to back, ending in the pose it started from."""

    phases: tuple[Phase, ...]

    @property
    def duration_s(self) -> float:
        """The length of one loop."""
        return self.phases[-1].end_s

    def frame(self, t_s: float) -> Frame:
        """The body at a moment of the loop (wrapped into it)."""
        t = t_s % self.duration_s if self.duration_s > 0 else 0.0
        for phase in self.phases:
            if t < phase.end_s or phase is self.phases[-1]:
                local = t - phase.start_s
                if phase.move_s > 0 and local < phase.move_s:
                    frame = blend(phase.start, phase.end, local / phase.move_s)
                    if phase.changing_sides and local > 0:
                        return Frame(frame.placed, frame.joints, (), frame.cue)
                    return frame
                return blend(phase.end, phase.end, 1.0)
        raise AssertionError("unreachable")  # pragma: no cover

    def times(self, per_move: int) -> list[float]:
        """Moments to sample: each phase's start, `per_move` points through each move, its end."""
        moments: list[float] = []
        for phase in self.phases:
            for index in range(per_move):
                moments.append(phase.start_s + phase.move_s * index / per_move)
            moments.append(phase.start_s + phase.move_s)
        moments.append(self.duration_s)
        return sorted(set(round(m, 4) for m in moments))


@dataclass(frozen=True, slots=True)
class Mistake:
    """A common mistake beside the right form."""

    right: KeyPose
    wrong: KeyPose
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class Figure:
    """A rung's figure, ready to render: words, props, key poses, motion and mistakes."""

    exercise_id: str
    rungs: tuple[str, ...]
    title: str
    description: str
    view: str
    props: tuple[Shape, ...]
    key_poses: tuple[KeyPose, ...]
    motion: Motion
    mistakes: tuple[Mistake, ...]
    shared_because: str | None = None


def shown_hold_s(hold_s: float) -> float:
    """How long a hold of the dose lasts in the picture's short loop."""
    low, high = HOLD_SHOWN_S
    return round(min(high, max(low, hold_s * HOLD_SCALE)), 2)


def contact_gap(frame: Frame, contact: Contact, props: tuple[Shape, ...]) -> float:
    """How far a weight-bearing point is from its surface (0 when it rests exactly on it)."""
    x, y = frame.placed.points[contact.point]
    offset = SURFACE_OFFSET.get(contact.point, 0.0)
    if contact.surface == "floor":
        return abs(y - offset)
    for shape in props:
        if contact.surface == "ball" and shape.kind == "ball":
            return abs(math.hypot(x - shape.x, y - shape.y) - shape.r - offset)
        if contact.surface == "wall" and shape.kind == "wall":
            return abs(abs(x - shape.x) - offset)
    return math.inf
