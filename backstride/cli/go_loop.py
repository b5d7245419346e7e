"""The player loop: clock ticks, key presses, sound cues, the pain question after exercises.

Everything outside (the clock, the keys, the screen, the sounds) is passed in, so tests drive the
same loop with a fake clock and scripted keys that the terminal drives with real ones.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rich.console import RenderableType

from backstride.cli.player_screen import frame_key, player_panel
from backstride.cli.sounds import Sounds
from backstride.domain.player import Completion, Event, Player
from backstride.domain.session import Step
from backstride.domain.session_safety import SAFETY_ENDS, SessionEnd, pain_response

PAIN_PROMPT = (
    "Pain in your back now, 0-10? Type it and press Enter (Enter alone skips).\n"
    "Above 5 ends this exercise for today; 7 or more ends the session for a check.\n"
    "Press L if you have new or spreading leg symptoms: the session stops for a check."
)
# DOMAIN.md 2.1.4 (the exercise ends), 2.4 (its dose goes down), S004 (sharp pain: stop).
HIGH_PAIN_NOTE = (
    "Pain {score}: {name} is over for today and left out of the later rounds. Its dose "
    "goes down next time; sharp pain or limping means stop the whole session now (q)."
)
KEY_WAIT_S = 0.05
ENTER = ("\n", "\r")
DELETE = ("\x7f", "\b")


@dataclass
class LoopResult:
    """What happened: which steps ended how, pain answers, leg symptoms, time spent working.

    `ended_by` is "end" (reached the end), "quit", "pain_7_plus" or "leg_symptoms";
    `dropped_steps` are the steps passed over because pain above 5 ended their exercise;
    `interrupted` is True when Ctrl-C stopped it (it ends as a quit, and is saved as partial).
    """

    reached_end: bool
    completions: tuple[Completion, ...]
    pain_answers: list[tuple[int, int]] = field(default_factory=list)
    leg_symptoms_step: int | None = None
    active_s: float = 0.0
    ended_by: SessionEnd = "quit"
    dropped_steps: tuple[int, ...] = ()
    interrupted: bool = False
    frames_drawn: int = 0


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
    sketch_of: Callable[[Step], Sequence[str]] | None = None,
) -> LoopResult:
    """Run the player until the session ends, the runner quits, or Ctrl-C stops it.

    The screen is drawn again only when something on it changed (see frame_key); `sketch_of`
    gives a step's pose in braille where the terminal can show it.
    """
    player = Player(steps, clock)
    player.start()
    result = LoopResult(reached_end=False, completions=())
    question: _Question | None = None
    banner = ""
    shown: tuple[object, ...] | None = None
    try:
        while player.state not in ("finished", "quit") or question is not None:
            for event in player.tick():
                question = _on_event(event, player, sounds, question)
            prompt = None if question is None else f"{PAIN_PROMPT}\n> {question.typed}"
            note = question.note if question else banner
            key_now = frame_key(player, prompt, note)
            if key_now != shown:
                step = player.current
                sketch = sketch_of(step) if sketch_of and step and step.exercise_id else ()
                show(player_panel(player, prompt, note, sketch))
                shown = key_now
                result.frames_drawn += 1
            key = read_key(KEY_WAIT_S)
            if key is None:
                continue
            if question is not None:
                answered = len(result.pain_answers)
                question = _answer(key, question, player, result)
                if len(result.pain_answers) > answered:
                    banner = _pain_note(player, *result.pain_answers[-1]) or banner
            else:
                _control(key, player)
    except KeyboardInterrupt:
        result.interrupted = True
        if player.state != "quit":
            player.quit()
    if result.ended_by not in SAFETY_ENDS:
        result.ended_by = "end" if player.state == "finished" else "quit"
    result.reached_end = result.ended_by == "end"
    result.completions = player.completed_steps
    result.dropped_steps = player.dropped_steps
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
        result.ended_by = "leg_symptoms"
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
        _act_on_pain(score, question.step_index, player, result)
        return None
    return question


def _act_on_pain(score: int, step_index: int, player: Player, result: LoopResult) -> None:
    """DOMAIN.md 2.1.4: above 5 ends that exercise, 7 or more ends the session."""
    response = pain_response(score)
    if response == "end_session":
        result.ended_by = "pain_7_plus"
        player.quit()
        return
    exercise_id = player.steps[step_index].exercise_id
    if response == "end_exercise" and exercise_id is not None:
        player.drop_exercise(exercise_id)
    player.resume()


def _pain_note(player: Player, step_index: int, score: int) -> str:
    """The banner after a pain answer that ended an exercise, else nothing."""
    if pain_response(score) != "end_exercise":
        return ""
    return HIGH_PAIN_NOTE.format(score=score, name=player.steps[step_index].exercise_name)


def _control(key: str, player: Player) -> None:
    if key == " ":
        player.toggle_pause()
    elif key.lower() == "n":
        player.skip()
    elif key.lower() == "b":
        player.back()
    elif key.lower() == "q":
        player.quit()
