"""The browser's player and pain rule against the Python ones: same scripts, same outcomes.

player_core.js is the in-page counterpart of domain/player.py and pain_rules.js of
domain/session_safety.py; chromium runs the JS (files served by a route, no server), Python runs
the domain, and every scripted session must end the same way in both.
"""

import json
from collections.abc import Iterator
from importlib.resources import files
from typing import Any

import pytest
from browser import static_scripts_page

from backstride.domain.player import Player
from backstride.domain.session import Step, StepKind
from backstride.domain.session_safety import pain_response
from backstride.services.browser_session_result import pain_rules_result
from backstride.services.session_timeline_result import timeline_step_result

STATIC = files("backstride.web") / "static"
ORIGIN = "http://player.test"


def _step(kind: StepKind, exercise: str, seconds: float, **more: Any) -> Step:
    return Step(
        kind=kind,
        exercise_id=exercise,
        exercise_name=exercise.title(),
        level_id=exercise,
        side=more.pop("side", None),
        set=1,
        sets_total=1,
        round=more.pop("round", 1),
        rounds_total=2,
        duration_s=seconds,
        label=f"{kind} {exercise}",
        **more,
    )


STEPS = [
    _step("get_ready", "plank", 10),
    _step("hold", "plank", 20),
    _step("rest", "plank", 5),
    _step("hold", "plank", 20, ends_exercise=True),
    _step("rest", "bridge", 30),
    _step("get_ready", "bridge", 10),
    _step("reps", "bridge", 24, reps=8, tempo_s=3.0, ends_exercise=True),
    _step("rest", "plank", 30, round=2),
    _step("get_ready", "plank", 10, round=2),
    _step("hold", "plank", 20, round=2, ends_exercise=True),
    _step("rest", "bridge", 30, round=2),
    _step("get_ready", "bridge", 10, round=2),
    _step("reps", "bridge", 24, reps=8, tempo_s=3.0, round=2, ends_exercise=True),
]

SCRIPTS: dict[str, list[tuple[float, str, str | None]]] = {
    "played through": [(0, "start", None), (400, "tick", None)],
    "late ticks": [
        (0, "start", None),
        (7.3, "tick", None),
        (95.01, "tick", None),
        (900, "tick", None),
    ],
    "pause and resume": [
        (0, "start", None),
        (12, "pause", None),
        (70, "resume", None),
        (80, "tick", None),
        (81, "toggle", None),
        (82.5, "toggle", None),
        (600, "tick", None),
    ],
    "skip and back": [
        (0, "start", None),
        (1, "skip", None),
        (2, "back", None),
        (2.5, "back", None),
        (9, "skip", None),
        (15, "back", None),
        (16, "skip", None),
        (17, "skip", None),
        (500, "tick", None),
    ],
    "pain drops an exercise": [
        (0, "start", None),
        (56, "tick", None),
        (57, "drop", "plank"),
        (58, "pause", None),
        (60, "drop", "bridge"),
        (62, "resume", None),
        (400, "tick", None),
    ],
    "quit": [(0, "start", None), (30, "pause", None), (45, "quit", None), (90, "tick", None)],
}


def _python_run(script: list[tuple[float, str, str | None]]) -> dict[str, Any]:
    now = [0.0]
    player = Player(STEPS, lambda: now[0])
    events: list[list[Any]] = []
    for at, action, argument in script:
        now[0] = at
        if action == "start":
            player.start()
        elif action == "pause":
            player.pause()
        elif action == "resume":
            player.resume()
        elif action == "toggle":
            player.toggle_pause()
        elif action == "skip":
            player.skip()
        elif action == "back":
            player.back()
        elif action == "drop":
            player.drop_exercise(str(argument))
        elif action == "quit":
            player.quit()
        for event in player.tick():
            number = event.seconds_left if event.kind == "countdown" else event.rep
            events.append([event.kind, event.step_index, round(event.due_at, 6), number])
    return {
        "state": player.state,
        "index": player.index,
        "completed": [[c.step_index, c.skipped] for c in player.completed_steps],
        "dropped": list(player.dropped_steps),
        "finished_at": player.finished_at,
        "elapsed": round(player.elapsed_s, 6),
        "progress": round(player.progress, 6),
        "events": events,
    }


JS_RUN = """
async ([steps, script]) => {
  const { Player } = await import('/static/player_core.js');
  const now = [0];
  const player = new Player(steps, () => now[0]);
  const events = [];
  for (const [at, action, argument] of script) {
    now[0] = at;
    if (action === 'start') player.start();
    else if (action === 'pause') player.pause();
    else if (action === 'resume') player.resume();
    else if (action === 'toggle') player.togglePause();
    else if (action === 'skip') player.skip();
    else if (action === 'back') player.back();
    else if (action === 'drop') player.dropExercise(argument);
    else if (action === 'quit') player.quit();
    for (const e of player.tick()) {
      const number = e.kind === 'countdown' || e.kind === 'rep' ? e.number : null;
      events.push([e.kind, e.step, Math.round(e.dueAt * 1e6) / 1e6, number]);
    }
  }
  return {
    state: player.state,
    index: player.index,
    completed: player.completedSteps().map((c) => [c.step, c.skipped]),
    dropped: player.droppedSteps(),
    finished_at: player.finishedAt,
    elapsed: Math.round(player.elapsedS() * 1e6) / 1e6,
    progress: Math.round(player.progress() * 1e6) / 1e6,
    events,
  };
}
"""


@pytest.fixture(scope="module")
def page() -> Iterator[Any]:
    with static_scripts_page(ORIGIN, "core") as tab:
        yield tab


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_the_browser_player_plays_a_script_as_the_python_player_does(page: Any, name: str) -> None:
    script = SCRIPTS[name]
    steps = [timeline_step_result(step).model_dump(mode="json") for step in STEPS]
    expected = _python_run(script)
    found = page.evaluate(JS_RUN, [steps, json.loads(json.dumps(script))])
    assert found == expected
    assert expected["events"], "a script that shows no event compares nothing"


def test_the_browser_pain_rule_is_the_python_one_for_every_score(page: Any) -> None:
    rules = pain_rules_result().model_dump()
    found = page.evaluate(
        """async (rules) => {
          const { painResponse, DEFAULT_RULES } = await import('/static/pain_rules.js');
          const scores = [...Array(11).keys()];
          return [scores.map((s) => painResponse(s, rules)), scores.map((s) => painResponse(s)),
                  DEFAULT_RULES];
        }""",
        rules,
    )
    expected = [pain_response(score) for score in range(11)]
    assert found[0] == expected and found[1] == expected
    assert found[2] == {k: rules[k] for k in ("ends_exercise_above", "ends_session_from")}
    assert set(expected) == {"carry_on", "end_exercise", "end_session"}
