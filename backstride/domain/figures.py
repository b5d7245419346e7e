"""Loading the figures files and checking them against the body and the catalogue."""

import tomllib
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable

from pydantic import ValidationError

from backstride.domain.catalogue import Catalogue
from backstride.domain.exercise import Exercise
from backstride.domain.figure import JOINT_RANGES, JOINTS, POINTS, grounded, out_of_range
from backstride.domain.figure_file import FigureFile, FigureSpec, PoseSpec
from backstride.domain.figure_motion import (
    Contact,
    Cue,
    Figure,
    KeyPose,
    Mistake,
    Motion,
    Phase,
    Shape,
    shown_hold_s,
)
from backstride.errors import DataError

SURFACES = ("floor", "ball", "wall")
TWO_SIDED = ("each_side", "alternating")


@dataclass(frozen=True, slots=True)
class FigureBook:
    """Every figure, found by rung id (an exercise id is its own base rung)."""

    by_rung: dict[str, Figure]

    def for_rung(self, level_id: str) -> Figure:
        """The figure drawn for one rung."""
        try:
            return self.by_rung[level_id]
        except KeyError:
            raise DataError(f"no figure is drawn for the rung {level_id!r}") from None


class _Resolver:
    """Turns one file's pose specs into full key poses, naming the field of any problem."""

    def __init__(self, name: str, data: FigureFile) -> None:
        self.name = name
        self.specs = data.poses
        self.done: dict[str, KeyPose] = {}

    def fail(self, field: str, problem: str) -> DataError:
        return DataError(f"{self.name}: {field}: {problem}")

    def pose(self, pose_name: str, field: str, seen: tuple[str, ...] = ()) -> KeyPose:
        if pose_name in self.done:
            return self.done[pose_name]
        spec = self.specs.get(pose_name)
        if spec is None:
            raise self.fail(field, f"no pose named {pose_name!r}; poses: {', '.join(self.specs)}")
        if pose_name in seen:
            raise self.fail(f"poses.{pose_name}.base", "the bases run in a circle")
        base = (
            self.pose(spec.base, f"poses.{pose_name}.base", (*seen, pose_name))
            if spec.base
            else None
        )
        pose = self._build(pose_name, spec, base)
        self.done[pose_name] = pose
        return pose

    def _build(self, pose_name: str, spec: PoseSpec, base: KeyPose | None) -> KeyPose:
        where = f"poses.{pose_name}"
        for joint in spec.joints:
            if joint not in JOINT_RANGES:
                raise self.fail(
                    f"{where}.joints.{joint}", f"unknown joint; joints: {', '.join(JOINTS)}"
                )
        joints = dict(base.joints) if base else dict.fromkeys(JOINTS, 0.0)
        joints.update({name: float(angle) for name, angle in spec.joints.items()})
        for problem in out_of_range(joints):
            raise self.fail(f"{where}.joints", problem + " (the human range)")
        root = spec.root_deg if spec.root_deg is not None else base.root_deg if base else None
        anchor = spec.anchor or (base.anchor if base else None)
        at = (spec.at[0], spec.at[1]) if spec.at else (base.at if base else None)
        if root is None or anchor is None or at is None:
            raise self.fail(where, "a pose without a base needs root_deg, anchor and at")
        if anchor not in POINTS:
            raise self.fail(
                f"{where}.anchor", f"unknown point {anchor!r}; points: {', '.join(POINTS)}"
            )
        if spec.contacts is None:
            contacts = base.contacts if base else ()
        else:
            contacts = tuple(self._contact(f"{where}.contacts", text) for text in spec.contacts)
        cue = None
        if spec.cue is not None:
            if spec.cue.point not in POINTS:
                raise self.fail(f"{where}.cue.point", f"unknown point {spec.cue.point!r}")
            cue = Cue(spec.cue.point, spec.cue.toward_deg)
        joints = grounded(float(root), joints, anchor, at)
        return KeyPose(pose_name, float(root), joints, anchor, at, contacts, cue)

    def _contact(self, field: str, text: str) -> Contact:
        point, _, surface = text.partition(":")
        if point not in POINTS:
            raise self.fail(
                field, f"unknown point {point!r} in {text!r}; points: {', '.join(POINTS)}"
            )
        if surface not in SURFACES:
            raise self.fail(field, f"{text!r} names no surface; write point:floor, :ball or :wall")
        return Contact(point, surface)


def _motion(resolver: _Resolver, spec: FigureSpec, exercise: Exercise, where: str) -> Motion:
    dose_hold = exercise.default_dose.hold_s
    poses = [
        resolver.pose(step.pose, f"{where}.motion[{i}].pose") for i, step in enumerate(spec.motion)
    ]
    rounds = [poses]
    if exercise.sides in TWO_SIDED and spec.show_other_side:
        rounds.append([pose.other_side() for pose in poses])
    phases: list[Phase] = []
    clock = 0.0
    previous = poses[0]
    for round_poses in rounds:
        for index, (step, pose) in enumerate(zip(spec.motion, round_poses, strict=True)):
            hold = step.hold_s
            if step.hold == "dose":
                if dose_hold is None:
                    raise resolver.fail(
                        f"{where}.motion[{index}].hold", "the default dose has no hold"
                    )
                hold += shown_hold_s(dose_hold.low)
            move = step.move_s if (phases or index) else 0.0
            if index == 0 and phases:
                move = max(step.move_s, 0.8)  # the swap to the other side
            swap = index == 0 and bool(phases)
            phases.append(Phase(round(clock, 4), move, hold, previous, pose, swap))
            clock += move + hold
            previous = pose
    if len(rounds) > 1:
        phases.append(Phase(round(clock, 4), 0.8, 0.0, previous, poses[0], True))
    return Motion(tuple(phases))


def _shapes(spec: FigureSpec) -> tuple[Shape, ...]:
    return tuple(Shape(p.kind, p.x, p.y, p.r, tuple(p.between)) for p in spec.props)


def _check_contacts(
    resolver: _Resolver, spec: FigureSpec, where: str, poses: list[KeyPose]
) -> None:
    kinds = {prop.kind for prop in spec.props}
    for prop_index, prop in enumerate(spec.props):
        for point in prop.between:
            if point not in POINTS:
                raise resolver.fail(
                    f"{where}.props[{prop_index}].between", f"unknown point {point!r}"
                )
    for pose in poses:
        for contact in pose.contacts:
            if contact.surface != "floor" and contact.surface not in kinds:
                raise resolver.fail(
                    f"poses.{pose.name}.contacts",
                    f"{contact.point} rests on a {contact.surface}, but figure {where} has none",
                )


def read_figures(source: Traversable, exercise: Exercise) -> tuple[Figure, ...]:
    """Parse and check one figures file for its exercise."""
    try:
        raw = tomllib.loads(source.read_text(encoding="utf-8"))
        data = FigureFile.model_validate(raw)
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"{source.name}: not valid TOML: {error}") from error
    except ValidationError as error:
        raise DataError(f"{source.name}: {error}") from error
    resolver = _Resolver(source.name, data)
    if data.exercise != exercise.id or source.name != f"{exercise.id}.toml":
        raise resolver.fail("exercise", f"must be the file's exercise id, {exercise.id!r}")
    for pose_name in data.poses:
        resolver.pose(pose_name, f"poses.{pose_name}")
    rungs = exercise.level_ids
    figures = []
    for index, spec in enumerate(data.figures):
        where = f"figures[{index}]"
        for rung in spec.rungs:
            if rung not in rungs:
                raise resolver.fail(
                    f"{where}.rungs",
                    f"{rung!r} is not on the ladder of {exercise.id}: {', '.join(rungs)}",
                )
        motion = _motion(resolver, spec, exercise, where)
        names = dict.fromkeys(step.pose for step in spec.motion)
        key_poses = [resolver.pose(name, where) for name in names]
        _check_contacts(resolver, spec, where, key_poses)
        mistakes = []
        for m_index, mistake in enumerate(data.mistakes):
            if mistake.rung not in rungs:
                raise resolver.fail(
                    f"mistakes[{m_index}].rung", f"{mistake.rung!r} is not on the ladder"
                )
            if mistake.rung in spec.rungs:
                right = resolver.pose(mistake.right, f"mistakes[{m_index}].right")
                wrong = resolver.pose(mistake.wrong, f"mistakes[{m_index}].wrong")
                mistakes.append(Mistake(right, wrong, mistake.label, mistake.text))
        figures.append(
            Figure(
                exercise.id,
                tuple(spec.rungs),
                spec.title,
                spec.description,
                data.view,
                _shapes(spec),
                tuple(key_poses),
                motion,
                tuple(mistakes),
                spec.shared_because,
            )
        )
    return tuple(figures)


def load_figures(catalogue: Catalogue, directory: Traversable | None = None) -> FigureBook:
    """Read every figures file (the packaged ones by default); each rung drawn exactly once."""
    folder = directory if directory is not None else files("backstride.data") / "figures"
    by_rung: dict[str, Figure] = {}
    entries = {entry.name: entry for entry in folder.iterdir() if entry.name.endswith(".toml")}
    known = {f"{exercise.id}.toml" for exercise in catalogue.exercises}
    for name in sorted(set(entries) - known):
        raise DataError(f"{name}: no exercise has this id; name a figures file after its exercise")
    for exercise in catalogue.exercises:
        entry = entries.get(f"{exercise.id}.toml")
        if entry is None:
            continue
        for figure in read_figures(entry, exercise):
            for rung in figure.rungs:
                if rung in by_rung:
                    raise DataError(f"{entry.name}: figures: the rung {rung!r} is drawn twice")
                by_rung[rung] = figure
    return FigureBook(by_rung)
