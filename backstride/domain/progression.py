"""Progression by pain: progress, hold, regress or stop, with the reason and the numbers.

The decision table is DOMAIN.md 2.4 (pain-monitoring model, traffic lights, the nerve rule)
as sharpened by DOMAIN.md 2.1.4 (the session decides together, the volume cut and the stop at
the bottom, the morning week-on-week rise); the steps are those of `dose_steps`. Rules are
evaluated in table order and the first that applies decides. Where DOMAIN.md leaves a
boundary open, the rule's `policy` says which reading was taken.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from backstride.domain.catalogue import Catalogue
from backstride.domain.dose_steps import at_volume_floor, progress_step, regress_step
from backstride.domain.pain import MIC_FRACTION, MIC_POINTS, RISE_BLOCK_POINTS, MorningRise
from backstride.domain.prescription import Prescription
from backstride.domain.progression_facts import (
    ACCEPTABLE_MAX,
    GREEN_MAX,
    Facts,
    SessionPain,
    SessionSignal,
    acceptable_and_settled,
    flagged,
    missing,
    nothing_left_to_cut,
    rise_regresses,
    too_much,
    two_green_at_this_dose,
    two_regressions,
)

Action = Literal["progress", "hold", "regress", "stop"]
ACTIONS: tuple[Action, ...] = ("progress", "hold", "regress", "stop")
Numbers = dict[str, float | int | None]

SEE_CLINICIAN = (
    "leave this exercise out of your routine until a physiotherapist or GP, or a new "
    "screening, clears it (see_clinician)"
)


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the progression table: id, predicate, action and source."""

    id: str
    applies: Callable[[Facts], bool]
    action: Action
    source: str
    policy: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """The next session's dose for one exercise, why, and the numbers the rule used.

    `excluded`: the exercise is left out of the routine until a clinician or a new screening
    clears it (DOMAIN.md 2.1.4); it always comes with `suggest_clinician`, and `prescription`
    is then the dose it comes back at.
    """

    action: Action
    prescription: Prescription
    reason: str
    rule: str
    suggest_clinician: bool
    numbers: Numbers
    excluded: bool = False


RULES: tuple[Rule, ...] = (
    Rule("S1", flagged, "stop", "DOMAIN.md 2.4; DOMAIN.md 2.2"),
    Rule(
        "X1",
        two_regressions,
        "regress",
        "DOMAIN.md 2.1.4; DOMAIN.md 2.4",
        policy="Two regressions in a row leave the exercise out on any rung, not only the "
        "easiest; a screening taken after its last session clears it.",
    ),
    Rule(
        "X2",
        nothing_left_to_cut,
        "regress",
        "DOMAIN.md 2.1.4",
        policy="The minimum is dose_steps' floor on the easiest rung: half the dose's low end, "
        "holds in whole 5 s steps, never under 1 rep or 5 s (app-policy).",
    ),
    Rule(
        "R1",
        too_much,
        "regress",
        "DOMAIN.md 2.4; DOMAIN.md 2.6; DOMAIN.md 2.1.4",
        policy="Next-morning pain above the settled baseline by any amount (even 0.5) "
        "regresses; on the easiest rung the step is a volume cut (dose_steps).",
    ),
    Rule(
        "R2",
        rise_regresses,
        "regress",
        "DOMAIN.md 2.1.4; DOMAIN.md 2.3",
        policy="The worst week-on-week rise of morning pain on any day since the exercise's "
        "last session counts, so a rise seen once is not forgotten while the exercise waits.",
    ),
    Rule(
        "H2",
        missing,
        "hold",
        "DOMAIN.md 2.4; app-policy",
        policy="A log with no work done (every hold skipped, or never reached) counts as "
        "missing: it is no evidence for a higher dose.",
    ),
    Rule(
        "B1",
        lambda f: f.session_pain is not None,
        "hold",
        "DOMAIN.md 2.1.4",
        policy="'The last session' is the most recent one, whichever ladders it held; the "
        "exercise with the highest pain during is the one named.",
    ),
    Rule(
        "B2",
        lambda f: f.rise is not None and f.rise.blocks,
        "hold",
        "DOMAIN.md 2.1.4",
        policy="'Held over the week' is read as the mean of the last 7 days against the 7 "
        "before, the same windows as the minimal-important-change verdict.",
    ),
    Rule(
        "H1",
        acceptable_and_settled,
        "hold",
        "DOMAIN.md 2.4",
        policy="Pain during 4 or 5 holds; 3 counts as green (DOMAIN.md 2.4 gives '<= 2 (<= 3)').",
    ),
    Rule(
        "P1",
        two_green_at_this_dose,
        "progress",
        "DOMAIN.md 2.4; DOMAIN.md 2.6",
        policy="The two green sessions must both be at the current dose: right after a "
        "progression or regression, one session at the new dose is not enough.",
    ),
    Rule("H3", lambda f: True, "hold", "DOMAIN.md 2.4"),
)


def decide(
    catalogue: Catalogue,
    current: Prescription,
    signals: Sequence[SessionSignal],
    rise: MorningRise | None,
    previous_decisions: Sequence[str],
    *,
    session_pain: SessionPain | None = None,
    cleared_on: date | None = None,
) -> Decision:
    """The next dose from the sessions with this exercise (oldest first) and past decisions.

    `rise` is the week-on-week change in morning pain, `session_pain` the exercise of the last
    session (any exercise) whose pain during went above 5, `cleared_on` the day of a screening
    taken after this exercise's last session.
    """
    facts = Facts(
        latest=signals[-1] if signals else None,
        previous=signals[-2] if len(signals) >= 2 else None,
        previous_decisions=tuple(previous_decisions),
        rise=rise,
        session_pain=session_pain,
        cleared_on=cleared_on,
        at_floor=at_volume_floor(catalogue, current),
    )
    rule = next(rule for rule in RULES if rule.applies(facts))
    return _BUILDERS[rule.id](catalogue, current, facts, rule)


def _score(value: float) -> str:
    """A usual (mean) morning score as a person reads it: 4.0, 4.5, 3.25."""
    return f"{value:.1f}" if round(value, 1) == value else f"{value:.2f}"


def _cite(source: str) -> str:
    """'DOMAIN.md 2.4; DOMAIN.md 2.6' reads as 'DOMAIN.md 2.4, 2.6'."""
    parts = source.split("; ")
    prefix = "DOMAIN.md "
    if all(part.startswith(prefix) for part in parts):
        return prefix + ", ".join(part.removeprefix(prefix) for part in parts)
    return "; ".join(parts)


def _sentence(why: str, what: str, rule: Rule) -> str:
    return f"{why}: {what} ({_cite(rule.source)})."


def _signal_numbers(signal: SessionSignal, prefix: str = "") -> Numbers:
    return {
        f"{prefix}pain_during_max": signal.pain_during_max,
        f"{prefix}next_morning": signal.next_morning,
        f"{prefix}baseline": signal.baseline,
    }


Builder = Callable[[Catalogue, Prescription, Facts, Rule], Decision]


def _stop(catalogue: Catalogue, current: Prescription, f: Facts, rule: Rule) -> Decision:
    assert f.latest is not None
    latest = f.latest
    what = [
        text
        for flag, text in (
            (latest.leg_symptoms, "new or spreading leg symptoms"),
            (latest.red_flag, "a red-flag answer"),
        )
        if flag
    ]
    why = f"You reported {' and '.join(what)} since the session on {latest.session_day}"
    todo = (
        "stop this exercise and run the screening questionnaire again before any more "
        "exercise; it says who to see"
    )
    numbers: Numbers = {"leg_symptoms": latest.leg_symptoms, "red_flag": latest.red_flag}
    return Decision("stop", current, _sentence(why, todo, rule), rule.id, False, numbers)


def _rise_text(rise: MorningRise) -> str:
    return (
        f"your morning pain averaged {rise.recent_mean:.1f} in the 7 days to {rise.day}, up "
        f"{rise.change_points:.1f} from {rise.earlier_mean:.1f} the week before"
    )


def _rise_numbers(rise: MorningRise) -> Numbers:
    return {
        "rise_earlier_mean": rise.earlier_mean,
        "rise_recent_mean": rise.recent_mean,
        "rise_points": rise.change_points,
        "rise_regresses": rise.regresses,
    }


def _why_regress(f: Facts) -> tuple[str, Numbers]:
    """Every regression signal that applies, in words and numbers."""
    latest = f.latest
    why: list[str] = []
    numbers: Numbers = {}
    pain_during = latest.pain_during_max if latest is not None else None
    if pain_during is not None and pain_during > ACCEPTABLE_MAX:
        why.append(f"pain during reached {pain_during} (above {ACCEPTABLE_MAX})")
        numbers["pain_during_max"] = pain_during
    if latest is not None and latest.morning_above_baseline:
        assert latest.next_morning is not None and latest.baseline is not None
        why.append(
            f"next-morning pain was {latest.next_morning}, above your usual "
            f"{_score(latest.baseline)}"
        )
        numbers |= {"next_morning": latest.next_morning, "baseline": latest.baseline}
    if f.rise is not None and f.rise.regresses:
        mic = f"{MIC_POINTS} points or {round(MIC_FRACTION * 100)} %"
        why.append(f"{_rise_text(f.rise)}, at least the minimal important change ({mic})")
        numbers |= _rise_numbers(f.rise)
    numbers |= {"previous_decision_regress": f.last_decision == "regress", "at_floor": f.at_floor}
    return _capitalise("; ".join(why)), numbers


def _regress(catalogue: Catalogue, current: Prescription, f: Facts, rule: Rule) -> Decision:
    why, numbers = _why_regress(f)
    prescription, change = regress_step(catalogue, current)
    if f.cleared_on is not None and (f.at_floor or f.last_decision == "regress"):
        numbers["cleared_by_screening"] = True
        why += (
            f"; your screening on {f.cleared_on} cleared this exercise to come back after it "
            "was left out"
        )
    if prescription == current:
        step = f"{change}, so repeat that smallest dose"
    else:
        step = f"one step down, {change}"
    reason = _sentence(why, step, rule)
    return Decision("regress", prescription, reason, rule.id, False, numbers)


def _exclude(catalogue: Catalogue, current: Prescription, f: Facts, rule: Rule) -> Decision:
    why, numbers = _why_regress(f)
    if rule.id == "X1":
        why += "; the decision before this one was a regression too, so two in a row"
    prescription, change = regress_step(catalogue, current)
    if prescription == current:
        why += f"; {change}, with nothing left to cut"
        back = f"it comes back at {current.describe()}"
    else:
        back = f"it comes back one step down, {change}"
    reason = _sentence(why, f"{SEE_CLINICIAN}; {back}", rule)
    return Decision("regress", prescription, reason, rule.id, True, numbers, excluded=True)


def _hold_session_pain(
    catalogue: Catalogue, current: Prescription, f: Facts, rule: Rule
) -> Decision:
    pain = f.session_pain
    assert pain is not None
    why = (
        f"{pain.exercise} reached {pain.pain_during_max} during the session on "
        f"{pain.session_day} (above {ACCEPTABLE_MAX}), and a session counts as a whole"
    )
    numbers: Numbers = {"session_pain_during_max": pain.pain_during_max}
    return _hold_same(current, why, rule, numbers, "no exercise goes up at the next one, so ")


def _hold_rise(catalogue: Catalogue, current: Prescription, f: Facts, rule: Rule) -> Decision:
    assert f.rise is not None
    why = (
        f"{_capitalise(_rise_text(f.rise))}: a rise of {RISE_BLOCK_POINTS} point or more "
        "stops the dose going up until it eases"
    )
    return _hold_same(current, why, rule, _rise_numbers(f.rise))


def _hold_acceptable(catalogue: Catalogue, current: Prescription, f: Facts, rule: Rule) -> Decision:
    latest = f.latest
    assert latest is not None and latest.baseline is not None
    why = (
        f"Pain during reached {latest.pain_during_max} ({GREEN_MAX + 1} to {ACCEPTABLE_MAX} is "
        f"acceptable, not yet green) and next-morning pain was {latest.next_morning}, no higher "
        f"than your usual {_score(latest.baseline)}"
    )
    return _hold_same(current, why, rule, _signal_numbers(latest))


def _hold_same(
    current: Prescription, why: str, rule: Rule, numbers: Numbers, lead: str = "", then: str = ""
) -> Decision:
    """Repeat the current dose, saying why (and, optionally, what would change it)."""
    what = f"{lead}repeat the same dose, {current.describe()}" + (f"; {then}" if then else "")
    return Decision("hold", current, _sentence(why, what, rule), rule.id, False, numbers)


def _hold_missing(catalogue: Catalogue, current: Prescription, f: Facts, rule: Rule) -> Decision:
    latest = f.latest
    same = f"until then repeat the same dose, {current.describe()}"
    if latest is None:
        why = "No session with this exercise has been logged yet"
        todo = "log your highest pain during it and your morning pain the day after"
        return Decision(
            "hold", current, _sentence(why, f"{todo}; {same}", rule), rule.id, False, {}
        )
    if latest.skipped_all:
        why = (
            f"Nothing of this exercise was done in the session on {latest.session_day} "
            "(work done 0), so that session says nothing about the dose"
        )
        return _hold_same(current, why, rule, {"work_done": 0})
    known: list[str] = []
    todo_parts: list[str] = []
    if latest.pain_during_max is None:
        todo_parts.append("log your highest pain during the exercise")
    else:
        known.append(f"pain during was {latest.pain_during_max}")
    if latest.next_morning is None:
        morning = latest.session_day + timedelta(days=1)
        todo_parts.append(f"log your morning pain on {morning}, the morning after the session")
    else:
        known.append(f"next-morning pain was {latest.next_morning}")
    if latest.baseline is None:
        todo_parts.append(
            "log your morning pain on a few mornings without a session, so your usual level "
            "is known"
        )
    else:
        known.append(f"your usual morning pain is {_score(latest.baseline)}")
    why = "Not enough to decide" + (f" ({', '.join(known)})" if known else "")
    reason = _sentence(why, "; ".join([*todo_parts, same]), rule)
    return Decision("hold", current, reason, rule.id, False, _signal_numbers(latest))


def _progress(catalogue: Catalogue, current: Prescription, f: Facts, rule: Rule) -> Decision:
    assert f.latest is not None and f.previous is not None
    latest, previous = f.latest, f.previous
    assert latest.baseline is not None and previous.baseline is not None
    usual = _score(latest.baseline)
    if previous.baseline != latest.baseline:
        usual = f"{_score(previous.baseline)} and {usual}"
    why = (
        f"Pain during stayed at {previous.pain_during_max} and {latest.pain_during_max} "
        f"(at most {GREEN_MAX}) and next-morning pain was {previous.next_morning} and "
        f"{latest.next_morning}, no higher than your usual {usual}, two sessions in a row"
    )
    numbers = _signal_numbers(previous, "previous_") | _signal_numbers(latest)
    prescription, change = progress_step(catalogue, current)
    if prescription == current:
        what = f"{change}, so hold there"
        return Decision("hold", current, _sentence(why, what, rule), rule.id, False, numbers)
    reason = _sentence(why, f"one step up, {change}", rule)
    return Decision("progress", prescription, reason, rule.id, False, numbers)


def _hold_one_green(catalogue: Catalogue, current: Prescription, f: Facts, rule: Rule) -> Decision:
    latest = f.latest
    assert latest is not None and latest.baseline is not None
    why = (
        f"Pain during was {latest.pain_during_max} (at most {GREEN_MAX}) and next-morning pain "
        f"was {latest.next_morning}, no higher than your usual {_score(latest.baseline)}, "
        "one green session at this dose so far"
    )
    then = "one more session like this and the dose goes up"
    return _hold_same(current, why, rule, _signal_numbers(latest), then=then)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


_BUILDERS: dict[str, Builder] = {
    "S1": _stop,
    "X1": _exclude,
    "X2": _exclude,
    "R1": _regress,
    "R2": _regress,
    "B1": _hold_session_pain,
    "B2": _hold_rise,
    "H1": _hold_acceptable,
    "H2": _hold_missing,
    "P1": _progress,
    "H3": _hold_one_green,
}
