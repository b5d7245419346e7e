"""Cadence coaching as one result shape: what `cadence --json` prints and the API will return."""

from backstride.domain.cadence_advice import Advice, CadenceRun, Source, StepView
from backstride.domain.cadence_coaching import CadenceView
from backstride.services.result_model import ResultModel


class PainBeside(ResultModel):
    """The pain trend cadence advice was checked against."""

    verdict: str
    explanation: str


class CadenceResult(ResultModel):
    """The baseline and where it came from, the ladder, the runs judged, and the advice."""

    baseline_spm: float | None
    source: Source | None
    baseline_reason: str
    easy_pace_s_per_km: float | None
    baseline_runs: int
    recent_spm: float | None
    steps: list[StepView]
    ladder_reason: str
    advice: Advice
    pain: PainBeside
    runs: list[CadenceRun]
    notes: list[str]
    sources: list[str]
    safety: str


def cadence_result(view: CadenceView) -> CadenceResult:
    """The cadence view in its one result shape."""
    return CadenceResult(
        baseline_spm=view.baseline_spm,
        source=view.source,
        baseline_reason=view.baseline_reason,
        easy_pace_s_per_km=view.easy_pace_s_per_km,
        baseline_runs=view.baseline_runs,
        recent_spm=view.recent_spm,
        steps=view.steps,
        ladder_reason=view.ladder_reason,
        advice=view.advice,
        pain=PainBeside(verdict=view.pain_verdict, explanation=view.pain_explanation),
        runs=view.runs,
        notes=view.notes,
        sources=list(view.sources),
        safety=view.safety,
    )
