"""Cadence coaching as a whole: which runs count, the baseline, the ladder, and the advice."""

from dataclasses import dataclass
from datetime import timedelta, tzinfo

from backstride.domain.activity_record import StoredActivity
from backstride.domain.cadence import (
    COUNT_SECONDS,
    LIKE_PACE_FRACTION,
    RunCadence,
    cadence_ladder,
    easy_pace_baseline,
)
from backstride.domain.cadence_advice import (
    Advice,
    CadenceRun,
    Source,
    StepView,
    adoption,
    cadence_advice,
)
from backstride.domain.local_time import local_start
from backstride.domain.pain import PainTrend
from backstride.domain.units import METRES_PER, Units, clock_text

BASELINE_DAYS = 28  # the baseline: the first four weeks of the recent runs with cadence
RECENT_DAYS = 12 * 7  # recent: the 12 weeks up to the latest run (issue 13: not 1990s runs)
MIN_RUN_S = 300  # a run shorter than 5 minutes is too short to say much about cadence
SOURCES = (
    "S004: the 170-190 spm band, steps of +5 spm (160 -> 165 -> ...), a metronome app, "
    "and stop if it hurts",
    "DOMAIN.md 2.5 [HEID]: compare cadence at a like pace only, 3-5 % a step, at most 10 % "
    "in all, never push a runner already in the band",
)
SAFETY = (
    "If anything hurts while you run, stop rather than push on (S004). A new cadence should "
    "feel easy within a few runs; if it feels forced, stay where you are."
)


@dataclass(frozen=True, slots=True)
class CadenceView:
    """Everything `backstride cadence` shows."""

    baseline_spm: float | None
    source: Source | None
    baseline_reason: str
    easy_pace_s_per_km: float | None
    baseline_runs: int
    runs: list[CadenceRun]
    recent_spm: float | None  # median of the runs the steps were judged on
    steps: list[StepView]
    ladder_reason: str
    pain_verdict: str
    pain_explanation: str
    advice: Advice
    notes: list[str]
    sources: tuple[str, ...] = SOURCES
    safety: str = SAFETY


def pace_text(seconds_per_km: float, units: Units = "km") -> str:
    """A pace as m:ss per km or per mile."""
    return f"{clock_text(seconds_per_km * METRES_PER[units] / 1000)} /{units}"


def usable_runs(activities: list[StoredActivity]) -> tuple[list[StoredActivity], list[str]]:
    """The runs with a cadence and a pace, and a note for each kind left out."""
    usable: list[StoredActivity] = []
    no_cadence = too_short = 0
    for run in activities:
        if not run.avg_cadence_spm:
            no_cadence += 1
        elif not run.avg_pace_s_per_km or (run.moving_s or 0) < MIN_RUN_S:
            too_short += 1
        else:
            usable.append(run)
    notes = []
    if no_cadence:
        notes.append(
            f"{no_cadence} of your {len(activities)} runs had no cadence recorded and "
            f"{'was' if no_cadence == 1 else 'were'} left out."
        )
    if too_short:
        notes.append(
            f"{too_short} {'run was' if too_short == 1 else 'runs were'} shorter than "
            f"{MIN_RUN_S // 60} minutes of moving time or had no distance for a pace, and "
            f"{'was' if too_short == 1 else 'were'} left out."
        )
    return usable, notes


def _measured(run: StoredActivity) -> RunCadence:
    """A usable run's pace and cadence (usable_runs keeps only runs that have both)."""
    pace, cadence = run.avg_pace_s_per_km, run.avg_cadence_spm
    assert pace is not None and cadence is not None
    return RunCadence(pace, cadence)


def recent_runs(usable: list[StoredActivity]) -> tuple[list[StoredActivity], int]:
    """The runs of the 12 weeks up to the latest one, and how many older ones were left out."""
    if not usable:
        return usable, 0
    since = max(run.start for run in usable) - timedelta(days=RECENT_DAYS)
    recent = [run for run in usable if run.start >= since]
    return recent, len(usable) - len(recent)


def cadence_view(
    activities: list[StoredActivity],
    counted_spm: int | None,
    counted_on: str | None,
    trend: PainTrend,
    zone: tzinfo,
    units: Units,
) -> CadenceView:
    """The baseline, the ladder with each step's adoption, and whether to advance or hold.

    Imported runs with cadence give the baseline; else a cadence counted by hand.
    """
    usable, notes = usable_runs(activities)
    usable, older = recent_runs(usable)
    if older:
        notes.append(
            f"{older} older run{'s' if older != 1 else ''} with cadence (more than "
            f"{RECENT_DAYS // 7} weeks before your latest) {'is' if older == 1 else 'are'} not "
            "used: the baseline and the ladder follow your recent running."
        )
    if usable:
        if counted_spm is not None:
            notes.append(
                f"Your counted cadence of {counted_spm} spm is kept but not "
                "used: imported runs with cadence give the baseline."
            )
        return _from_runs(usable, notes, trend.verdict, trend.explanation, zone, units)
    if counted_spm is not None:
        counted = float(counted_spm)
        reason = (
            f"counted by hand: steps in {COUNT_SECONDS} s, doubled"
            + (f", on {counted_on}" if counted_on else "")
            + " (no imported run has cadence)"
        )
        return _coach(
            counted, "counted", reason, None, 0, [], [], notes, trend.verdict, trend.explanation
        )
    return CadenceView(
        baseline_spm=None,
        source=None,
        baseline_reason="no imported run has cadence, and no counted cadence is saved",
        easy_pace_s_per_km=None,
        baseline_runs=0,
        runs=[],
        recent_spm=None,
        steps=[],
        ladder_reason="",
        pain_verdict=trend.verdict,
        pain_explanation=trend.explanation,
        advice=Advice(
            "no_baseline",
            None,
            "to find your baseline, import runs recorded with cadence, or count your steps "
            "for 30 s while running easy (or give a count you already have)",
            None,
            ("import_runs", "count_cadence"),
        ),
        notes=notes,
    )


def _from_runs(
    usable: list[StoredActivity],
    notes: list[str],
    verdict: str,
    explanation: str,
    zone: tzinfo,
    units: Units,
) -> CadenceView:
    baseline_end = usable[0].start + timedelta(days=BASELINE_DAYS)
    in_baseline = [run.start < baseline_end for run in usable]
    measured = [_measured(run) for run in usable]
    baseline = easy_pace_baseline(
        [m for m, inside in zip(measured, in_baseline, strict=True) if inside]
    )
    assert baseline.cadence_spm is not None and baseline.easy_pace_s_per_km is not None
    easy = baseline.easy_pace_s_per_km
    runs = [
        CadenceRun(
            day=local_start(run.start, run.local_offset_min, zone).date(),
            pace_s_per_km=m.pace_s_per_km,
            cadence_spm=m.cadence_spm,
            in_baseline=inside,
            like_pace=abs(m.pace_s_per_km - easy) <= LIKE_PACE_FRACTION * easy,
        )
        for run, m, inside in zip(usable, measured, in_baseline, strict=True)
    ]
    chosen = [run for run in runs if run.in_baseline]
    faster = sum(1 for run in chosen if not run.like_pace)
    days = f"{chosen[0].day:%d %b %Y}" + (
        f" to {chosen[-1].day:%d %b %Y}" if chosen[-1].day != chosen[0].day else ""
    )
    reason = (
        f"median of {baseline.runs_used} easy-pace run{'s' if baseline.runs_used != 1 else ''} "
        f"at {pace_text(easy, units)}, pace within 5 %, from the first {BASELINE_DAYS // 7} weeks "
        f"of your recent runs with cadence ({days})"
    )
    if faster:
        reason += (
            f"; {faster} run{'s' if faster != 1 else ''} at another pace left out, since "
            "cadence rises with speed"
        )
    later = [run for run in runs if not run.in_baseline]
    return _coach(
        baseline.cadence_spm,
        "runs",
        reason,
        easy,
        baseline.runs_used,
        runs,
        later,
        notes,
        verdict,
        explanation,
    )


def _coach(
    baseline_spm: float,
    source: Source,
    baseline_reason: str,
    easy: float | None,
    baseline_runs: int,
    runs: list[CadenceRun],
    later: list[CadenceRun],
    notes: list[str],
    verdict: str,
    explanation: str,
) -> CadenceView:
    targets, ladder_reason = cadence_ladder(baseline_spm)
    verdicts, judged, recent = adoption(targets, later, easy)
    steps = [
        StepView(
            target_spm=target,
            percent=round((target - baseline_spm) / baseline_spm * 100, 1),
            adopted=done,
            runs_judged=judged,
        )
        for target, done in zip(targets, verdicts, strict=True)
    ]
    return CadenceView(
        baseline_spm=baseline_spm,
        source=source,
        baseline_reason=baseline_reason,
        easy_pace_s_per_km=easy,
        baseline_runs=baseline_runs,
        runs=runs,
        recent_spm=recent,
        steps=steps,
        ladder_reason=ladder_reason,
        pain_verdict=verdict,
        pain_explanation=explanation,
        advice=cadence_advice(steps, ladder_reason, source, judged, recent, verdict, explanation),
        notes=notes,
    )


def advice_headline(view: CadenceView) -> str:
    """The advice in a few words: "Advance to 170 spm", "Hold at 165 spm", ..."""
    advice = view.advice
    if advice.action == "advance":
        return f"Advance to {advice.target_spm} spm"
    if advice.action == "hold":
        return f"Hold at {advice.target_spm} spm"
    if advice.action == "no_change":
        return "No change needed"
    return "No cadence baseline yet"
