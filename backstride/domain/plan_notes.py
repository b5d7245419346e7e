"""What the week plan says beside its days: each ladder's next dose and today's routine."""

from backstride.domain.catalogue import Catalogue
from backstride.domain.progression import Decision
from backstride.domain.session_record import SessionRecord
from backstride.domain.todays_routine import RoutinePlan
from backstride.errors import InvalidInput

DoseChange = tuple[str, str, str]  # exercise name, action, reason


def dose_changes(
    cat: Catalogue, sessions: list[SessionRecord], decisions: dict[str, Decision]
) -> tuple[list[DoseChange], str | None]:
    """Each ladder's next decision from the sessions logged so far, with its reason."""
    if not sessions:
        note = (
            "No strength sessions are logged yet, so no dose changes: the first sessions start "
            "at the low end of each exercise's dose."
        )
        return [], note
    changes: list[DoseChange] = []
    for chain, decision in sorted(decisions.items()):
        try:
            name = cat.rung(decision.prescription.level_id).name
        except InvalidInput:
            name = chain
        changes.append((name, decision.action, decision.reason))
    if not changes:
        return [], "The sessions logged so far hold no doses to change yet."
    return changes, None


def routine_text(plan: RoutinePlan) -> str:
    """Today's routine as short lines: each exercise's dose, then rounds and rest."""
    lines = [f"{item.level_name} - {item.prescription.describe()}" for item in plan.routine.items]
    lines.append(
        f"{plan.routine.rounds} rounds, {plan.routine.rest_between_exercises_s} s rest between "
        "exercises; the guided session takes you through it."
    )
    return "\n".join(lines)


def sentence(text: str) -> str:
    """A clause as a sentence: a capital first, a full stop last unless it has one."""
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
