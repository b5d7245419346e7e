"""The session player: plays a timeline on an injected monotonic clock, without drift.

An exercise can be dropped part way (pain above 5 ends it, DOMAIN.md 2.1.4): from then on every
step that carries its id (its get-ready, holds or reps, rests between holds, side switches and the
rest that leads into it) is passed over, in this round and all later rounds, by the schedule, by
skip and by back alike. The steps already played keep their endings.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from backstride.domain.session import COUNTDOWN_FROM, COUNTDOWN_KINDS, Step

PlayerState = Literal["ready", "running", "paused", "finished", "quit"]
EventKind = Literal["step_started", "countdown", "rep", "exercise_done", "finished"]
BACK_RESTARTS_AFTER_S = 2.0  # back() within this time of a step's start goes to the previous one


@dataclass(frozen=True, slots=True)
class Event:
    """Something to voice or show: a step starting, a countdown second, a rep, an exercise done."""

    kind: EventKind
    step_index: int
    due_at: float  # the clock time it fell due: a late tick() still reports the true moment
    seconds_left: int | None = None
    rep: int | None = None
    skipped: bool = False


@dataclass(frozen=True, slots=True)
class Completion:
    """A step that ended, at its deadline or skipped."""

    step_index: int
    skipped: bool


class Player:
    """Plays a timeline on a monotonic clock; each step starts at the last one's deadline."""

    def __init__(self, steps: Sequence[Step], clock: Callable[[], float]) -> None:
        self._steps = tuple(steps)
        self._clock = clock
        self._offsets_s = [0.0]
        for step in self._steps:
            self._offsets_s.append(self._offsets_s[-1] + step.duration_s)
        self._state: PlayerState = "ready"
        self._index = 0
        self._started_at: float | None = None
        self._stopped_at: float | None = None
        self._finished_at: float | None = None
        self._step_started_at = 0.0
        self._step_paused_s = 0.0
        self._paused_s = 0.0
        self._pause_began_at: float | None = None
        self._cues: list[tuple[float, EventKind, int]] = []
        self._events: list[Event] = []
        self._completed: dict[int, bool] = {}
        self._dropped: set[str] = set()

    # --- controls -------------------------------------------------------------------------

    def start(self) -> None:
        """Start the first step now; does nothing once started."""
        if self._state != "ready":
            return
        now = self._clock()
        self._started_at = now
        self._state = "running"
        first = self._next_index(-1)
        if first is not None:
            self._begin(first, now)
        else:
            self._finish(now)

    def tick(self) -> list[Event]:
        """Catch up with the clock, crossing as many deadlines as have passed; return the events."""
        if self._state == "running":
            self._advance(self._clock())
        events, self._events = self._events, []
        return events

    def pause(self) -> None:
        """Freeze the current step; its deadline moves on by however long the pause lasts."""
        now = self._catch_up()
        if self._state == "running":
            self._state = "paused"
            self._pause_began_at = now

    def resume(self) -> None:
        """Carry on from where the pause froze the step."""
        if self._state != "paused" or self._pause_began_at is None:
            return
        paused_s = self._clock() - self._pause_began_at
        self._step_paused_s += paused_s
        self._paused_s += paused_s
        self._pause_began_at = None
        self._state = "running"

    def toggle_pause(self) -> None:
        """Pause when running, resume when paused."""
        if self._state == "paused":
            self.resume()
        else:
            self.pause()

    def skip(self) -> None:
        """End the current step now and start the next one (a pause carries over)."""
        now = self._catch_up()
        if self._state not in ("running", "paused"):
            return
        self._restart_pause(now)
        self._end_step(now, skipped=True)
        self._move_on(now)

    def back(self) -> None:
        """Restart the current step if it has run a while, else go back to the previous one."""
        now = self._catch_up()
        if self._state not in ("running", "paused"):
            return
        previous = self._previous_index(self._index)
        restart = self.step_elapsed_s > BACK_RESTARTS_AFTER_S or previous is None
        self._restart_pause(now)
        self._begin(self._index if restart or previous is None else previous, now)

    def drop_exercise(self, exercise_id: str) -> None:
        """End this exercise for the session: none of its steps is played again, in any round.

        If the step under way belongs to it, the player moves on at once (a pause carries over);
        the dropped step counts neither as done nor as skipped.
        """
        now = self._catch_up()
        if self._state in ("finished", "quit"):
            return
        self._dropped.add(exercise_id)
        if self._state in ("running", "paused") and not self._playable(self._index):
            self._restart_pause(now)
            self._move_on(now)

    def quit(self) -> None:
        """Stop for good; what was completed stays completed."""
        now = self._catch_up()
        if self._state in ("finished", "quit"):
            return
        self._close_pause(now)
        self._state = "quit"
        self._stopped_at = now

    # --- what the terminal shows ----------------------------------------------------------

    @property
    def state(self) -> PlayerState:
        """ready, running, paused, finished or quit."""
        return self._state

    @property
    def steps(self) -> tuple[Step, ...]:
        """The timeline being played."""
        return self._steps

    @property
    def index(self) -> int:
        """The position of the current step in the timeline."""
        return self._index

    @property
    def current(self) -> Step | None:
        """The step under way (running or paused), else None."""
        return self._steps[self._index] if self._state in ("running", "paused") else None

    @property
    def upcoming(self) -> Step | None:
        """The step after the current one (the first one before start); dropped ones are passed."""
        if self._state == "ready":
            after = -1
        elif self._state in ("running", "paused"):
            after = self._index
        else:
            return None
        following = self._next_index(after)
        return None if following is None else self._steps[following]

    @property
    def started_at(self) -> float | None:
        """The clock time start() was called."""
        return self._started_at

    @property
    def finished_at(self) -> float | None:
        """The clock time the last step's deadline fell (or the last step was skipped)."""
        return self._finished_at

    @property
    def deadline_at(self) -> float | None:
        """The clock time the current step ends, pauses so far included."""
        if self.current is None:
            return None
        return self._step_started_at + self.current.duration_s + self._step_paused_s

    @property
    def step_elapsed_s(self) -> float:
        """Seconds the current step has run, pauses excluded."""
        if self.current is None:
            return 0.0
        return self._now() - self._step_started_at - self._step_paused_s

    @property
    def remaining_s(self) -> float:
        """Seconds left in the current step (frozen while paused)."""
        if self.current is None:
            return 0.0
        return max(0.0, self.current.duration_s - self.step_elapsed_s)

    @property
    def elapsed_s(self) -> float:
        """Session time since start, pauses excluded."""
        if self._started_at is None:
            return 0.0
        return self._now() - self._started_at - self._paused_s

    @property
    def progress(self) -> float:
        """How much of the planned duration is behind us, 0 to 1 (a skip jumps ahead)."""
        total_s = self._offsets_s[-1]
        if self._state == "finished":
            return 1.0
        if self._state == "ready" or total_s <= 0 or not self._steps:
            return 0.0
        duration_s = self._steps[self._index].duration_s
        within_s = min(
            max(self._now() - self._step_started_at - self._step_paused_s, 0.0), duration_s
        )
        return min((self._offsets_s[self._index] + within_s) / total_s, 1.0)

    @property
    def completed_steps(self) -> tuple[Completion, ...]:
        """The steps ended so far, in timeline order; a step done twice keeps its last ending."""
        return tuple(Completion(i, skipped) for i, skipped in sorted(self._completed.items()))

    @property
    def dropped_exercises(self) -> frozenset[str]:
        """The exercises ended part way with drop_exercise()."""
        return frozenset(self._dropped)

    @property
    def dropped_steps(self) -> tuple[int, ...]:
        """The steps never played because their exercise was dropped, in timeline order."""
        return tuple(
            i for i in range(len(self._steps)) if not self._playable(i) and i not in self._completed
        )

    # --- the schedule ---------------------------------------------------------------------

    def _now(self) -> float:
        if self._stopped_at is not None:
            return self._stopped_at
        if self._pause_began_at is not None:
            return self._pause_began_at
        return self._clock()

    def _catch_up(self) -> float:
        """Read the clock once and process every deadline before acting on a control."""
        now = self._clock()
        if self._state == "running":
            self._advance(now)
        return now

    def _advance(self, now: float) -> None:
        """Fire due cues and end steps whose deadline passed; the next starts at that deadline."""
        while self._state == "running":
            deadline = self._step_started_at + self._steps[self._index].duration_s
            deadline += self._step_paused_s
            self._fire_cues(min(now, deadline))
            if now < deadline:
                return
            self._end_step(deadline, skipped=False)
            self._move_on(deadline)

    def _playable(self, index: int) -> bool:
        exercise_id = self._steps[index].exercise_id
        return exercise_id is None or exercise_id not in self._dropped

    def _next_index(self, after: int) -> int | None:
        """The first step after this one that is still to be played."""
        return next((i for i in range(after + 1, len(self._steps)) if self._playable(i)), None)

    def _previous_index(self, before: int) -> int | None:
        """The last step before this one that can be played again."""
        return next((i for i in range(before - 1, -1, -1) if self._playable(i)), None)

    def _move_on(self, at: float) -> None:
        """Begin the next playable step at this moment, or finish when none is left."""
        following = self._next_index(self._index)
        if following is not None:
            self._begin(following, at)
        else:
            self._finish(at)

    def _begin(self, index: int, at: float) -> None:
        self._index = index
        self._step_started_at = at
        self._step_paused_s = 0.0
        self._cues = _cues(self._steps[index])
        self._events.append(Event("step_started", index, at))

    def _fire_cues(self, until: float) -> None:
        origin = self._step_started_at + self._step_paused_s
        while self._cues and origin + self._cues[0][0] <= until:
            offset_s, kind, number = self._cues.pop(0)
            seconds_left = number if kind == "countdown" else None
            rep = number if kind == "rep" else None
            self._events.append(Event(kind, self._index, origin + offset_s, seconds_left, rep))

    def _end_step(self, at: float, *, skipped: bool) -> None:
        self._completed[self._index] = skipped
        if self._steps[self._index].ends_exercise:
            self._events.append(Event("exercise_done", self._index, at, skipped=skipped))

    def _finish(self, at: float) -> None:
        self._close_pause(at)
        self._state = "finished"
        self._finished_at = at
        self._stopped_at = at
        self._events.append(Event("finished", max(len(self._steps) - 1, 0), at))

    def _restart_pause(self, now: float) -> None:
        """Bank the pause so far, so a step begun now while paused starts with no pause in it."""
        if self._pause_began_at is not None:
            self._paused_s += now - self._pause_began_at
            self._pause_began_at = now

    def _close_pause(self, now: float) -> None:
        if self._pause_began_at is not None:
            self._paused_s += now - self._pause_began_at
            self._pause_began_at = None


def _cues(step: Step) -> list[tuple[float, EventKind, int]]:
    """A step's timed cues by offset: a rep every tempo, or 3-2-1 before a timed step ends."""
    if step.kind == "reps" and step.reps and step.tempo_s:
        return [(number * step.tempo_s, "rep", number + 1) for number in range(step.reps)]
    if step.kind in COUNTDOWN_KINDS and step.duration_s >= COUNTDOWN_FROM + 1:
        return [(step.duration_s - n, "countdown", n) for n in range(COUNTDOWN_FROM, 0, -1)]
    return []
