"""The facts the progression rules look at, and the question each rule asks of them.

The zones are DOMAIN.md 2.4's traffic lights on the 0-10 NRS; the baseline a signal carries is
the settled baseline of DOMAIN.md 2.1.4 (`pain.settled_baseline`).
"""

from dataclasses import dataclass
from datetime import date

from backstride.domain.pain import MorningRise
from backstride.errors import InvalidInput

# DOMAIN.md 2.4: during-pain zones on the 0-10 NRS.
GREEN_MAX = 3
ACCEPTABLE_MAX = 5


@dataclass(frozen=True, slots=True)
class SessionSignal:
    """What one session with this exercise told us: pain during, the next morning, flags.

    `skipped_all` says that none of the exercise's work was done (every hold skipped or the
    exercise never reached): such a log is no evidence about the dose.
    """

    session_day: date
    pain_during_max: int | None
    next_morning: int | None
    baseline: float | None
    leg_symptoms: bool = False
    red_flag: bool = False
    skipped_all: bool = False

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
        """Work done, pain during at most 3 and settled by the next morning."""
        return (
            not self.skipped_all
            and self.pain_during_max is not None
            and self.pain_during_max <= GREEN_MAX
            and self.settled
        )


@dataclass(frozen=True, slots=True)
class SessionPain:
    """The exercise of the last session whose pain during went above 5, and how high."""

    exercise: str
    pain_during_max: int
    session_day: date


@dataclass(frozen=True, slots=True)
class Facts:
    """What the rules look at: the signals, earlier decisions and the session-wide facts.

    `rise` is the week-on-week change in morning pain; `session_pain` the exercise of the last
    session with pain during above 5; `cleared_on` the day of a screening taken after this
    exercise's last session; `at_floor` whether the dose is the smallest of the easiest rung.
    """

    latest: SessionSignal | None
    previous: SessionSignal | None
    previous_decisions: tuple[str, ...]
    rise: MorningRise | None = None
    session_pain: SessionPain | None = None
    cleared_on: date | None = None
    at_floor: bool = False

    @property
    def last_decision(self) -> str | None:
        """The action of the decision before this one, if any."""
        return self.previous_decisions[-1] if self.previous_decisions else None


def flagged(f: Facts) -> bool:
    """New or spreading leg symptoms, or a red-flag answer, since the latest session."""
    return f.latest is not None and (f.latest.leg_symptoms or f.latest.red_flag)


def too_much(f: Facts) -> bool:
    """Pain during above 5, or next-morning pain above the settled baseline."""
    latest = f.latest
    high_during = (
        latest is not None
        and latest.pain_during_max is not None
        and latest.pain_during_max > ACCEPTABLE_MAX
    )
    return high_during or (latest is not None and latest.morning_above_baseline)


def rise_regresses(f: Facts) -> bool:
    """Morning pain rose week on week by the minimal important change."""
    return f.rise is not None and f.rise.regresses


def regresses(f: Facts) -> bool:
    """Any signal that the dose was too much."""
    return too_much(f) or rise_regresses(f)


def two_regressions(f: Facts) -> bool:
    """Too much again right after a regression, with no screening since."""
    return regresses(f) and f.last_decision == "regress" and f.cleared_on is None


def nothing_left_to_cut(f: Facts) -> bool:
    """Too much at the smallest dose of the easiest rung, with no screening since."""
    return regresses(f) and f.at_floor and f.cleared_on is None


def acceptable_and_settled(f: Facts) -> bool:
    """Pain during 4 or 5, settled by the next morning."""
    latest = f.latest
    return (
        latest is not None
        and latest.pain_during_max is not None
        and GREEN_MAX < latest.pain_during_max <= ACCEPTABLE_MAX
        and latest.settled
    )


def missing(f: Facts) -> bool:
    """No latest session, part of its numbers unknown, or none of its work done."""
    return f.latest is None or not f.latest.complete or f.latest.skipped_all


def two_green_at_this_dose(f: Facts) -> bool:
    """The last two sessions green, both at the current dose."""
    return (
        f.latest is not None
        and f.previous is not None
        and f.latest.green
        and f.previous.green
        and f.last_decision not in ("progress", "regress")
    )
