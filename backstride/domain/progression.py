"""Progression by pain: progress, hold, regress or stop, with the reason and the numbers.

The decision table is DOMAIN.md 2.4 (pain-monitoring model, traffic lights, the nerve rule);
the steps are the ladder of DOMAIN.md 2.6. Rules are evaluated in table order and the first
that applies decides. Where DOMAIN.md leaves a boundary open, the rule's `policy` says which
reading was taken.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from backstride.domain.catalogue import Catalogue, Rung
from backstride.domain.prescription import Prescription, dose_of, starting_prescription
from backstride.errors import InvalidInput

Action = Literal["progress", "hold", "regress", "stop"]
ACTIONS: tuple[Action, ...] = ("progress", "hold", "regress", "stop")
Numbers = dict[str, float | int | None]

# DOMAIN.md 2.4: during-pain zones on the 0-10 NRS.
GREEN_MAX = 3
ACCEPTABLE_MAX = 5
# DOMAIN.md 2.6: reps go up 2 at a time, holds 5 s at a time.
REPS_STEP = 2
HOLD_STEP_S = 5
SEE_CLINICIAN = "two regressions in a row: see a physiotherapist or GP (see_clinician)"


@dataclass(frozen=True, slots=True)
class SessionSignal:
    """What one session with this exercise told us: pain during, the next morning, flags."""

    session_day: date
    pain_during_max: int | None
    next_morning: int | None
    baseline: float | None
    leg_symptoms: bool = False
    red_flag: bool = False

    def __post_init__(self) -> None:
        for name in ("pain_during_max", "next_morning", "baseline"):
            value: object = getattr(self, name)
            allowed = (int,) if name != "baseline" else (int, float)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, allowed) or not 0 <= value <= 10:
                kind = "whole number" if name != "baseline" else "number"
                raise InvalidInput(
                    f"{name.replace('_', ' ')} {value!r} is not valid: "
                    f"give a {kind} from 0 to 10 (0-10 NRS), or leave it out"
                )

    @property
    def complete(self) -> bool:
        """True when pain during, next-morning pain and the usual baseline are all known."""
        return (
            self.pain_during_max is not None
            and self.next_morning is not None
            and self.baseline is not None
        )

    @property
    def settled(self) -> bool:
        """Next-morning pain known and no higher than the usual morning pain."""
        return (
            self.next_morning is not None
            and self.baseline is not None
            and self.next_morning <= self.baseline
        )

    @property
    def morning_above_baseline(self) -> bool:
        """Next-morning pain known and higher than usual, by any amount."""
        return (
            self.next_morning is not None
            and self.baseline is not None
            and self.next_morning > self.baseline
        )

    @property
    def green(self) -> bool:
        """Pain during at most 3 and settled by the next morning."""
        return (
            self.pain_during_max is not None and self.pain_during_max <= GREEN_MAX and self.settled
        )


@dataclass(frozen=True, slots=True)
class Facts:
    """What the rules look at: the latest signal, the one before and earlier decisions."""

    latest: SessionSignal | None
    previous: SessionSignal | None
    week_on_week_rise: bool
    previous_decisions: tuple[str, ...]

    @property
    def last_decision(self) -> str | None:
        """The action of the decision before this one, if any."""
        return self.previous_decisions[-1] if self.previous_decisions else None


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
    """The next session's dose for one exercise, why, and the numbers the rule used."""

    action: Action
    prescription: Prescription
    reason: str
    rule: str
    suggest_clinician: bool
    numbers: Numbers


def _flagged(f: Facts) -> bool:
    return f.latest is not None and (f.latest.leg_symptoms or f.latest.red_flag)


def _too_much(f: Facts) -> bool:
    latest = f.latest
    high_during = (
        latest is not None
        and latest.pain_during_max is not None
        and latest.pain_during_max > ACCEPTABLE_MAX
    )
    worse_morning = latest is not None and latest.morning_above_baseline
    return high_during or worse_morning or f.week_on_week_rise


def _acceptable_and_settled(f: Facts) -> bool:
    latest = f.latest
    return (
        latest is not None
        and latest.pain_during_max is not None
        and GREEN_MAX < latest.pain_during_max <= ACCEPTABLE_MAX
        and latest.settled
    )


def _missing(f: Facts) -> bool:
    return f.latest is None or not f.latest.complete


def _two_green_at_this_dose(f: Facts) -> bool:
    return (
        f.latest is not None
        and f.previous is not None
        and f.latest.green
        and f.previous.green
        and f.last_decision not in ("progress", "regress")
    )


RULES: tuple[Rule, ...] = (
    Rule("S1", _flagged, "stop", "DOMAIN.md 2.4; DOMAIN.md 2.2"),
    Rule(
        "R1",
        _too_much,
        "regress",
        "DOMAIN.md 2.4; DOMAIN.md 2.6",
        policy="Next-morning pain above the usual baseline by any amount (even 0.5) regresses; "
        "a regression at the easiest dose still counts toward two in a row.",
    ),
    Rule(
        "H1",
        _acceptable_and_settled,
        "hold",
        "DOMAIN.md 2.4",
        policy="Pain during 4 or 5 holds; 3 counts as green (DOMAIN.md 2.4 gives '<= 2 (<= 3)').",
    ),
    Rule("H2", _missing, "hold", "DOMAIN.md 2.4"),
    Rule(
        "P1",
        _two_green_at_this_dose,
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
    week_on_week_rise: bool,
    previous_decisions: Sequence[str],
) -> Decision:
    """The next dose from the sessions with this exercise (oldest first) and past decisions."""
    facts = Facts(
        latest=signals[-1] if signals else None,
        previous=signals[-2] if len(signals) >= 2 else None,
        week_on_week_rise=week_on_week_rise,
        previous_decisions=tuple(previous_decisions),
    )
    rule = next(rule for rule in RULES if rule.applies(facts))
    return _BUILDERS[rule.id](catalogue, current, facts, rule)


def progress_step(catalogue: Catalogue, p: Prescription) -> tuple[Prescription, str]:
    """One step up the DOMAIN.md 2.6 ladder: reps, then hold time, then the next rung."""
    dose = dose_of(catalogue, p)
    if _counts_reps(p) and dose.reps is not None and p.reps < dose.reps.high:
        reps = min(p.reps + REPS_STEP, dose.reps.high)
        return p.with_dose(reps, p.hold_s), f"from {p.reps} to {reps} reps"
    if dose.hold_s is not None and p.hold_s is not None and p.hold_s < dose.hold_s.high:
        hold_s = min(p.hold_s + HOLD_STEP_S, dose.hold_s.high)
        return p.with_dose(p.reps, hold_s), f"from {p.hold_s} to {hold_s} s hold"
    rung = catalogue.next_level(p.level_id)
    if rung is None:
        name = catalogue.rung(p.level_id).name
        return p, f"already at the hardest dose of this ladder ({name}, {p.describe()})"
    return _move_to(catalogue, p, rung)


def regress_step(catalogue: Catalogue, p: Prescription) -> tuple[Prescription, str]:
    """One step down: hold time, then reps, then the previous rung at the low end of its dose."""
    dose = dose_of(catalogue, p)
    if dose.hold_s is not None and p.hold_s is not None and p.hold_s > dose.hold_s.low:
        hold_s = max(p.hold_s - HOLD_STEP_S, dose.hold_s.low)
        return p.with_dose(p.reps, hold_s), f"from {p.hold_s} to {hold_s} s hold"
    if _counts_reps(p) and dose.reps is not None and p.reps > dose.reps.low:
        reps = max(p.reps - REPS_STEP, dose.reps.low)
        return p.with_dose(reps, p.hold_s), f"from {p.reps} to {reps} reps"
    rung = catalogue.previous_level(p.level_id)
    if rung is None:
        name = catalogue.rung(p.level_id).name
        return p, f"already at the easiest dose ({name}, {p.describe()})"
    return _move_to(catalogue, p, rung)


def _counts_reps(p: Prescription) -> bool:
    """Whether the rep count is a step of its own: not when the reps are the circuit's rounds.

    The plank's 3-5 reps are read as one hold per round (its dose's `choice`), so the routine's
    rounds carry that number and progression moves the hold time instead.
    """
    return p.reps_scope == "each_set"


def _move_to(catalogue: Catalogue, p: Prescription, rung: Rung) -> tuple[Prescription, str]:
    """Another rung at the low end of its dose: a new family starts from its own default."""
    if rung.exercise.id == p.exercise_id:
        start = starting_prescription(rung.exercise, rung.level_id)
        moved = replace(p, level_id=rung.level_id, reps=start.reps, hold_s=start.hold_s)
    else:
        moved = starting_prescription(rung.exercise, rung.level_id)
    old_name = catalogue.rung(p.level_id).name
    return moved, (
        f"from {old_name} ({p.describe()}) to {rung.name} ({moved.describe()}), "
        "the low end of its dose"
    )


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


def _regress(catalogue: Catalogue, current: Prescription, f: Facts, rule: Rule) -> Decision:
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
    if f.week_on_week_rise:
        why.append("your pain or stiffness rose from one week to the next")
        numbers["week_on_week_rise"] = True
    prescription, change = regress_step(catalogue, current)
    step = f"one step down, {change}" if prescription != current else f"{change}, so stay there"
    clinician = f.last_decision == "regress"
    numbers["previous_decision_regress"] = clinician
    if clinician:
        step += f"; {SEE_CLINICIAN}"
    reason = _sentence(_capitalise("; ".join(why)), step, rule)
    return Decision("regress", prescription, reason, rule.id, clinician, numbers)


def _hold_acceptable(catalogue: Catalogue, current: Prescription, f: Facts, rule: Rule) -> Decision:
    latest = f.latest
    assert latest is not None and latest.baseline is not None
    why = (
        f"Pain during reached {latest.pain_during_max} ({GREEN_MAX + 1} to {ACCEPTABLE_MAX} is "
        f"acceptable, not yet green) and next-morning pain was {latest.next_morning}, no higher "
        f"than your usual {_score(latest.baseline)}"
    )
    return _hold_same(current, why, rule, latest)


def _hold_same(
    current: Prescription, why: str, rule: Rule, latest: SessionSignal, then: str = ""
) -> Decision:
    """Repeat the current dose, saying why (and, optionally, what would change it)."""
    what = f"repeat the same dose, {current.describe()}" + (f"; {then}" if then else "")
    reason = _sentence(why, what, rule)
    return Decision("hold", current, reason, rule.id, False, _signal_numbers(latest))


def _hold_missing(catalogue: Catalogue, current: Prescription, f: Facts, rule: Rule) -> Decision:
    latest = f.latest
    same = f"until then repeat the same dose, {current.describe()}"
    if latest is None:
        why = "No session with this exercise has been logged yet"
        todo = "log your highest pain during it and your morning pain the day after"
        return Decision(
            "hold", current, _sentence(why, f"{todo}; {same}", rule), rule.id, False, {}
        )
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
    return _hold_same(current, why, rule, latest, "one more session like this and the dose goes up")


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


_BUILDERS: dict[str, Builder] = {
    "S1": _stop,
    "R1": _regress,
    "H1": _hold_acceptable,
    "H2": _hold_missing,
    "P1": _progress,
    "H3": _hold_one_green,
}
