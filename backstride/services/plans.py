"""The weekly plan for the command line: the running week, strength around it, doses, variety."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from backstride.domain.plan_moves import move_text, new_move, parse_move, replay_moves
from backstride.domain.plan_notes import DoseChange, dose_changes, routine_text, sentence
from backstride.domain.plan_request import check_sessions, check_weeks, refuse_after_red_flags
from backstride.domain.plans import DayPlan, Violation, plan_dates, plan_week
from backstride.domain.profile import RunDay
from backstride.domain.running_week import Source, run_summary, running_week
from backstride.domain.variation import VarietyReport, assess_variety
from backstride.errors import SafetyRefusal
from backstride.services.context import Action
from backstride.services.exercises import catalogue
from backstride.services.load import load_advice_now
from backstride.services.routine import read_record, routine_from
from backstride.storage.activities import list_activities
from backstride.storage.profiles import load_profile, save_profile


@dataclass(frozen=True, slots=True)
class PlanView:
    """The dated plan and everything said beside it: notes, warnings, doses and variety."""

    days: list[tuple[date, DayPlan]]
    notes: list[str]
    violations: list[Violation]
    source: Source
    run_days: list[RunDay]
    dose_changes: list[DoseChange]
    variation: VarietyReport | None
    routine_text: str | None
    routine_refusal: str | None
    made_at: datetime
    dose_note: str | None = None

    @property
    def warnings(self) -> list[str]:
        """What the runner is advised about after a move (rule breaches are refused before)."""
        return [violation.message for violation in self.violations]


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
    cat = catalogue()
    record = read_record(action, cat)
    refuse_after_red_flags(record.status)
    moving = parse_move(move) if move is not None else None
    today, profile = action.today, load_profile(action.session, action.runner_id)
    runs = list_activities(action.session, action.runner_id, runs_only=True)
    run_days, source, notes = running_week(runs_spec, profile.run_days, runs, today, action.zone)
    saved = [] if reset_moves else list(profile.plan_moves)
    plan, violations = replay_moves(plan_week(run_days, sessions), saved, notes)
    if moving is not None and move is not None:
        plan, violations = new_move(plan, moving, move)
        saved.append(move_text(moving))
    if reset_moves or moving is not None:
        changed = profile.with_changes(plan_moves=saved)
        save_profile(action.session, action.runner_id, changed, action.now)
    changes, dose_note = dose_changes(cat, record.sessions, record.decisions)
    text, refusal = None, None
    try:
        text = routine_text(routine_from(action, cat, record))
    except SafetyRefusal as error:
        refusal = str(error)
        notes.append(f"The strength sessions show no exercises for now. {sentence(refusal)}")
    advice = load_advice_now(action, record.entries, runs)
    lead = [advice] if advice is not None else []
    summaries = [s for s in (run_summary(run, action.zone) for run in runs) if s is not None]
    return PlanView(
        days=plan_dates(plan, today - timedelta(days=today.weekday()), weeks),
        notes=lead + notes + list(plan.notes) + ([dose_note] if dose_note else []),
        violations=violations,
        source=source,
        run_days=run_days,
        dose_changes=changes,
        variation=assess_variety(summaries, today=today, units=profile.units) if runs else None,
        routine_text=text,
        routine_refusal=refusal,
        made_at=action.now,
        dose_note=dose_note,
    )
