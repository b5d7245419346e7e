"""The player loop: clock ticks, key presses, sound cues, the pain question after exercises.

Everything outside (the clock, the keys, the screen, the sounds) is passed in, so tests drive the
same loop with a fake clock and scripted keys that the terminal drives with real ones.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rich.console import RenderableType

from backstride.cli.player_screen import player_panel
from backstride.cli.sounds import Sounds
from backstride.domain.player import Completion, Event, Player
from backstride.domain.session import Step

PAIN_PROMPT = (
    "Pain in your back now, 0-10? Type it and press Enter (Enter alone skips).\n"
    "Press L if you have new or spreading leg symptoms: the session stops for a check."
)
HIGH_PAIN_NOTE = (
    "Pain above 5: skip what hurts (n) or stop (q). Next time the dose goes down "
    "(DOMAIN.md 2.4); sharp pain or limping means stop now (S004)."
)
KEY_WAIT_S = 0.05
ENTER = ("\n", "\r")
DELETE = ("\x7f", "\b")


@dataclass
class LoopResult:
    """What happened: which steps ended how, pain answers, leg symptoms, time spent working."""

    completed: bool
    completions: tuple[Completion, ...]
    pain_answers: list[tuple[int, int]] = field(default_factory=list)
    leg_symptoms_step: int | None = None
    active_s: float = 0.0


@dataclass
class _Question:
    step_index: int
    typed: str = ""
    note: str = ""


def play_session(
    steps: Sequence[Step],
    clock: Callable[[], float],
    read_key: Callable[[float], str | None],
    show: Callable[[RenderableType], None],
    sounds: Sounds,
) -> LoopResult:
    """Run the player until the session ends or the runner quits."""
    player = Player(steps, clock)
    player.start()
    result = LoopResult(completed=False, completions=())
    question: _Question | None = None
    banner = ""
    while player.state not in ("finished", "quit") or question is not None:
        for event in player.tick():
            question = _on_event(event, player, sounds, question)
        prompt = None if question is None else f"{PAIN_PROMPT}\n> {question.typed}"
        show(player_panel(player, prompt, question.note if question else banner))
        key = read_key(KEY_WAIT_S)
        if key is None:
            continue
        if question is not None:
            question = _answer(key, question, player, result)
            if question is None and result.pain_answers and result.pain_answers[-1][1] > 5:
                banner = HIGH_PAIN_NOTE
        else:
            _control(key, player)
    result.completed = player.state == "finished" and result.leg_symptoms_step is None
    result.completions = player.completed_steps
    result.active_s = player.elapsed_s
    sounds.close()
    return result


def _on_event(
    event: Event, player: Player, sounds: Sounds, question: _Question | None
) -> _Question | None:
    step = player.steps[event.step_index]
    if event.kind == "step_started":
        sounds.say(step.label)
    elif event.kind == "countdown":
        sounds.bell()
    elif event.kind == "exercise_done" and question is None:
        player.pause()
        sounds.say("How is your back? Pain, nought to ten.")
        return _Question(event.step_index)
    elif event.kind == "finished":
        sounds.say("Session complete. Well done.")
    return question


def _answer(key: str, question: _Question, player: Player, result: LoopResult) -> _Question | None:
    if key.lower() == "l":
        result.leg_symptoms_step = question.step_index
        player.quit()
        return None
    if key.lower() == "q":
        player.quit()
        return None
    if key in DELETE:
        question.typed = question.typed[:-1]
    elif key.isdigit() and len(question.typed) < 2:
        question.typed += key
    elif key in ENTER:
        if question.typed == "":
            player.resume()
            return None
        score = int(question.typed)
        if score > 10:
            question.typed, question.note = "", f"{score} is out of range: give 0 to 10"
            return question
        result.pain_answers.append((question.step_index, score))
        player.resume()
        return None
    return question


def _control(key: str, player: Player) -> None:
    if key == " ":
        player.toggle_pause()
    elif key.lower() == "n":
        player.skip()
    elif key.lower() == "b":
        player.back()
    elif key.lower() == "q":
        player.quit()
