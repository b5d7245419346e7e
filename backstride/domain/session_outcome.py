"""What a played session did, exercise by exercise: planned steps against steps done."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from backstride.domain.player import Completion
from backstride.domain.session import Step

WORK_KINDS = ("hold", "reps")


@dataclass(frozen=True, slots=True)
class ExerciseOutcome:
    """One exercise of the session: its work steps planned, done in full, skipped; pain."""

    exercise_id: str
    level_id: str
    work_planned: int
    work_done: int
    work_skipped: int
    rounds_done: int
    pain_scores: tuple[int, ...]
    leg_symptoms: bool

    @property
    def pain_during_max(self) -> int | None:
        """The highest pain reported for this exercise, if any."""
        return max(self.pain_scores) if self.pain_scores else None


def summarise(
    steps: Sequence[Step],
    completions: Iterable[Completion],
    pain_answers: Iterable[tuple[int, int]],
    leg_symptoms_step: int | None,
) -> list[ExerciseOutcome]:
    """Group the timeline's work steps by exercise (first appearance order) with what happened.

    `pain_answers` pairs a step index (the step that ended the exercise block) with a score;
    `leg_symptoms_step` is the step at which leg symptoms were reported, if they were.
    """
    ended = {c.step_index: c.skipped for c in completions}
    pains: dict[str, list[int]] = {}
    for index, score in pain_answers:
        pains.setdefault(_exercise_of(steps[index]), []).append(score)
    leg_exercise = None if leg_symptoms_step is None else _exercise_of(steps[leg_symptoms_step])
    order: list[str] = []
    for step in steps:
        key = _exercise_of(step)
        if step.kind in WORK_KINDS and key not in order:
            order.append(key)
    outcomes = []
    for key in order:
        work = [i for i, s in enumerate(steps) if s.kind in WORK_KINDS and _exercise_of(s) == key]
        done = [i for i in work if i in ended and not ended[i]]
        rounds = {steps[i].round for i in work}
        full_rounds = [r for r in rounds if all(i in done for i in work if steps[i].round == r)]
        first = steps[work[0]]
        outcomes.append(
            ExerciseOutcome(
                exercise_id=key,
                level_id=first.level_id,
                work_planned=len(work),
                work_done=len(done),
                work_skipped=sum(1 for i in work if ended.get(i) is True),
                rounds_done=len(full_rounds),
                pain_scores=tuple(pains.get(key, [])),
                leg_symptoms=leg_exercise == key,
            )
        )
    return outcomes


def _exercise_of(step: Step) -> str:
    return step.exercise_id or ""
