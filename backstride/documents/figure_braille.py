"""A figure's working pose drawn in Unicode braille for the terminal: lines of text, no colour."""

import math

from backstride.domain.figure import HEAD_RADIUS, SEGMENTS
from backstride.domain.figure_motion import Figure

# Braille dot bits by (column, row) inside one 2 x 4 cell.
_BITS = {(0, 0): 0x01, (0, 1): 0x02, (0, 2): 0x04, (1, 0): 0x08, (1, 1): 0x10, (1, 2): 0x20}
_BITS.update({(0, 3): 0x40, (1, 3): 0x80})


def braille_lines(figure: Figure, width_chars: int = 30) -> list[str]:
    """The working pose (the second key pose, else the first) and the floor, as braille rows."""
    pose = figure.key_poses[1] if len(figure.key_poses) > 1 else figure.key_poses[0]
    points = pose.placed().points
    xs = [x for x, _ in points.values()]
    ys = [y for _, y in points.values()] + [0.0, points["head"][1] + HEAD_RADIUS]
    left, right = min(xs) - HEAD_RADIUS, max(xs) + HEAD_RADIUS
    bottom, top = min(ys), max(ys)
    scale = (width_chars * 2 - 1) / (right - left)
    rows = int(math.ceil((top - bottom) * scale / 4)) + 1
    dots: set[tuple[int, int]] = set()

    def plot(x: float, y: float) -> None:
        dots.add((round((x - left) * scale), round((top - y) * scale)))

    def line(a: tuple[float, float], b: tuple[float, float]) -> None:
        steps = max(1, int(math.hypot(b[0] - a[0], b[1] - a[1]) * scale * 2))
        for i in range(steps + 1):
            t = i / steps
            plot(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)

    for name, (start, end) in sorted(SEGMENTS.items()):
        if name.startswith("far_"):
            continue
        line(points[start], points[end])
    hx, hy = points["head"]
    for i in range(24):
        angle = 2 * math.pi * i / 24
        plot(hx + HEAD_RADIUS * math.cos(angle), hy + HEAD_RADIUS * math.sin(angle))
    line((left, 0.0), (right, 0.0))
    cells = [[0] * width_chars for _ in range(rows)]
    for col, row in dots:
        if 0 <= col < width_chars * 2 and 0 <= row < rows * 4:
            cells[row // 4][col // 2] |= _BITS[(col % 2, row % 4)]
    return [("".join(chr(0x2800 + cell) for cell in row)).rstrip("\u2800") for row in cells]
