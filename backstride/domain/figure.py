"""A side-view stick body: fixed segment proportions, joint ranges and forward kinematics.

Coordinates are in body units (the standing figure is about 100 tall), y up, the figure facing
+x. Each joint is an anatomical angle in degrees, 0 in upright standing, relative to its parent
segment; the root is the hip centre, placed by a world position and the pelvis direction
(90 = upright, 0 = lying with the head towards +x, 180 = head towards -x). Proportions are
backstride's own round numbers for an adult, not taken from a table.
"""

import math
from dataclasses import dataclass

Point = tuple[float, float]

SIDES = ("near", "far")
LIMB_JOINTS = ("shoulder", "elbow", "wrist", "hip", "knee", "ankle")
JOINTS: tuple[str, ...] = (
    "spine",
    "neck",
    *(f"{side}_{joint}" for side in SIDES for joint in LIMB_JOINTS),
)

# Human ranges in degrees (low, high), generous enough for every catalogue pose, tight enough
# to refuse a bent-backwards knee. Positive: flexion (spine, neck, shoulder, elbow, hip, knee),
# extension at the wrist (fingers back towards the forearm), dorsiflexion at the ankle.
_LIMB_RANGES: dict[str, tuple[float, float]] = {
    "shoulder": (-60.0, 180.0),
    "elbow": (0.0, 150.0),
    "wrist": (-80.0, 90.0),
    "hip": (-30.0, 140.0),
    "knee": (0.0, 155.0),
    "ankle": (-50.0, 30.0),
}
JOINT_RANGES: dict[str, tuple[float, float]] = {
    "spine": (-35.0, 60.0),
    "neck": (-50.0, 60.0),
    **{f"{side}_{joint}": span for side in SIDES for joint, span in _LIMB_RANGES.items()},
}

PELVIS = 10.0
THORAX = 20.0
NECK = 5.0
HEAD_RADIUS = 6.5
UPPER_ARM = 18.0
FOREARM = 15.0
HAND = 8.0
THIGH = 24.0
SHIN = 24.0
HEEL = 5.5
FOOT = 14.0
SEGMENT_LENGTHS: dict[str, float] = {
    "pelvis": PELVIS,
    "thorax": THORAX,
    "neck": NECK,
    **{
        f"{side}_{name}": length
        for side in SIDES
        for name, length in (
            ("upper_arm", UPPER_ARM),
            ("forearm", FOREARM),
            ("hand", HAND),
            ("thigh", THIGH),
            ("shin", SHIN),
            ("heel", HEEL),
            ("foot", FOOT),
        )
    },
}
"""Each segment and its fixed length; the head is a circle on the end of the neck."""

# Points that can bear weight, and how far the body surface sits from the line drawn there.
SURFACE_OFFSET: dict[str, float] = {
    "hip": 5.0,
    "lumbar": 5.0,
    "chest": 5.0,
    "head": HEAD_RADIUS,
    **{
        f"{side}_{point}": offset
        for side in SIDES
        for point, offset in (
            ("elbow", 2.0),
            ("wrist", 2.0),
            ("hand", 0.5),
            ("knee", 2.5),
            ("ankle", 3.5),
            ("heel", 0.0),
            ("toe", 0.0),
        )
    },
}
POINTS: tuple[str, ...] = (
    "hip",
    "lumbar",
    "chest",
    "neck_top",
    "head",
    *(
        f"{side}_{point}"
        for side in SIDES
        for point in ("elbow", "wrist", "hand", "knee", "ankle", "heel", "toe")
    ),
)


SEGMENTS: dict[str, tuple[str, str]] = {
    "pelvis": ("hip", "lumbar"),
    "thorax": ("lumbar", "chest"),
    "neck": ("chest", "neck_top"),
    **{
        f"{side}_{name}": (
            start if start in ("chest", "hip") else f"{side}_{start}",
            f"{side}_{end}",
        )
        for side in SIDES
        for name, start, end in (
            ("upper_arm", "chest", "elbow"),
            ("forearm", "elbow", "wrist"),
            ("hand", "wrist", "hand"),
            ("thigh", "hip", "knee"),
            ("shin", "knee", "ankle"),
            ("heel", "ankle", "heel"),
            ("foot", "ankle", "toe"),
        )
    },
}
"""Each segment by the two points it joins."""


@dataclass(frozen=True, slots=True)
class Placed:
    """A body posed in the world: every named point (the head centre among them)."""

    points: dict[str, Point]

    def length(self, segment: str) -> float:
        """The drawn length of one segment."""
        start, end = SEGMENTS[segment]
        (x1, y1), (x2, y2) = self.points[start], self.points[end]
        return math.hypot(x2 - x1, y2 - y1)


def _step(start: Point, direction_deg: float, length: float) -> Point:
    radians = math.radians(direction_deg)
    return (start[0] + length * math.cos(radians), start[1] + length * math.sin(radians))


def _local(root_deg: float, joints: dict[str, float]) -> dict[str, Point]:
    """Every point with the hip centre at the origin."""
    points: dict[str, Point] = {"hip": (0.0, 0.0)}
    pelvis = root_deg
    thorax = pelvis - joints["spine"]
    head = thorax - joints["neck"]
    points["lumbar"] = _step(points["hip"], pelvis, PELVIS)
    points["chest"] = _step(points["lumbar"], thorax, THORAX)
    points["neck_top"] = _step(points["chest"], head, NECK)
    points["head"] = _step(points["neck_top"], head, HEAD_RADIUS)
    for side in SIDES:
        arm = thorax + 180.0 + joints[f"{side}_shoulder"]
        forearm = arm + joints[f"{side}_elbow"]
        hand = forearm + joints[f"{side}_wrist"]
        points[f"{side}_elbow"] = _step(points["chest"], arm, UPPER_ARM)
        points[f"{side}_wrist"] = _step(points[f"{side}_elbow"], forearm, FOREARM)
        points[f"{side}_hand"] = _step(points[f"{side}_wrist"], hand, HAND)
        thigh = pelvis + 180.0 + joints[f"{side}_hip"]
        shin = thigh - joints[f"{side}_knee"]
        foot = shin + 90.0 + joints[f"{side}_ankle"]
        points[f"{side}_knee"] = _step(points["hip"], thigh, THIGH)
        points[f"{side}_ankle"] = _step(points[f"{side}_knee"], shin, SHIN)
        points[f"{side}_heel"] = _step(points[f"{side}_ankle"], foot - 120.0, HEEL)
        points[f"{side}_toe"] = _step(points[f"{side}_ankle"], foot - 20.0, FOOT)
    return points


def grounded(root_deg: float, joints: dict[str, float], anchor: str, at: Point) -> dict[str, float]:
    """The joints with a foot turned at the ankle wherever its heel or toe would pass through
    the floor (y = 0): a foot pressed on the floor gives at the ankle, it does not sink in.

    Of the ankle angles in the human range that keep heel and toe on or above the floor, the
    one nearest the pose's own is taken; where none does (the ankle too low), the one that
    lifts the lower of the two highest. A foot that is clear of the floor is left as it is.
    """
    fixed = dict(joints)
    points = place(root_deg, joints, anchor, at).points
    for side in SIDES:
        if min(points[f"{side}_toe"][1], points[f"{side}_heel"][1]) >= 0.0:
            continue
        low, high = JOINT_RANGES[f"{side}_ankle"]
        steps = int(round((high - low) / ANKLE_STEP))
        tried = [
            (low + k * ANKLE_STEP, _foot_low(points, side, joints, low + k * ANKLE_STEP))
            for k in range(steps + 1)
        ]
        now = joints[f"{side}_ankle"]
        clear = [angle for angle, lowest in tried if lowest >= 0.0]
        fixed[f"{side}_ankle"] = (
            min(clear, key=lambda a: abs(a - now))
            if clear
            else max(tried, key=lambda pair: pair[1])[0]
        )
    return fixed


def _foot_low(points: dict[str, Point], side: str, joints: dict[str, float], angle: float) -> float:
    """The height of the lower of heel and toe were the ankle at `angle` (the rest unmoved)."""
    ax, ay = points[f"{side}_ankle"]
    turn = math.radians(angle - joints[f"{side}_ankle"])
    return min(
        ay + length * math.sin(math.atan2(y - ay, x - ax) + turn)
        for (x, y), length in ((points[f"{side}_toe"], FOOT), (points[f"{side}_heel"], HEEL))
    )


ANKLE_STEP = 0.25
"""Degrees between the ankle angles `grounded` tries."""


def place(root_deg: float, joints: dict[str, float], anchor: str, at: Point) -> Placed:
    """Forward kinematics: pose the body from its joint angles with one point held at `at`."""
    local = _local(root_deg, joints)
    ax, ay = local[anchor]
    dx, dy = at[0] - ax, at[1] - ay
    return Placed({name: (x + dx, y + dy) for name, (x, y) in local.items()})


def out_of_range(joints: dict[str, float]) -> list[str]:
    """The joints whose angle lies outside the human range, each with its angle and range."""
    problems = []
    for name, angle in joints.items():
        low, high = JOINT_RANGES[name]
        if not low - 1e-6 <= angle <= high + 1e-6:
            problems.append(f"{name} = {angle:g} is outside {low:g}..{high:g}")
    return problems


def swapped(joints: dict[str, float]) -> dict[str, float]:
    """The same pose with the near and far limbs exchanged (the other side's turn)."""
    result = {}
    for name, angle in joints.items():
        if name.startswith("near_"):
            result["far_" + name[5:]] = angle
        elif name.startswith("far_"):
            result["near_" + name[4:]] = angle
        else:
            result[name] = angle
    return result


def swapped_point(name: str) -> str:
    """A point's name on the other side."""
    if name.startswith("near_"):
        return "far_" + name[5:]
    if name.startswith("far_"):
        return "near_" + name[4:]
    return name
