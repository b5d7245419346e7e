"""A printable handout of today's programme: each exercise as it is done, and the safety net.

What goes on it follows the routine (domain/todays_routine.py) and the catalogue; a level at
which no exercise is allowed (emergency, urgent) gives a handout of what to do instead, with no
exercise on it (DOMAIN.md 2.1.2).
"""

from dataclasses import dataclass
from datetime import date

from backstride.domain.catalogue import UNIVERSAL_STOP_SIGNS
from backstride.domain.figure_motion import Figure
from backstride.domain.figures import FigureBook
from backstride.domain.plain_sources import for_people
from backstride.domain.safety_status import SafetyStatus
from backstride.domain.todays_routine import RoutinePlan
from backstride.domain.triage_texts import HEADLINES, NEXT_STEPS, SAFETY_NET


@dataclass(frozen=True, slots=True)
class HandoutExercise:
    """One exercise as the runner does it today: the rung, the dose, how, and when to stop."""

    name: str
    dose: str
    optional: bool
    why: str
    start: str
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    mistakes: tuple[str, ...]
    cautions: tuple[str, ...]
    stop_if: tuple[str, ...]
    figure: Figure | None
    pinned: str | None = None
    """'pinned by <login>: <reason>' when a clinician pinned this exercise."""


@dataclass(frozen=True, slots=True)
class Handout:
    """The whole handout: for whom and when, the level, the exercises, the safety net."""

    made_on: date
    level: str | None
    headline: str
    next_steps: str
    exercises: tuple[HandoutExercise, ...]
    rounds: int
    rest_between_s: int
    minutes: int
    no_programme: str | None
    safety_net: str
    stop_any_if: tuple[str, ...] = tuple(for_people(text) for text, _ in UNIVERSAL_STOP_SIGNS)
    """What ends any exercise (DOMAIN.md 2.4), said once rather than under each."""
    note: tuple[str, str] | None = None
    """A linked clinician's note in force: (their login, the note); shown at any level."""


def handout_of(
    plan: RoutinePlan | None,
    status: SafetyStatus,
    refusal: str | None,
    made_on: date,
    figures: FigureBook,
    note: tuple[str, str] | None = None,
) -> Handout:
    """The handout for today's routine, or, where there is none, for what to do instead;
    with the clinician's note and pins when there are any."""
    level = status.level
    headline = HEADLINES[level] if level else "No screening yet."
    steps = NEXT_STEPS[level] if level else "Answer the screening first: it checks warning signs."
    net = SAFETY_NET[level] if level in ("emergency", "urgent_doctor") else SAFETY_NET["self_care"]
    if plan is None:
        return Handout(made_on, level, headline, steps, (), 0, 0, 0, refusal, net, note=note)
    exercises = tuple(
        HandoutExercise(
            name=item.level_name,
            dose=item.prescription.describe(),
            optional=item.optional,
            why=for_people(item.reason),
            start=for_people(item.exercise.starting_position),
            steps=tuple(for_people(s) for s in item.exercise.steps),
            cues=tuple(for_people(c) for c in item.exercise.cues),
            mistakes=tuple(for_people(m) for m in item.exercise.common_mistakes),
            cautions=tuple(for_people(n.text) for n in item.exercise.cautions),
            stop_if=tuple(for_people(n.text) for n in item.exercise.stop_signs),
            figure=figures.by_rung.get(item.prescription.level_id),
            pinned=plan.pinned.get(item.exercise.id),
        )
        for item in plan.routine.items
    )
    routine = plan.routine
    return Handout(
        made_on,
        level,
        headline,
        steps,
        exercises,
        routine.rounds,
        routine.rest_between_exercises_s,
        plan.minutes,
        None,
        net,
        note=note,
    )
