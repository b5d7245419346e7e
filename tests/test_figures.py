"""The exercise figures: every rung drawn, the body model kept over the whole motion, the files."""

import hashlib
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, browser_or_skip

from backstride.documents.figure_braille import braille_lines
from backstride.documents.figure_svg import animated_svg, static_svg, thumbnail_svg
from backstride.domain.catalogue import load_catalogue
from backstride.domain.figure import JOINT_RANGES, SEGMENT_LENGTHS, SEGMENTS, grounded, place
from backstride.domain.figure_motion import CONTACT_TOLERANCE, Figure, contact_gap, shown_hold_s
from backstride.domain.figures import load_figures, read_figures
from backstride.errors import DataError

CATALOGUE = load_catalogue()
BOOK = load_figures(CATALOGUE)
FIGURES: list[Figure] = list({id(f): f for f in BOOK.by_rung.values()}.values())
SVG = "{http://www.w3.org/2000/svg}"
FIGURE_DIR = Path(__file__).resolve().parents[1] / "backstride" / "data" / "figures"


def _ids(figure: Figure) -> str:
    return figure.rungs[0]


def test_every_family_and_every_rung_has_a_figure() -> None:
    rungs = [rung for exercise in CATALOGUE.exercises for rung in exercise.level_ids]
    assert len(CATALOGUE.exercises) == 21
    assert sorted(BOOK.by_rung) == sorted(rungs)
    for figure in FIGURES:
        # A figure serves several rungs only where the data says so and why.
        assert len(figure.rungs) == 1 or figure.shared_because


@pytest.mark.parametrize("figure", FIGURES, ids=_ids)
def test_segments_keep_their_length_and_joints_their_range(figure: Figure) -> None:
    for t in figure.motion.times(40):
        frame = figure.motion.frame(t)
        for segment in SEGMENTS:
            assert frame.placed.length(segment) == pytest.approx(SEGMENT_LENGTHS[segment], abs=1e-6)
        for joint, angle in frame.joints.items():
            low, high = JOINT_RANGES[joint]
            assert low - 1e-6 <= angle <= high + 1e-6, (joint, angle, t)


@pytest.mark.parametrize("figure", FIGURES, ids=_ids)
def test_weight_bearing_points_stay_on_their_surface(figure: Figure) -> None:
    checked = 0
    for t in figure.motion.times(40):
        frame = figure.motion.frame(t)
        for contact in frame.contacts:
            gap = contact_gap(frame, contact, figure.props)
            assert gap <= CONTACT_TOLERANCE, (contact, round(t, 2), round(gap, 2))
            checked += 1
    assert checked > 0


def test_a_contact_off_its_surface_is_caught() -> None:
    plank = BOOK.for_rung("plank")
    pose = plank.key_poses[1]
    lifted = type(pose)(
        pose.name, pose.root_deg, pose.joints, pose.anchor, (32.0, 12.0), pose.contacts
    )
    frame = type(plank.motion.frame(0))(lifted.placed(), lifted.joints, lifted.contacts)
    assert max(contact_gap(frame, c, plank.props) for c in frame.contacts) > CONTACT_TOLERANCE


@pytest.mark.parametrize("figure", FIGURES, ids=_ids)
def test_svgs_are_well_formed_labelled_and_deterministic(figure: Figure) -> None:
    for render in (animated_svg, static_svg, thumbnail_svg):
        text = render(figure)
        assert text == render(figure)
        root = ET.fromstring(text)
        assert root.get("role") == "img"
        title = root.find(f"{SVG}title")
        assert title is not None and title.text
        desc = root.find(f"{SVG}desc")
        assert desc is not None and len(desc.text or "") > 40
        assert "<script" not in text
    moving = animated_svg(figure)
    assert "<animate " in moving and "prefers-reduced-motion: reduce" in moving
    assert (
        hashlib.sha256(moving.encode()).hexdigest()
        == hashlib.sha256(animated_svg(BOOK.for_rung(figure.rungs[0])).encode()).hexdigest()
    )


@pytest.mark.parametrize(("hold_s", "shown_s"), [(5, 1.5), (10, 2.0), (15, 3.0), (60, 4.0)])
def test_a_dose_hold_is_shown_shortened_within_bounds(hold_s: float, shown_s: float) -> None:
    assert shown_hold_s(hold_s) == shown_s


def test_holds_follow_the_dose_and_sides_swap() -> None:
    plank = BOOK.for_rung("plank")  # hold 45-60 s, shown shortened to at most 4 s
    assert max(p.hold_s for p in plank.motion.phases) == 4.0
    bird_dog = BOOK.for_rung("bird-dog")  # alternating: the loop has the other side's round
    anchors = {p.end.anchor for p in bird_dog.motion.phases}
    assert anchors == {"near_knee", "far_knee"}


@pytest.mark.parametrize("rung", ["plank", "bird-dog", "glute-bridge"])
def test_the_positional_mistakes_are_drawn_beside_the_right_form(rung: str) -> None:
    figure = BOOK.for_rung(rung)
    assert figure.mistakes
    still = static_svg(figure)
    assert "mistake: " in still and 'stroke-dasharray="3 2"' in still
    assert figure.mistakes[0].text in still


@pytest.mark.parametrize("rung", ["abdominal-draw-in", "glute-squeeze"])
def test_a_change_too_small_to_see_gets_an_arrow_while_held(rung: str) -> None:
    figure = BOOK.for_rung(rung)
    held = [figure.motion.frame(t).cue for t in figure.motion.times(8)]
    assert any(held) and not all(held)
    assert 'calcMode="discrete"' in animated_svg(figure)
    assert "#c2571a" in static_svg(figure)


def test_braille_sketch_draws_the_pose() -> None:
    lines = braille_lines(BOOK.for_rung("squat"))
    assert len(lines) > 3
    assert all(all(0x2800 <= ord(c) <= 0x28FF for c in line) for line in lines)


def _copy_with(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = (FIGURE_DIR / name).read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / name
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        (
            "near_hip = 78,",
            "near_hips = 78,",
            "poses.hands-and-knees.joints.near_hips: unknown joint",
        ),
        ("near_hip = -12,", "near_hip = -80,", "near_hip = -80 is outside -30..140"),
        (
            'rungs = ["bird-dog"]',
            'rungs = ["plank"]',
            "figures[1].rungs: 'plank' is not on the ladder",
        ),
        ('hold = "dose"', 'hold = "always"', "bird-dog.toml"),
        ("[[mistakes]]", "colour = 1\n[[mistakes]]", "bird-dog.toml"),
        ('"near_hand:floor", "far_hand:floor"]', '"near_palm:floor"]', "unknown point 'near_palm'"),
        (
            "[poses.leg-back]",
            '[poses.leg-back]\ncue = { point = "belly", toward_deg = 0 }',
            "cue.point",
        ),
    ],
)
def test_bad_figure_data_is_a_clear_error(tmp_path: Path, old: str, new: str, says: str) -> None:
    source = _copy_with(tmp_path, "bird-dog.toml", old, new)
    with pytest.raises(DataError, match="bird-dog.toml") as caught:
        read_figures(source, CATALOGUE.get("bird-dog"))
    assert says in str(caught.value)


def test_every_figure_opens_in_chromium_without_errors(tmp_path: Path) -> None:
    browser_or_skip()
    from playwright.sync_api import sync_playwright

    shots = os.environ.get("BACKSTRIDE_SCREENSHOTS")
    shot_dir = Path(shots) if shots else None
    if shot_dir:
        shot_dir.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 600})
            page.on("console", lambda m: problems.append(f"{m.type}: {m.text}"))
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            for figure in FIGURES:
                for kind, render in (("moving", animated_svg), ("still", static_svg)):
                    path = tmp_path / f"{figure.rungs[0]}-{kind}.svg"
                    path.write_text(render(figure), encoding="utf-8")
                    page.goto(path.as_uri())
                    svg = page.locator("svg").first
                    box = svg.bounding_box()
                    assert box is not None and box["width"] > 50 and box["height"] > 50
                    if shot_dir:
                        svg.screenshot(path=str(shot_dir / f"{path.stem}.png"))
            page.emulate_media(reduced_motion="reduce")
            page.goto((tmp_path / "plank-moving.svg").as_uri())
            assert not page.locator(".moving").is_visible()
            assert page.locator(".still").is_visible()
        finally:
            browser.close()
    assert [p for p in problems if not p.startswith(("debug", "info"))] == []


@pytest.mark.parametrize("figure", [f for f in FIGURES if f.view == "side"], ids=_ids)
def test_no_heel_or_toe_goes_through_the_floor(figure: Figure) -> None:
    """No further under the floor than a weight-bearing point may be off it. (Seen from the
    front, in the side plank, a foot points at the viewer: its drawn toe is the foot end-on.)"""
    poses = [*figure.key_poses, *(p for m in figure.mistakes for p in (m.right, m.wrong))]
    placements = [pose.placed() for pose in poses]
    placements += [figure.motion.frame(t).placed for t in figure.motion.times(40)]
    for placed in placements:
        for side in ("near", "far"):
            for point in ("heel", "toe"):
                assert placed.points[f"{side}_{point}"][1] >= -CONTACT_TOLERANCE, (side, point)


def test_a_foot_pushed_into_the_floor_turns_at_the_ankle() -> None:
    lunge = next(f for f in FIGURES if f.rungs[0] == "lunge").key_poses[0]
    deeper = {**lunge.joints, "near_ankle": lunge.joints["near_ankle"] - 30}
    sunk = place(lunge.root_deg, deeper, lunge.anchor, lunge.at)
    assert min(sunk.points["near_toe"][1], sunk.points["near_heel"][1]) < -1
    fixed = grounded(lunge.root_deg, deeper, lunge.anchor, lunge.at)
    standing = place(lunge.root_deg, fixed, lunge.anchor, lunge.at)
    assert min(standing.points["near_toe"][1], standing.points["near_heel"][1]) >= -1e-6
    assert fixed["near_ankle"] != deeper["near_ankle"]
    low, high = JOINT_RANGES["near_ankle"]
    assert low <= fixed["near_ankle"] <= high
    only_ankles = {k for k in fixed if fixed[k] != deeper[k]}
    assert only_ankles <= {"near_ankle", "far_ankle"}  # nothing but the feet gives
