"""The level now: one decision from the whole screening history, its dates and the sessions.

Every adapter asks this one function what the runner's level is today (DOMAIN.md 2.1.4, "Rules
about merging answers over time"). It walks every screening and check-in in time order:

- check-ins merge onto the last full answers (a new flag always counts, see check_in.py), and a
  re-screen reads its leg symptoms against the answers before it;
- an emergency or urgent result is held until a later full screening records that a doctor has
  assessed this episode since; after that, the urgent rules the doctor has seen (history flags
  such as U1) count as see_clinician, never self care, while emergency rules still fire;
- a record dated in the future can raise the level but never replaces or clears anything, so the
  level never rests on a stored clock alone;
- the latest answers are screened again today with the weeks since the screening added to the
  duration, so C3 and C8 can fire on their own; after 4 weeks the screening is re-asked before
  the next programme, and so is one stored before answers contract version 2;
- a session that reported leg symptoms, or an exercise stopped by progression, keeps the level at
  see_clinician at least until a full re-screen.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Literal

from backstride.domain.check_in import leg_symptoms_against, merge_check_in
from backstride.domain.programme_limits import ProgrammeLimits
from backstride.domain.screening import (
    RULES_BY_ID,
    FiredRule,
    Level,
    Screening,
    more_urgent,
    screen,
    stable_two_leg_claudication,
)
from backstride.domain.screening_answers import ScreeningAnswers

STALE_AFTER = timedelta(weeks=4)  # DOMAIN.md 2.1.4 app policy: re-asked after 4 weeks
FUTURE_TOLERANCE = timedelta(minutes=5)  # clocks drift a little; more than this is the future
CHILD_AGE = 16  # DOMAIN.md 2.1.4: under 16, low load, and no programme before a clinician
ALARMS: tuple[Level, ...] = ("emergency", "urgent_doctor")

RecordKind = Literal["screen", "screen_stopped", "check_in"]
FlagKind = Literal["leg_symptoms", "clinician_advised"]
Block = Literal["no_screening", "no_full_screening", "stale", "old_contract"]
NextStep = Literal["screen", "get_help", "rescreen_after_doctor", "rescreen", "programme"]


@dataclass(frozen=True, slots=True)
class ScreeningRecord:
    """One stored screening or check-in as the history holds it."""

    id: str
    taken_at: datetime
    kind: RecordKind
    answers: ScreeningAnswers | None
    """None when the record predates answers contract version 2: its stored level stands."""
    triage: Level
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SessionFlag:
    """Something a played session reported that holds see_clinician until a full re-screen."""

    at: datetime
    kind: FlagKind
    reason: str


@dataclass(frozen=True, slots=True)
class HeldAlarm:
    """An emergency or urgent result that still stands: when, and the rules behind it."""

    level: Level
    record_id: str
    taken_at: datetime
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SafetyStatus:
    """The runner's level today and everything that decided it."""

    level: Level | None
    """None only before the first screening."""
    current: Screening | None
    """The latest full answers, merged with the check-ins since and aged to today."""
    held: HeldAlarm | None
    reasons: tuple[FiredRule, ...]
    """Every rule behind the level: the current answers', the held result's, the sessions'."""
    block: Block | None
    """Why the next programme waits for a screening, if it does."""
    limits: ProgrammeLimits
    screened_at: datetime | None
    """When the latest full screening was taken."""
    cleared_at: datetime | None
    """When a re-screen last recorded a doctor's assessment after a warning."""
    notes: tuple[str, ...] = ()
    unsure: tuple[str, ...] = field(default=())
    latest_record_at: datetime | None = None
    """When the newest trusted screening or check-in was taken."""

    @property
    def exercises_allowed(self) -> bool:
        """A programme is allowed: a level below urgent and no screening waiting to be asked."""
        return (
            self.level in ("see_clinician", "self_care")
            and self.block is None
            and not self.limits.gentle_movement_only
        )

    @property
    def next_step(self) -> NextStep:
        """The one thing to do next, as data: each adapter renders it its own way."""
        if self.level in ALARMS:
            return "get_help" if self.held is None else "rescreen_after_doctor"
        if self.block == "no_screening" or self.block == "no_full_screening":
            return "screen"
        if self.block is not None:
            return "rescreen"
        return "programme"


@dataclass
class _Walk:
    """What the walk through the history has gathered so far."""

    base: ScreeningAnswers | None = None
    base_at: datetime | None = None
    full_seen: bool = False
    old_contract: bool = False
    alarm: HeldAlarm | None = None
    episode_rules: set[str] = field(default_factory=set)
    cleared_rules: set[str] = field(default_factory=set)
    cleared_at: datetime | None = None
    last_full_at: datetime | None = None
    notes: list[str] = field(default_factory=list)


def capped(result: Screening, cleared_rules: set[str]) -> Screening:
    """A result with the urgent rules a doctor has already assessed lowered to see_clinician."""
    if not cleared_rules:
        return result
    fired = tuple(
        replace(rule, level="see_clinician")
        if rule.level == "urgent_doctor" and rule.id in cleared_rules
        else rule
        for rule in result.fired
    )
    triage: Level = "self_care"
    for rule in fired:
        triage = more_urgent(triage, rule.level)
    return replace(result, fired=fired, triage=triage)


def _raise_alarm(walk: _Walk, record: ScreeningRecord, level: Level, rules: set[str]) -> None:
    walk.episode_rules |= rules
    if level not in ALARMS:
        return
    held = walk.alarm
    if held is None or more_urgent(level, held.level) != held.level:
        walk.alarm = HeldAlarm(level, record.id, record.taken_at, tuple(sorted(rules)))


def _record_result(walk: _Walk, record: ScreeningRecord, trusted: bool) -> None:
    """Fold one record into the walk."""
    answers = record.answers
    if answers is None:
        if record.kind == "screen" and trusted:
            walk.full_seen, walk.old_contract = True, True
            walk.base, walk.base_at, walk.last_full_at = None, record.taken_at, record.taken_at
        _raise_alarm(walk, record, record.triage, set(record.rules))
        return
    if not trusted or record.kind == "screen_stopped":
        # From the future, it cannot be trusted to replace or merge into the answers before it;
        # stopped early at an emergency, its later answers are defaults. Only its alarm counts.
        result = screen(answers if walk.base is None else leg_symptoms_against(walk.base, answers))
        level = more_urgent(result.triage, record.triage)
        _raise_alarm(walk, record, level, {r.id for r in result.fired} | set(record.rules))
        return
    if record.kind == "check_in":
        if walk.base is None:
            # A check-in with no full answers before it (stored by an older version) filled
            # the rest with defaults: only its alarm counts, never its calm answers.
            result = screen(answers)
            level = more_urgent(result.triage, record.triage)
            _raise_alarm(walk, record, level, {r.id for r in result.fired} | set(record.rules))
            return
        walk.base = merge_check_in(walk.base, answers)
        result = capped(screen(walk.base), walk.cleared_rules)
        # What the runner was told at the time stands too: answers merged over a different
        # past (a screening restored from a backup, dated before it) must not calm it.
        level = more_urgent(result.triage, record.triage)
        _raise_alarm(walk, record, level, {r.id for r in result.fired} | set(record.rules))
        return
    if walk.base is not None:
        answers = leg_symptoms_against(walk.base, answers)
    if answers.doctor_assessed_since_warning and walk.alarm is not None:
        walk.cleared_rules |= walk.episode_rules
        walk.cleared_at, walk.alarm, walk.episode_rules = record.taken_at, None, set()
    walk.base, walk.base_at, walk.last_full_at = answers, record.taken_at, record.taken_at
    walk.full_seen, walk.old_contract = True, False
    result = capped(screen(answers), walk.cleared_rules)
    _raise_alarm(walk, record, result.triage, {r.id for r in result.fired})


def aged(answers: ScreeningAnswers, since: datetime, now: datetime) -> ScreeningAnswers:
    """The answers with the weeks since they were given added to the episode's duration."""
    weeks = max((now - since).total_seconds(), 0.0) / timedelta(weeks=1).total_seconds()
    if weeks <= 0:
        return answers
    return answers.model_copy(update={"duration_weeks": answers.duration_weeks + weeks})


def safety_status(
    records: Sequence[ScreeningRecord], flags: Sequence[SessionFlag], now: datetime
) -> SafetyStatus:
    """The level now from every screening and check-in and the sessions' flags."""
    horizon = now + FUTURE_TOLERANCE
    trusted = sorted((r for r in records if r.taken_at <= horizon), key=lambda r: r.taken_at)
    future = sorted((r for r in records if r.taken_at > horizon), key=lambda r: r.taken_at)
    walk = _Walk()
    for record in trusted:
        _record_result(walk, record, trusted=True)
    for record in future:
        _record_result(walk, record, trusted=False)
    if future:
        walk.notes.append(
            f"{len(future)} stored screening{'s are' if len(future) > 1 else ' is'} dated after "
            "now (a clock that ran ahead?): they can only raise the level, never replace an "
            "earlier result."
        )
    if not records:
        return SafetyStatus(None, None, None, (), "no_screening", ProgrammeLimits(), None, None, ())
    current = None
    level: Level = "self_care"
    reasons: list[FiredRule] = []
    if walk.base is not None and walk.base_at is not None:
        current = capped(screen(aged(walk.base, walk.base_at, now)), walk.cleared_rules)
        level = current.triage
        reasons.extend(current.fired)
    if walk.alarm is not None:
        level = more_urgent(level, walk.alarm.level)
        reasons.extend(_held_reasons(walk.alarm, {r.id for r in reasons}))
    for flag in flags:
        if walk.last_full_at is None or flag.at > walk.last_full_at:
            level = more_urgent(level, "see_clinician")
            reasons.append(FiredRule(_FLAG_IDS[flag.kind], "see_clinician", flag.reason, _SRC))
    block = _block(walk, now)
    limits = programme_limits(level, current.answers if current else None, current)
    return SafetyStatus(
        level=level,
        current=current,
        held=walk.alarm,
        reasons=tuple(reasons),
        block=block,
        limits=limits,
        screened_at=walk.last_full_at,
        cleared_at=walk.cleared_at,
        notes=tuple(walk.notes),
        unsure=current.unsure if current else (),
        latest_record_at=trusted[-1].taken_at if trusted else None,
    )


_SRC = "DOMAIN.md 2.1.4"
_FLAG_IDS: dict[FlagKind, str] = {"leg_symptoms": "S-LEG", "clinician_advised": "S-PROG"}


def _held_reasons(held: HeldAlarm, already: set[str]) -> list[FiredRule]:
    """The held result's rules, as fired rules, unless the current answers fire them too."""
    out = []
    for rule_id in held.rules:
        rule = RULES_BY_ID.get(rule_id)
        if rule is None or rule_id in already or rule.level not in ALARMS:
            continue
        out.append(FiredRule(rule.id, rule.level, rule.reason, rule.source))
    if not out:
        out.append(
            FiredRule(
                "HOLD",
                held.level,
                "An earlier result still stands until a doctor has assessed you.",
                _SRC,
            )
        )
    return out


def _block(walk: _Walk, now: datetime) -> Block | None:
    if not walk.full_seen:
        return "no_full_screening"
    if walk.old_contract:
        return "old_contract"
    if walk.base_at is not None and now - walk.base_at > STALE_AFTER:
        return "stale"
    return None


def programme_limits(
    level: Level, answers: ScreeningAnswers | None, current: Screening | None
) -> ProgrammeLimits:
    """What today's programme may hold, from the level and the current answers."""
    if answers is None or current is None:
        return ProgrammeLimits(low_load=level == "see_clinician")
    child = answers.age < CHILD_AGE
    pregnancy = answers.pregnant_or_postpartum
    reasons = []
    if level == "see_clinician":
        reasons.append(
            "A clinician should see you: a low-load programme until then (DOMAIN.md 2.1.4)."
        )
    if child:
        reasons.append(
            "Under 16: low load, and only gentle movement until a clinician has seen you "
            "(DOMAIN.md 2.1.4)."
        )
    if pregnancy:
        reasons.append(
            "Pregnant or recently gave birth: low load, no lying face down and no long holds "
            "on the back (DOMAIN.md 2.1.4 C9)."
        )
    claudication = stable_two_leg_claudication(answers) and not any(
        r.id == "E5" for r in current.fired
    )
    return ProgrammeLimits(
        low_load=level == "see_clinician" or child or pregnancy,
        gentle_movement_only=child and not answers.previously_assessed_by_clinician,
        claudication=claudication,
        flexion_sensitive=current.pattern == "radicular",
        pregnancy=pregnancy,
        reasons=tuple(reasons),
    )
