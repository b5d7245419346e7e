"""An exercise figure as SVG: the animated loop, the key poses side by side, and a thumbnail.

Self-contained SVG with no script: the loop is SMIL <animate> on each limb's path, sampled from
the domain's motion so that every drawn frame is a pose the body model allows. Numbers are
rounded and everything is written in a fixed order, so the same figure gives the same bytes.
"""

import math
from collections.abc import Iterable
from xml.sax.saxutils import escape

from backstride.domain.figure import HEAD_RADIUS, Placed
from backstride.domain.figure_motion import Figure, Frame, KeyPose, Shape

SAMPLES_PER_MOVE = 8
SCALE = 3.0
PAD = 8.0
MIN_PANEL = 60.0
"""The narrowest panel of the key-poses picture, so that captions of standing poses fit."""
NEAR = "#1f3a5f"
FAR = "#8fa3b8"
WRONG = "#b3261e"
RIGHT = "#1b6e3a"
PROP = "#c9b89a"
CHAINS: tuple[tuple[str, tuple[str, ...], str, float], ...] = (
    ("far-leg", ("hip", "far_knee", "far_ankle", "far_heel", "far_toe", "far_ankle"), FAR, 5.0),
    ("far-arm", ("chest", "far_elbow", "far_wrist", "far_hand"), FAR, 4.0),
    ("trunk", ("hip", "lumbar", "chest", "neck_top"), NEAR, 7.0),
    (
        "near-leg",
        ("hip", "near_knee", "near_ankle", "near_heel", "near_toe", "near_ankle"),
        NEAR,
        5.0,
    ),
    ("near-arm", ("chest", "near_elbow", "near_wrist", "near_hand"), NEAR, 4.0),
)


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _path(placed: Placed, points: tuple[str, ...], dx: float = 0.0) -> str:
    coords = [placed.points[name] for name in points]
    return "M" + " L".join(f"{_n(x + dx)} {_n(-y)}" for x, y in coords)


def _towel(placed: Placed, shape: Shape, dx: float = 0.0) -> str:
    return _path(placed, shape.between, dx)


def _bounds(
    placements: Iterable[Placed], props: tuple[Shape, ...]
) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = [0.0]
    for placed in placements:
        for x, y in placed.points.values():
            xs.append(x)
            ys.append(y)
        hx, hy = placed.points["head"]
        xs.extend((hx - HEAD_RADIUS, hx + HEAD_RADIUS))
        ys.append(hy + HEAD_RADIUS)
    for shape in props:
        if shape.kind == "ball":
            xs.extend((shape.x - shape.r, shape.x + shape.r))
            ys.append(shape.y + shape.r)
        if shape.kind == "wall":
            xs.append(shape.x + (4.0 if shape.x > 0 else -4.0))
        if shape.kind == "chair":
            xs.extend((shape.x, shape.x + 22))
            ys.append(shape.y + 30)
    left, right = min(xs) - PAD, max(xs) + PAD
    top = max(ys) + PAD
    return left, right, -3.0 - 1.0, top


def _scenery(props: tuple[Shape, ...], left: float, right: float, top: float) -> list[str]:
    parts = []
    for shape in props:
        if shape.kind == "mat":
            parts.append(
                f'<rect x="{_n(left + 2)}" y="0.0" width="{_n(right - left - 4)}" height="2.0" '
                f'rx="1.0" fill="{PROP}"/>'
            )
        elif shape.kind == "ball":
            parts.append(
                f'<circle cx="{_n(shape.x)}" cy="{_n(-shape.y)}" r="{_n(shape.r)}" '
                f'fill="#e8dcc4" stroke="{PROP}" stroke-width="1.5"/>'
            )
        elif shape.kind == "wall":
            # The wall's surface is at x; it is drawn on the side away from the body (at x = 0).
            face = shape.x if shape.x > 0 else shape.x - 4.0
            parts.append(
                f'<rect x="{_n(face)}" y="{_n(-top)}" width="4.0" height="{_n(top)}" '
                'fill="#d6d0c4"/>'
            )
        elif shape.kind == "chair":
            # A plain chair side on: the back at x, the seat at height y, reaching forward.
            x, seat = shape.x, shape.y
            parts.append(
                f'<path d="M{_n(x)} 0.0 L{_n(x)} {_n(-seat - 30)} M{_n(x)} {_n(-seat)} '
                f'L{_n(x + 22)} {_n(-seat)} L{_n(x + 22)} 0.0" fill="none" stroke="{PROP}" '
                'stroke-width="2.5"/>'
            )
    parts.append(
        f'<line x1="{_n(left)}" y1="0.0" x2="{_n(right)}" y2="0.0" stroke="#7a7a7a" '
        'stroke-width="1.0"/>'
    )
    return parts


CUE = "#c2571a"


def _arrow(tail: tuple[float, float], tip: tuple[float, float], dx: float = 0.0) -> str:
    (x1, y1), (x2, y2) = tail, tip
    length = math.hypot(x2 - x1, y2 - y1)
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    left = (x2 - 4 * ux - 3 * uy, y2 - 4 * uy + 3 * ux)
    right = (x2 - 4 * ux + 3 * uy, y2 - 4 * uy - 3 * ux)
    return "M" + " L".join(f"{_n(x + dx)} {_n(-y)}" for x, y in (tail, tip, left, tip, right))


def _body(
    placed: Placed,
    props: tuple[Shape, ...],
    dx: float,
    colour: str | None,
    dash: bool,
    pose: KeyPose | None = None,
) -> list[str]:
    extra = ' stroke-dasharray="3 2"' if dash else ""
    parts = []
    for shape in props:
        if shape.kind == "towel":
            parts.append(
                f'<path d="{_towel(placed, shape, dx)}" fill="none" stroke="#d08c2c" '
                'stroke-width="1.5"/>'
            )
    for _name, points, default, width in CHAINS:
        fade = ' stroke-opacity="0.5"' if colour and default == FAR else ""
        parts.append(
            f'<path d="{_path(placed, points, dx)}" fill="none" stroke="{colour or default}"{fade} '
            f'stroke-width="{_n(width)}" stroke-linecap="round" stroke-linejoin="round"{extra}/>'
        )
    hx, hy = placed.points["head"]
    parts.append(
        f'<circle cx="{_n(hx + dx)}" cy="{_n(-hy)}" r="{_n(HEAD_RADIUS)}" fill="#ffffff" '
        f'stroke="{colour or NEAR}" stroke-width="2.5"{extra}/>'
    )
    if pose is not None and pose.cue is not None:
        tail, tip = pose.cue.arrow(placed)
        parts.append(_cue_path(_arrow(tail, tip, dx)))
    return parts


def _cue_path(d: str, inner: str = "") -> str:
    return (
        f'<path d="{d}" fill="none" stroke="{CUE}" stroke-width="2.0" stroke-linecap="round" '
        f'stroke-linejoin="round">{inner}</path>'
    )


def _open(width: float, height: float, box: str, title: str, desc: str, slug: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{_n(width)}" '
        f'height="{_n(height)}" viewBox="{box}" aria-labelledby="{slug}-title {slug}-desc">',
        f'<title id="{slug}-title">{escape(title)}</title>',
        f'<desc id="{slug}-desc">{escape(desc)}</desc>',
    ]


def _dose_words(figure: Figure) -> str:
    two_sided = figure.motion.phases[-1].start is not figure.motion.phases[0].end
    words = f" The loop lasts {figure.motion.duration_s:.1f} seconds"
    if two_sided and len(figure.motion.phases) > 2:
        words += " and shows one side, then the other"
    return words + "; holds are shortened in the picture."


def _slug(figure: Figure) -> str:
    return figure.rungs[0]


def animated_svg(figure: Figure) -> str:
    """The looping figure; with reduced motion asked for, the first key pose stands still."""
    motion = figure.motion
    times = motion.times(SAMPLES_PER_MOVE)
    frames: list[Frame] = [motion.frame(t) for t in times]
    left, right, bottom, top = _bounds((f.placed for f in frames), figure.props)
    box = f"{_n(left)} {_n(-top)} {_n(right - left)} {_n(top - bottom)}"
    key_times = ";".join(f"{t / motion.duration_s:.4f}" for t in times)
    dur = f"{motion.duration_s:.2f}s"
    parts = _open(
        (right - left) * SCALE,
        (top - bottom) * SCALE,
        box,
        figure.title,
        figure.description + _dose_words(figure),
        _slug(figure),
    )
    parts.append(
        "<style>.still{display:none}@media (prefers-reduced-motion: reduce)"
        "{.moving{display:none}.still{display:inline}}</style>"
    )
    parts.extend(_scenery(figure.props, left, right, top))

    def animate(attribute: str, values: list[str]) -> str:
        return (
            f'<animate attributeName="{attribute}" dur="{dur}" repeatCount="indefinite" '
            f'calcMode="linear" keyTimes="{key_times}" values="{";".join(values)}"/>'
        )

    parts.append('<g class="moving">')
    for shape in figure.props:
        if shape.kind == "towel":
            values = [_towel(f.placed, shape) for f in frames]
            parts.append(
                f'<path d="{values[0]}" fill="none" stroke="#d08c2c" stroke-width="1.5">'
                f"{animate('d', values)}</path>"
            )
    for _name, points, colour, width in CHAINS:
        values = [_path(f.placed, points) for f in frames]
        parts.append(
            f'<path d="{values[0]}" fill="none" stroke="{colour}" stroke-width="{_n(width)}" '
            f'stroke-linecap="round" stroke-linejoin="round">{animate("d", values)}</path>'
        )
    heads = [f.placed.points["head"] for f in frames]
    parts.append(
        f'<circle cx="{_n(heads[0][0])}" cy="{_n(-heads[0][1])}" r="{_n(HEAD_RADIUS)}" '
        f'fill="#ffffff" stroke="{NEAR}" stroke-width="2.5">'
        f"{animate('cx', [_n(x) for x, _ in heads])}{animate('cy', [_n(-y) for _, y in heads])}"
        "</circle>"
    )
    cues = [f.cue for f in frames]
    if any(cues):
        shown = next(c for c in cues if c)
        arrows = [_arrow(*(c or shown)) for c in cues]
        seen = ["1" if c else "0" for c in cues]
        discrete = animate("opacity", seen).replace('calcMode="linear"', 'calcMode="discrete"')
        parts.append(_cue_path(arrows[0], animate("d", arrows) + discrete))
    parts.append("</g>")
    parts.append('<g class="still">')
    first = figure.key_poses[0]
    parts.extend(_body(first.placed(), figure.props, 0.0, None, False, first))
    parts.append("</g></svg>")
    return "\n".join(parts) + "\n"


def _label(x: float, y: float, text: str, colour: str = "#333333", size: float = 5.0) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-family="sans-serif" font-size="{_n(size)}" '
        f'text-anchor="middle" fill="{colour}">{escape(text)}</text>'
    )


def _panels(
    figure: Figure, poses: list[tuple[KeyPose, str, str | None, bool]], title: str, desc: str
) -> str:
    placements = [pose.placed() for pose, _, _, _ in poses]
    width_each = 0.0
    spans = []
    for placed, (_pose, caption, _colour, _dash) in zip(placements, poses, strict=True):
        left, right, _bottom, _top = _bounds([placed], figure.props)
        spans.append((left, right))
        width_each = max(width_each, right - left, MIN_PANEL, _caption_width(caption))
    _, _, bottom, top = _bounds(placements, figure.props)
    top += 8.0
    caption_y = -bottom + 8.0
    parts: list[str] = []
    for index, (placed, (_pose, caption, colour, dash)) in enumerate(
        zip(placements, poses, strict=True)
    ):
        left, right = spans[index]
        offset = index * width_each - left + (width_each - (right - left)) / 2
        parts.append(f'<g transform="translate({_n(offset)} 0)">')
        parts.extend(_scenery(figure.props, left, right, top - 8.0))
        parts.extend(_body(placed, figure.props, 0.0, colour, dash, _pose))
        parts.append(_label((left + right) / 2, caption_y, caption, colour or "#333333"))
        parts.append("</g>")
    total = width_each * len(poses)
    box = f"0.0 {_n(-top)} {_n(total)} {_n(top - bottom + 12.0)}"
    head = _open(
        total * SCALE, (top - bottom + 12.0) * SCALE, box, title, desc, _slug(figure) + "-still"
    )
    return "\n".join([*head, *parts, "</svg>"]) + "\n"


def _caption_width(text: str) -> float:
    """Room a caption needs under its panel (sans-serif at size 5 averages under 2.8 units a
    character), so a long caption under a narrow standing figure does not run into the next."""
    return len(text) * 2.8 + 6.0


def _caption(pose: KeyPose) -> str:
    return pose.name.replace("-", " ")


def static_svg(figure: Figure) -> str:
    """The key poses side by side, numbered, then each common mistake beside the right form."""
    poses: list[tuple[KeyPose, str, str | None, bool]] = [
        (pose, f"{index}. {_caption(pose)}", None, False)
        for index, pose in enumerate(figure.key_poses, start=1)
    ]
    desc = figure.description
    for mistake in figure.mistakes:
        poses.append((mistake.right, "right: " + _caption(mistake.right), RIGHT, False))
        poses.append((mistake.wrong, "mistake: " + mistake.label, WRONG, True))
        desc += f" Mistake shown in red, dashed: {mistake.label}. {mistake.text}"
    return _panels(figure, poses, figure.title + " (key poses)", desc)


def thumbnail_svg(figure: Figure, width_px: int = 96) -> str:
    """A small square still of the working pose (the second key pose, or the only one)."""
    pose = figure.key_poses[1] if len(figure.key_poses) > 1 else figure.key_poses[0]
    placed = pose.placed()
    left, right, bottom, top = _bounds([placed], figure.props)
    box = f"{_n(left)} {_n(-top)} {_n(right - left)} {_n(top - bottom)}"
    # A square tile: the viewBox keeps its shape and sits centred inside it.
    parts = _open(
        width_px, width_px, box, figure.title, figure.description, _slug(figure) + "-thumb"
    )
    parts.extend(_scenery(figure.props, left, right, top))
    parts.extend(_body(placed, figure.props, 0.0, None, False))
    return "\n".join([*parts, "</svg>"]) + "\n"
