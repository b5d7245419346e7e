"""The weekly plan for the command line: the running week, strength around it, doses, variety."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Literal

from backstride.domain.local_time import local_start
from backstride.domain.plans import (
    DayPlan,
    Violation,
    WeekPlan,
    move_strength,
    plan_dates,
    plan_week,
)
from backstride.domain.profile import (
    RunDay,
    Weekday,
    check_start,
    format_run_days,
    parse_run_days,
    weekday,
)
from backstride.domain.progression_history import current_decisions
from backstride.domain.refusals import refusal_of
from backstride.domain.usual_week import ImportedRun, usual_week
from backstride.domain.variation import RunSummary, VarietyReport, assess_variety
from backstride.errors import InvalidInput, SafetyRefusal
from backstride.services.context import Action
from backstride.services.exercises import catalogue
from backstride.services.load import load_advice_now
from backstride.services.pain import local_pain_entries
from backstride.services.routine import safety_now, todays_routine
from backstride.storage.activities import StoredActivity, list_activities
from backstride.storage.exercise_sessions import list_sessions
from backstride.storage.profiles import load_profile, save_profile
from backstride.storage.screenings import list_screenings

WEEKS_MIN, WEEKS_MAX = 1, 12
SESSIONS_CHOICES = (2, 3)
USUAL_WEEK_DAYS = 8 * 7  # imported runs from the last 8 weeks shape the usual week
INDOOR_SUB_SPORTS = frozenset({"treadmill", "indoor_running", "virtual_activity"})
MOVE_FORM = "FROM:TO[@HH:MM], e.g. tue:mon@18:00"
Source = Literal["given", "profile", "imported runs", "none"]  # "given": for this plan only


@dataclass(frozen=True, slots=True)
class PlanView:
    """The dated plan and everything said beside it: notes, warnings, doses and variety."""

    days: list[tuple[date, DayPlan]]
    notes: list[str]
    violations: list[Violation]
    source: Source
    run_days: list[RunDay]
    dose_changes: list[tuple[str, str, str]]
    variation: VarietyReport | None
    routine_text: str | None
    routine_refusal: str | None
    made_at: datetime
    dose_note: str | None = None

    @property
    def warnings(self) -> list[str]:
        """What the runner is advised about after a move (rule breaches are refused before)."""
        return [violation.message for violation in self.violations]


@dataclass(frozen=True, slots=True)
class Move:
    """A strength session moved from one weekday to another, at a start time if given."""

    from_day: Weekday
    to_day: Weekday
    start: str | None


def check_weeks(weeks: int) -> int:
    """Refuse a plan length outside 1-12 weeks."""
    if not WEEKS_MIN <= weeks <= WEEKS_MAX:
        raise InvalidInput(
            f"weeks {weeks} is not valid: choose {WEEKS_MIN} to {WEEKS_MAX} weeks", field="weeks"
        )
    return weeks


def check_sessions(sessions: int) -> int:
    """Refuse a number of strength sessions other than 2 or 3 a week."""
    if sessions not in SESSIONS_CHOICES:
        raise InvalidInput(
            f"sessions {sessions} is not valid: choose 2 or 3 strength sessions a week",
            field="sessions",
        )
    return sessions


def parse_move(spec: str) -> Move:
    """Read `FROM:TO[@HH:MM]`, e.g. `tue:mon@18:00`; anything else names the bad value."""
    head, at, start = spec.strip().partition("@")
    parts = head.split(":")
    if len(parts) != 2 or not all(part.strip() for part in parts) or (at and not start.strip()):
        raise InvalidInput(f"move {spec!r} is not in the form {MOVE_FORM}", field="move")
    try:
        from_day, to_day = weekday(parts[0]), weekday(parts[1])
        checked = check_start(start.strip()) if at else None
    except (InvalidInput, ValueError) as error:
        raise InvalidInput(f"move {spec!r}: {error}", field="move") from None
    if from_day == to_day:
        raise InvalidInput(
            f"move {spec!r} moves a session to the same day: pick another day", field="move"
        )
    return Move(from_day, to_day, checked)


def _local_start(run: StoredActivity, zone: tzinfo) -> datetime:
    """When the run began on the runner's clock (domain.local_time.local_start)."""
    return local_start(run.start, run.local_offset_min, zone)


def _summary(run: StoredActivity, zone: tzinfo) -> RunSummary | None:
    if run.distance_m is None:
        return None
    # No moving time worked out (e.g. sparse samples): the elapsed time, as the pace uses.
    moving_s = run.moving_s if run.moving_s else run.elapsed_s
    gain = run.elevation_gain_m
    return RunSummary(
        day=_local_start(run, zone).date(),
        distance_m=run.distance_m,
        moving_s=moving_s,
        elevation_gain_m=float(gain) if isinstance(gain, int | float) else None,
        indoor=run.sub_sport in INDOOR_SUB_SPORTS,
    )


def _imported_week(runs: list[StoredActivity], today: date, zone: tzinfo) -> list[RunDay]:
    """The usual week from the runs imported over the last 8 weeks."""
    since = today - timedelta(days=USUAL_WEEK_DAYS)
    recent = []
    for run in runs:
        start = _local_start(run, zone)
        if since < start.date() <= today:
            recent.append(ImportedRun(start.date(), start.strftime("%H:%M"), run.distance_m))
    return usual_week(recent)


def _running_week(
    action: Action, runs_spec: str | None, runs: list[StoredActivity], today: date
) -> tuple[list[RunDay], Source, list[str]]:
    if runs_spec is not None:
        try:
            return parse_run_days(runs_spec), "given", []
        except InvalidInput as error:
            raise InvalidInput(f"runs {runs_spec!r}: {error}", field="runs") from None
    profile = load_profile(action.session, action.runner_id)
    if profile.run_days:
        return list(profile.run_days), "profile", []
    imported = _imported_week(runs, today, action.zone)
    if imported:
        note = (
            f"Your running week ({format_run_days(imported)}) comes from the runs you imported "
            "over the last 8 weeks. You can set it yourself, in your profile or for one plan."
        )
        return imported, "imported runs", [note]
    note = (
        "No running week is known yet, so this plan has no runs in it: set your running days, "
        "or import your runs."
    )
    return [], "none", [note]


def _dose_changes(action: Action, today: date) -> tuple[list[tuple[str, str, str]], str | None]:
    """Each ladder's next decision from the sessions logged so far, with its reason."""
    sessions = list_sessions(action.session, action.runner_id)
    if not sessions:
        note = (
            "No strength sessions are logged yet, so no dose changes: the first sessions start "
            "at the low end of each exercise's dose."
        )
        return [], note
    cat = catalogue()
    records = [s.record() for s in list_screenings(action.session, action.runner_id)]
    latest = max(records, key=lambda r: r.taken_at) if records else None
    full = [r for r in records if r.kind == "screen" and r.taken_at <= action.now]
    decisions = current_decisions(
        cat,
        sessions,
        local_pain_entries(action),
        latest,
        today,
        cleared_by=max(full, key=lambda r: r.taken_at) if full else None,
    )
    changes: list[tuple[str, str, str]] = []
    for chain, decision in sorted(decisions.items()):
        try:
            name = cat.rung(decision.prescription.level_id).name
        except InvalidInput:
            name = chain
        changes.append((name, decision.action, decision.reason))
    if not changes:
        return [], "The sessions logged so far hold no doses to change yet."
    return changes, None


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _routine(action: Action) -> tuple[str | None, str | None]:
    """Today's routine as short lines, or None and the reason no routine is safe now."""
    try:
        plan = todays_routine(action)
    except SafetyRefusal as refusal:
        return None, str(refusal)
    lines = [f"{item.level_name} - {item.prescription.describe()}" for item in plan.routine.items]
    lines.append(
        f"{plan.routine.rounds} rounds, {plan.routine.rest_between_exercises_s} s rest between "
        "exercises; the guided session takes you through it."
    )
    return "\n".join(lines), None


def _apply_moves(
    action: Action,
    plan: WeekPlan,
    moving: Move | None,
    move: str | None,
    reset: bool,
    notes: list[str],
) -> tuple[WeekPlan, list[Violation]]:
    """Replay the runner's saved moves, then the new one, which is saved if no rule breaks.

    A saved move that no longer fits this week (its day has no strength now, or it would
    break a rule) is left out with a note, and kept for the weeks it fits.
    """
    profile = load_profile(action.session, action.runner_id)
    saved = [] if reset else list(profile.plan_moves)
    violations: list[Violation] = []
    for spec in saved:
        earlier = parse_move(spec)
        try:
            moved, found = move_strength(plan, earlier.from_day, earlier.to_day, earlier.start)
        except InvalidInput as error:
            notes.append(f"Your saved move {spec} was left out this time: {error}")
            continue
        broken = [v.message for v in found if v.severity == "rule"]
        if broken:
            notes.append(f"Your saved move {spec} was left out this time: {' '.join(broken)}")
            continue
        plan, violations = moved, found
    if moving is not None:
        try:
            plan, violations = move_strength(plan, moving.from_day, moving.to_day, moving.start)
        except InvalidInput as error:
            raise InvalidInput(f"move {move!r}: {error}", field="move") from None
        broken = [v.message for v in violations if v.severity == "rule"]
        if broken:
            raise InvalidInput(
                f"move {move!r} breaks {'a rule' if len(broken) == 1 else 'these rules'} of "
                f"the plan: {' '.join(broken)} Choose another day or time.",
                field="move",
            )
        saved.append(_move_text(moving))
    if reset or moving is not None:
        save_profile(
            action.session, action.runner_id, profile.with_changes(plan_moves=saved), action.now
        )
    return plan, violations


def _move_text(move: Move) -> str:
    at = f"@{move.start}" if move.start else ""
    return f"{move.from_day}:{move.to_day}{at}"


def _refuse_after_red_flags(action: Action) -> None:
    """No training plan at all after an emergency or urgent result: only the safety advice."""
    status = safety_now(action)
    if status.level in ("emergency", "urgent_doctor"):
        refusal = refusal_of(status)
        raise SafetyRefusal(f"No plan for now: {refusal}")


def week_plan(
    action: Action,
    runs_spec: str | None,
    weeks: int,
    sessions: int,
    move: str | None,
    reset_moves: bool = False,
) -> PlanView:
    """The plan from this week's Monday for `weeks` weeks, one strength session moved if asked."""
    check_weeks(weeks)
    check_sessions(sessions)
    _refuse_after_red_flags(action)
    moving = parse_move(move) if move is not None else None
    today = action.today
    monday = today - timedelta(days=today.weekday())
    runs = list_activities(action.session, action.runner_id, runs_only=True)
    run_days, source, notes = _running_week(action, runs_spec, runs, today)
    plan = plan_week(run_days, sessions)
    plan, violations = _apply_moves(action, plan, moving, move, reset_moves, notes)
    dose_changes, dose_note = _dose_changes(action, today)
    routine_text, refusal = _routine(action)
    if refusal is not None:
        notes.append(f"The strength sessions show no exercises for now. {_sentence(refusal)}")
    summaries = [s for s in (_summary(run, action.zone) for run in runs) if s is not None]
    units = load_profile(action.session, action.runner_id).units
    advice = load_advice_now(action)
    if advice is not None:
        notes.insert(0, advice)
    return PlanView(
        days=plan_dates(plan, monday, weeks),
        notes=notes + list(plan.notes) + ([dose_note] if dose_note else []),
        violations=violations,
        source=source,
        run_days=run_days,
        dose_changes=dose_changes,
        variation=assess_variety(summaries, today=today, units=units) if runs else None,
        routine_text=routine_text,
        routine_refusal=refusal,
        made_at=action.now,
        dose_note=dose_note,
    )
