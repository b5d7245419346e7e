"""The figures file of one exercise: key poses, props and timing as data, validated on load.

One file per exercise, backstride/data/figures/<exercise-id>.toml, beside (not inside) the
exercise file: the exercise files are prose a clinician reviews, the figures are numbers an
illustrator tunes, and keeping them apart leaves the Exercise model untouched. Every rung of the
exercise's ladder is drawn by exactly one figure; a figure that serves several rungs says why.
"""

from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

Surface = Literal["floor", "ball", "wall"]
PropKind = Literal["mat", "ball", "wall", "towel", "chair"]

_FILE = ConfigDict(frozen=True, extra="forbid")


class CueSpec(BaseModel):
    """An arrow pointing at a body point, in the direction the body works there."""

    model_config = _FILE

    point: str
    toward_deg: float = Field(ge=-360, le=360)


class PoseSpec(BaseModel):
    """One key pose: joint angles (missing ones are 0, or the base pose's), root and contacts."""

    model_config = _FILE

    base: str | None = None
    root_deg: float | None = Field(default=None, ge=-360, le=360)
    anchor: str | None = None
    at: list[float] | None = Field(default=None, min_length=2, max_length=2)
    joints: dict[str, float] = {}
    contacts: list[str] | None = None
    """Points that bear weight, written "point:surface" ("near_knee:floor")."""
    cue: CueSpec | None = None
    """An arrow at a body point while this pose is held (not inherited from the base)."""


class Prop(BaseModel):
    """A mat, ball, wall or chair (fixed; a wall by its surface x) or a towel (between points)."""

    model_config = _FILE

    kind: PropKind
    x: float = 0.0
    y: float = 0.0
    r: float = Field(default=0.0, ge=0)
    between: list[str] = []

    @model_validator(mode="after")
    def _shape(self) -> Self:
        if self.kind == "ball" and self.r <= 0:
            raise ValueError("a ball needs its radius r")
        if self.kind == "towel" and len(self.between) != 2:
            raise ValueError("a towel needs between = [two body points]")
        return self


class Step(BaseModel):
    """Move into a pose over move_s, then stay there: a pause (hold_s) or the dose's hold."""

    model_config = _FILE

    pose: str
    move_s: float = Field(default=0.0, ge=0, le=8)
    hold_s: float = Field(default=0.0, ge=0, le=8)
    hold: Literal["dose"] | None = None


class FigureSpec(BaseModel):
    """The moving figure of one or more rungs."""

    model_config = _FILE

    rungs: list[str] = Field(min_length=1)
    shared_because: str | None = None
    title: str = Field(min_length=3)
    description: str = Field(min_length=20)
    props: list[Prop] = []
    motion: list[Step] = Field(min_length=2)
    tempo_source: str = Field(min_length=3)
    """Where the move times come from: the steps or cues they follow."""
    show_other_side: bool = True
    """False where the other side is a mirror image the description asks for in words."""

    @model_validator(mode="after")
    def _loop(self) -> Self:
        if len(self.rungs) > 1 and not self.shared_because:
            raise ValueError("a figure drawn for several rungs needs shared_because")
        if self.motion[0].pose != self.motion[-1].pose:
            raise ValueError("the motion must end in the pose it starts from, to loop")
        return self


class MistakeSpec(BaseModel):
    """A common mistake drawn beside the right form: two poses, a label and plain words."""

    model_config = _FILE

    rung: str
    right: str
    wrong: str
    label: str = Field(min_length=3)
    text: str = Field(min_length=10)


class FigureFile(BaseModel):
    """Everything in one figures file."""

    model_config = _FILE

    exercise: str
    view: Literal["side", "front"] = "side"
    poses: dict[str, PoseSpec] = Field(min_length=1)
    figures: list[FigureSpec] = Field(min_length=1)
    mistakes: list[MistakeSpec] = []
