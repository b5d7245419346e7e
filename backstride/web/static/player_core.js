// The browser's session player: a timeline played on deadlines read from a monotonic clock.
// A line-for-line counterpart of backstride/domain/player.py; tests/test_web_player_core.py
// plays the same scripts through both and compares what they did.

const COUNTDOWN_FROM = 3;
const COUNTDOWN_KINDS = ["get_ready", "hold", "rest"];
const BACK_RESTARTS_AFTER_S = 2.0;

function cuesOf(step) {
  if (step.kind === "reps" && step.reps && step.tempo_s) {
    return Array.from({ length: step.reps }, (_, n) => [n * step.tempo_s, "rep", n + 1]);
  }
  if (COUNTDOWN_KINDS.includes(step.kind) && step.duration_s >= COUNTDOWN_FROM + 1) {
    const cues = [];
    for (let n = COUNTDOWN_FROM; n > 0; n -= 1) cues.push([step.duration_s - n, "countdown", n]);
    return cues;
  }
  return [];
}

export class Player {
  constructor(steps, clock) {
    this.steps = steps;
    this.clock = clock;
    this.offsets = [0];
    for (const step of steps) this.offsets.push(this.offsets[this.offsets.length - 1] + step.duration_s);
    this.state = "ready";
    this.index = 0;
    this.startedAt = null;
    this.stoppedAt = null;
    this.finishedAt = null;
    this.stepStartedAt = 0;
    this.stepPausedS = 0;
    this.pausedS = 0;
    this.pauseBeganAt = null;
    this.cues = [];
    this.events = [];
    this.completed = new Map();
    this.dropped = new Set();
  }

  start() {
    if (this.state !== "ready") return;
    const now = this.clock();
    this.startedAt = now;
    this.state = "running";
    const first = this.nextIndex(-1);
    if (first !== null) this.begin(first, now);
    else this.finish(now);
  }

  tick() {
    if (this.state === "running") this.advance(this.clock());
    const events = this.events;
    this.events = [];
    return events;
  }

  pause() {
    const now = this.catchUp();
    if (this.state === "running") {
      this.state = "paused";
      this.pauseBeganAt = now;
    }
  }

  resume() {
    if (this.state !== "paused" || this.pauseBeganAt === null) return;
    const pausedS = this.clock() - this.pauseBeganAt;
    this.stepPausedS += pausedS;
    this.pausedS += pausedS;
    this.pauseBeganAt = null;
    this.state = "running";
  }

  togglePause() {
    if (this.state === "paused") this.resume();
    else this.pause();
  }

  skip() {
    const now = this.catchUp();
    if (this.state !== "running" && this.state !== "paused") return;
    this.restartPause(now);
    this.endStep(now, true);
    this.moveOn(now);
  }

  back() {
    const now = this.catchUp();
    if (this.state !== "running" && this.state !== "paused") return;
    const previous = this.previousIndex(this.index);
    const restart = this.stepElapsedS() > BACK_RESTARTS_AFTER_S || previous === null;
    this.restartPause(now);
    this.begin(restart ? this.index : previous, now);
  }

  dropExercise(exerciseId) {
    const now = this.catchUp();
    if (this.state === "finished" || this.state === "quit") return;
    this.dropped.add(exerciseId);
    if ((this.state === "running" || this.state === "paused") && !this.playable(this.index)) {
      this.restartPause(now);
      this.moveOn(now);
    }
  }

  quit() {
    const now = this.catchUp();
    if (this.state === "finished" || this.state === "quit") return;
    this.closePause(now);
    this.state = "quit";
    this.stoppedAt = now;
  }

  get current() {
    return this.state === "running" || this.state === "paused" ? this.steps[this.index] : null;
  }

  get upcoming() {
    let after;
    if (this.state === "ready") after = -1;
    else if (this.state === "running" || this.state === "paused") after = this.index;
    else return null;
    const following = this.nextIndex(after);
    return following === null ? null : this.steps[following];
  }

  get deadlineAt() {
    const step = this.current;
    return step === null ? null : this.stepStartedAt + step.duration_s + this.stepPausedS;
  }

  stepElapsedS() {
    if (this.current === null) return 0;
    return this.now() - this.stepStartedAt - this.stepPausedS;
  }

  remainingS() {
    const step = this.current;
    return step === null ? 0 : Math.max(0, step.duration_s - this.stepElapsedS());
  }

  elapsedS() {
    return this.startedAt === null ? 0 : this.now() - this.startedAt - this.pausedS;
  }

  progress() {
    const total = this.offsets[this.offsets.length - 1];
    if (this.state === "finished") return 1;
    if (this.state === "ready" || total <= 0 || this.steps.length === 0) return 0;
    const duration = this.steps[this.index].duration_s;
    const within = Math.min(Math.max(this.now() - this.stepStartedAt - this.stepPausedS, 0), duration);
    return Math.min((this.offsets[this.index] + within) / total, 1);
  }

  completedSteps() {
    return [...this.completed.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([step, skipped]) => ({ step, skipped }));
  }

  droppedSteps() {
    const found = [];
    for (let i = 0; i < this.steps.length; i += 1) {
      if (!this.playable(i) && !this.completed.has(i)) found.push(i);
    }
    return found;
  }

  now() {
    if (this.stoppedAt !== null) return this.stoppedAt;
    if (this.pauseBeganAt !== null) return this.pauseBeganAt;
    return this.clock();
  }

  catchUp() {
    const now = this.clock();
    if (this.state === "running") this.advance(now);
    return now;
  }

  advance(now) {
    while (this.state === "running") {
      const deadline = this.stepStartedAt + this.steps[this.index].duration_s + this.stepPausedS;
      this.fireCues(Math.min(now, deadline));
      if (now < deadline) return;
      this.endStep(deadline, false);
      this.moveOn(deadline);
    }
  }

  playable(index) {
    const id = this.steps[index].exercise;
    return id === null || !this.dropped.has(id);
  }

  nextIndex(after) {
    for (let i = after + 1; i < this.steps.length; i += 1) if (this.playable(i)) return i;
    return null;
  }

  previousIndex(before) {
    for (let i = before - 1; i >= 0; i -= 1) if (this.playable(i)) return i;
    return null;
  }

  moveOn(at) {
    const following = this.nextIndex(this.index);
    if (following !== null) this.begin(following, at);
    else this.finish(at);
  }

  begin(index, at) {
    this.index = index;
    this.stepStartedAt = at;
    this.stepPausedS = 0;
    this.cues = cuesOf(this.steps[index]);
    this.events.push({ kind: "step_started", step: index, dueAt: at });
  }

  fireCues(until) {
    const origin = this.stepStartedAt + this.stepPausedS;
    while (this.cues.length && origin + this.cues[0][0] <= until) {
      const [offset, kind, number] = this.cues.shift();
      this.events.push({ kind, step: this.index, dueAt: origin + offset, number });
    }
  }

  endStep(at, skipped) {
    this.completed.set(this.index, skipped);
    if (this.steps[this.index].ends_exercise) {
      this.events.push({ kind: "exercise_done", step: this.index, dueAt: at, skipped });
    }
  }

  finish(at) {
    this.closePause(at);
    this.state = "finished";
    this.finishedAt = at;
    this.stoppedAt = at;
    this.events.push({ kind: "finished", step: Math.max(this.steps.length - 1, 0), dueAt: at });
  }

  restartPause(now) {
    if (this.pauseBeganAt !== null) {
      this.pausedS += now - this.pauseBeganAt;
      this.pauseBeganAt = now;
    }
  }

  closePause(now) {
    if (this.pauseBeganAt !== null) {
      this.pausedS += now - this.pauseBeganAt;
      this.pauseBeganAt = null;
    }
  }
}
