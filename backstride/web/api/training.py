"""The API's training views: today's routine, the plan, the runs and the training load."""

from typing import Annotated

from fastapi import APIRouter, Query, Request

from backstride.services.load import training_load
from backstride.services.load_result import LoadResult, load_result
from backstride.services.plan_result import PlanResult, plan_result
from backstride.services.plans import week_plan
from backstride.services.programme_changes import sessions_a_week
from backstride.services.routine import todays_routine
from backstride.services.routine_result import RoutineResult, routine_result
from backstride.services.run_result import RunResult, run_result
from backstride.services.runs import list_runs, run_of
from backstride.web.api.caller import Reader, api_action
from backstride.web.api.problems import ApiRoute

router = APIRouter(route_class=ApiRoute, tags=["training"])
Word = Annotated[str | None, Query(max_length=64)]


@router.get("/routine", response_model=RoutineResult)
def get_routine(
    request: Request, caller: Reader, minutes: int | None = None, goal: Word = None
) -> RoutineResult:
    """Today's routine with the reason for every choice (409 when it is not safe today)."""
    with api_action(request, caller, write=False) as action:
        return routine_result(todays_routine(action, minutes, goal))


@router.get("/plan", response_model=PlanResult)
def get_plan(
    request: Request,
    caller: Reader,
    weeks: int = 1,
    sessions: int | None = None,
    runs: Annotated[str | None, Query(max_length=200)] = None,
) -> PlanResult:
    """The plan from this week's Monday: runs, 2-3 strength sessions, off days, each with why.

    `runs` is the running week as day:type[@HH:MM], comma-separated (default: the profile's
    run days, else the imported runs of the last 8 weeks). `sessions` defaults to the number a
    clinician set (a programme change), else 3.
    """
    with api_action(request, caller, write=False) as action:
        per_week = sessions_a_week(action, sessions)
        return plan_result(week_plan(action, runs, weeks, per_week, None))


@router.get("/runs", response_model=list[RunResult])
def get_runs(request: Request, caller: Reader, all: bool = False) -> list[RunResult]:
    """Imported runs (every sport with all=true), oldest first."""
    with api_action(request, caller, write=False) as action:
        return [run_result(run, action.zone) for run in list_runs(action, runs_only=not all)]


@router.get("/runs/{run_id}", response_model=RunResult)
def get_run(request: Request, caller: Reader, run_id: str) -> RunResult:
    """One imported activity."""
    with api_action(request, caller, write=False) as action:
        return run_result(run_of(action, run_id), action.zone)


@router.get("/load", response_model=LoadResult)
def get_load(request: Request, caller: Reader, unit: str = "distance") -> LoadResult:
    """Weekly load and its change, acute and chronic load, monotony, strain, pain beside it."""
    with api_action(request, caller, write=False) as action:
        return load_result(training_load(action, unit[:64]))
