"""What a played session did, exercise by exercise: planned steps against steps done."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from backstride.domain.player import Completion
from backstride.domain.session import Step
from backstride.domain.session_safety import ends_exercise

WORK_KINDS = ("hold", "reps")


@dataclass(frozen=True, slots=True)
class ExerciseOutcome:
    """One exercise of the session: its work steps planned, done in full, skipped; pain.

    `stopped_for_pain` is the score above 5 that ended the exercise (DOMAIN.md 2.1.4), and
    `work_dropped` counts its work steps that were then never played.
    """

    exercise_id: str
    level_id: str
    work_planned: int
    work_done: int
    work_skipped: int
    rounds_done: int
    pain_scores: tuple[int, ...]
    leg_symptoms: bool
    stopped_for_pain: int | None = None
    work_dropped: int = 0

    @property
    def pain_during_max(self) -> int | None:
        """The highest pain reported for this exercise, if any."""
        return max(self.pain_scores) if self.pain_scores else None


def summarise(
    steps: Sequence[Step],
    completions: Iterable[Completion],
    pain_answers: Iterable[tuple[int, int]],
    leg_symptoms_step: int | None,
    dropped_steps: Iterable[int] = (),
) -> list[ExerciseOutcome]:
    """Group the timeline's work steps by exercise (first appearance order) with what happened.

    `pain_answers` pairs a step index (the step that ended the exercise block) with a score;
    `leg_symptoms_step` is the step at which leg symptoms were reported, if they were;
    `dropped_steps` are the steps the player passed over because their exercise was ended.
    """
    ended = {c.step_index: c.skipped for c in completions}
    dropped = set(dropped_steps)
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
        scores = tuple(pains.get(key, []))
        outcomes.append(
            ExerciseOutcome(
                exercise_id=key,
                level_id=first.level_id,
                work_planned=len(work),
                work_done=len(done),
                work_skipped=sum(1 for i in work if ended.get(i) is True),
                rounds_done=len(full_rounds),
                pain_scores=scores,
                leg_symptoms=leg_exercise == key,
                stopped_for_pain=next((score for score in scores if ends_exercise(score)), None),
                work_dropped=sum(1 for i in work if i in dropped),
            )
        )
    return outcomes


def did_work(outcomes: Iterable[ExerciseOutcome]) -> bool:
    """True when at least one hold or reps step was played to its end (app-policy)."""
    return any(outcome.work_done > 0 for outcome in outcomes)


def session_completed(reached_end: bool, outcomes: Iterable[ExerciseOutcome]) -> bool:
    """A session counts as completed only if it reached its end AND some work was done.

    app-policy: a session whose every hold and rep was skipped did nothing and is partial;
    an exercise ended for pain (DOMAIN.md 2.1.4) does not stop a session from reaching its end.
    """
    return reached_end and did_work(outcomes)


def _exercise_of(step: Step) -> str:
    return step.exercise_id or ""
