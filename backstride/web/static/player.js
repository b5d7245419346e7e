// The guided session page: prepares today's session (online) or takes the one kept on the
// phone (offline), plays it on deadlines (player_core.js), asks about pain without pausing,
// and hands the result to the outbox, which sends it once the server can be reached.

import { Player } from "./player_core.js";
import { DEFAULT_RULES, painResponse } from "./pain_rules.js";
import * as outbox from "./outbox.js";
import { ScreenAwake, Sounds } from "./player_sounds.js";

const root = document.getElementById("player");
const formToken = root.dataset.formToken;
const runner = root.dataset.runner;
const $ = (id) => document.getElementById(id);
const sounds = new Sounds();
const awake = new ScreenAwake();
const seconds = () => performance.now() / 1000;
const SIDES = { left: "Left side", right: "Right side", alternating: "Alternating sides" };
const END_WORDS = {
  end: "Session complete. Well done.",
  quit: "Session ended early. What you did is kept.",
  pain_7_plus: "Pain of 7 or more: the session ends here (DOMAIN.md 2.1.4).",
  leg_symptoms: "Leg symptoms: the session ends here (DOMAIN.md 2.1.4).",
};
const DOSE_WORDS = { progress: "Step up", hold: "Same dose", regress: "Step down", stop: "Stop" };

let entry = null; // { id, day, start, report, synced, result }
let effortPending = false; // the session is over and its effort (RPE) not yet answered
let player = null;
let timer = null;
let question = null; // the step index a pain answer is awaited for
let endedBy = null;
let legStep = null;
const painAnswers = [];
let rep = null;
let startedWall = 0;

function localDay() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

function show(id) {
  for (const section of ["prepare", "refused", "run", "done"]) $(section).hidden = section !== id;
}

function say(text) {
  $("status").textContent = text;
}

function asked() {
  const minutes = root.dataset.minutes;
  if (!minutes) return {};
  return { minutes: /^[0-9]+$/.test(minutes) ? Number(minutes) : minutes };
}

async function prepare() {
  await outbox.sync(runner, formToken).catch(() => []);
  let response = null;
  try {
    response = await fetch("/api/v1/sessions", {
      method: "POST",
      headers: { "content-type": "application/json", "x-form-token": formToken },
      body: JSON.stringify(asked()),
      credentials: "same-origin",
    });
  } catch (offline) {
    response = null;
  }
  if (response === null) {
    const kept = await outbox.preparedFor(runner, localDay());
    if (!kept) {
      say("You are offline, and no session was kept on this phone today. Open this page once with a connection.");
      return;
    }
    entry = kept;
    say("Offline: playing the session kept on this phone. It will sync when you are back online.");
  } else if (!response.ok) {
    const problem = await response.json().catch(() => ({ detail: "the server refused" }));
    $("refused-why").textContent = problem.detail;
    say("No session now.");
    show("refused");
    return;
  } else {
    await outbox.forgetSettled(runner);
    const start = await response.json();
    entry = { id: start.id, runner, day: localDay(), start, report: null, synced: false, result: null };
    await outbox.keep(entry);
    for (const exercise of start.exercises) fetch(`/exercises/${exercise.id}`).catch(() => null);
    // Each rung's drawing too, so the player shows it with no signal (the worker keeps it).
    for (const src of new Set(start.steps.filter((s) => s.exercise).map(poseSource))) {
      fetch(src).catch(() => null);
    }
    say("Ready.");
  }
  const minutes = Math.round(entry.start.total_s / 60);
  const names = entry.start.exercises.map((e) => e.name).join(", ");
  $("plan-summary").textContent = `${minutes} minutes: ${names}.`;
  show("prepare");
  $("start").focus();
}

function start() {
  sounds.unlock();
  sounds.speak = $("speech").checked;
  player = new Player(entry.start.steps, seconds);
  startedWall = Date.now();
  player.start();
  awake.hold();
  show("run");
  say("Running.");
  timer = setInterval(update, 100);
  document.addEventListener("visibilitychange", update);
  update();
}

function update() {
  if (!player) return;
  for (const event of player.tick()) onEvent(event);
  render();
  if ((player.state === "finished" || player.state === "quit") && question === null) finish();
}

function onEvent(event) {
  const step = entry.start.steps[event.step];
  if (event.kind === "step_started") {
    rep = null;
    if (step.kind === "get_ready") sounds.tone("getReady");
    if (step.kind === "switch_side") sounds.tone("switchSide");
    if (step.kind === "hold" || step.kind === "reps") sounds.buzz(150);
    sounds.say(step.label);
  } else if (event.kind === "countdown") {
    sounds.tone("lastSeconds");
    if (event.number === 1) sounds.buzz(80);
  } else if (event.kind === "rep") {
    rep = event.number;
  } else if (event.kind === "exercise_done" && question === null) {
    ask(event.step);
  } else if (event.kind === "finished") {
    sounds.tone("done");
    sounds.say("Session complete. Well done.");
  }
}

function ask(stepIndex) {
  question = stepIndex;
  $("pain").hidden = false;
  $("pain-q").textContent = `Pain in your back now, 0 to 10? (after ${entry.start.steps[stepIndex].exercise_name})`;
  sounds.say("How is your back? Pain, nought to ten.");
}

function answer(score) {
  if (question === null) return;
  const stepIndex = question;
  question = null;
  $("pain").hidden = true;
  if (score !== null) {
    painAnswers.push({ step: stepIndex, score });
    const rules = entry.start.pain_rules || DEFAULT_RULES;
    const response = painResponse(score, rules);
    const step = entry.start.steps[stepIndex];
    if (response === "end_session") {
      endedBy = "pain_7_plus";
      player.quit();
    } else if (response === "end_exercise" && step.exercise) {
      player.dropExercise(step.exercise);
      $("note").textContent = `Pain ${score}: ${step.exercise_name} is over for today and left out of the later rounds. Sharp pain or limping means stop the whole session now.`;
    }
  }
  update();
}

function legSymptoms() {
  if (!player) return;
  legStep = question !== null ? question : player.index;
  question = null;
  $("pain").hidden = true;
  endedBy = "leg_symptoms";
  player.quit();
  update();
}

function poseSource(step) {
  const exercise = encodeURIComponent(step.exercise);
  return `/exercises/${exercise}/figure.svg?level=${encodeURIComponent(step.level_id)}`;
}

function showPose(step) {
  const pose = $("pose");
  const src = step.exercise ? poseSource(step) : "";
  if (pose.dataset.src === src) return;
  pose.dataset.src = src;
  pose.hidden = !src;
  if (src) {
    pose.src = src;
    pose.alt = `The movement of ${step.exercise_name}, drawn`;
  }
}

function render() {
  const step = player.current;
  $("bar").value = Math.round(player.progress() * 1000);
  $("pause").textContent = player.state === "paused" ? "Resume" : "Pause";
  if (!step) return;
  const roundNamed = /^Round \d+ of /.test(step.label); // a new round's rest names it
  const parts = roundNamed ? [] : [`Round ${step.round} of ${step.rounds_total}`];
  if (step.sets_total > 1) parts.push(`Set ${step.set} of ${step.sets_total}`);
  if (step.side) parts.push(SIDES[step.side]);
  if (player.state === "paused") parts.push("Paused");
  $("where").textContent = parts.join(" · ");
  $("now-what").textContent = step.label;
  showPose(step);
  $("countdown").textContent = String(Math.ceil(player.remainingS() - 1e-9));
  $("rep").hidden = step.kind !== "reps"; // kept in place through a set, so nothing jumps
  $("rep").textContent = step.kind === "reps" && rep ? `Rep ${rep} of ${step.reps}` : "";
  $("cue").textContent = step.cue;
  const how = entry.start.exercises.find((e) => e.id === step.exercise);
  if (how && $("how").dataset.exercise !== how.id) {
    $("how").dataset.exercise = how.id;
    $("how-start").textContent = how.starting_position;
    $("how-steps").replaceChildren(
      ...how.steps.map((text) => {
        const item = document.createElement("li");
        item.textContent = text;
        return item;
      }),
    );
  }
  const next = player.upcoming;
  $("next").textContent = next ? `Next: ${next.label}` : "Next: the end";
}

async function finish() {
  if (!player || timer === null) return;
  clearInterval(timer);
  timer = null;
  await awake.release();
  if (endedBy === null) endedBy = player.state === "finished" ? "end" : "quit";
  const activeS = player.elapsedS();
  const endedWall = startedWall + (player.now() - player.startedAt) * 1000;
  entry.report = {
    started_at: new Date(startedWall).toISOString(),
    ended_at: new Date(endedWall).toISOString(),
    active_s: Math.round(activeS * 1000) / 1000,
    reached_end: endedBy === "end",
    ended_by: endedBy,
    rpe: null,
    completions: player.completedSteps(),
    pain_answers: painAnswers,
    leg_symptoms_step: legStep,
    dropped_steps: player.droppedSteps(),
  };
  await outbox.keep(entry);
  showSummary();
  // The CLI's question after a session (cli/go_session.py), not after a stop for safety.
  const askEffort = (endedBy === "end" || endedBy === "quit") && entry.report.completions.length > 0;
  if (!askEffort) {
    await sendNow();
    return;
  }
  effortPending = true;
  $("effort").hidden = false;
  $("sync").textContent = "Kept on this phone; it goes to the server once you answer or skip.";
  sounds.say("How hard was that? Nought to ten.");
}

async function effort(score) {
  if (!effortPending) return;
  effortPending = false;
  $("effort").hidden = true;
  entry.report.rpe = score;
  await outbox.keep(entry);
  await sendNow();
}

async function sendNow() {
  const confirmed = await outbox.sync(runner, formToken).catch(() => []);
  const mine = confirmed.find((e) => e.id === entry.id);
  if (mine && mine.result) {
    entry = mine;
    $("sync").textContent = "Saved on the server.";
    showDoses(mine.result);
  } else if (mine) {
    $("sync").textContent = `The server did not take this session: ${mine.refused}`;
  } else if (!entry.synced) {
    $("sync").textContent = "Saved on this phone, will sync when you are back online.";
  }
}

function showSummary() {
  show("done");
  say("Session over.");
  $("done-title").textContent = endedBy === "end" ? "Session complete" : "Session over";
  $("done-why").textContent = END_WORDS[endedBy];
  const steps = entry.start.steps;
  const rows = new Map();
  for (const [index, step] of steps.entries()) {
    if ((step.kind !== "hold" && step.kind !== "reps") || !step.exercise) continue;
    if (!rows.has(step.exercise)) rows.set(step.exercise, { name: step.exercise_name, done: 0, skipped: 0, planned: 0, pain: [] });
    rows.get(step.exercise).planned += 1;
    const ended = player.completed.get(index);
    if (ended === false) rows.get(step.exercise).done += 1;
    if (ended === true) rows.get(step.exercise).skipped += 1;
  }
  for (const { step, score } of painAnswers) {
    const row = rows.get(steps[step].exercise);
    if (row) row.pain.push(score);
  }
  $("summary-rows").replaceChildren(
    ...[...rows.values()].map((row) => {
      const line = document.createElement("tr");
      const worst = row.pain.length ? Math.max(...row.pain) : null;
      const pain = worst === null ? "not asked" : String(worst);
      const rules = entry.start.pain_rules || DEFAULT_RULES;
      const ended = worst !== null && painResponse(worst, rules) !== "carry_on" ? ", then ended for pain" : "";
      for (const text of [row.name, `${row.done} of ${row.planned}${ended}`, String(row.skipped), pain]) {
        const cell = document.createElement("td");
        cell.textContent = text;
        line.append(cell);
      }
      return line;
    }),
  );
  $("go-check-in").hidden = endedBy !== "pain_7_plus" && endedBy !== "leg_symptoms";
  $("done-title").focus();
}

function showDoses(result) {
  const items = result.next_doses.map((dose) => {
    const item = document.createElement("li");
    const name = result.exercises.find((e) => e.exercise_id === dose.exercise_id);
    item.textContent = `${name ? name.exercise_name : dose.exercise_id}: ${DOSE_WORDS[dose.action]}. ${dose.reason}`;
    return item;
  });
  if (items.length) $("doses").replaceChildren(...items);
  if (result.check_in_next) $("go-check-in").hidden = false;
}

function control(name) {
  if (!player) return;
  if (name === "pause") player.togglePause();
  if (name === "skip") player.skip();
  if (name === "back") player.back();
  if (name === "quit") {
    $("confirm-quit").hidden = false;
    $("quit-yes").focus();
    return;
  }
  update();
}

function keys(event) {
  if (!player || $("run").hidden || event.ctrlKey || event.metaKey || event.altKey) return;
  const onControl = event.target instanceof HTMLButtonElement || event.target instanceof HTMLInputElement;
  const key = event.key.toLowerCase();
  if (key === " " && !onControl) {
    event.preventDefault();
    control("pause");
  } else if (key === "n" || key === "arrowright") control("skip");
  else if (key === "b" || key === "arrowleft") control("back");
  else if (key === "q" || key === "escape") control("quit");
  else if (question !== null && /^[0-9]$/.test(key) && !onControl) answer(Number(key));
  else if (effortPending && /^[0-9]$/.test(key) && !onControl) effort(Number(key));
}

function scale(grid, name, chosen) {
  for (let score = 0; score <= 10; score += 1) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = String(score);
    button.setAttribute("aria-label", `${name} ${score} of 10`);
    button.addEventListener("click", () => chosen(score));
    grid.append(button);
  }
}

function wire() {
  $("start").addEventListener("click", start);
  $("pause").addEventListener("click", () => control("pause"));
  $("skip").addEventListener("click", () => control("skip"));
  $("back").addEventListener("click", () => control("back"));
  $("quit").addEventListener("click", () => control("quit"));
  $("quit-no").addEventListener("click", () => {
    $("confirm-quit").hidden = true;
  });
  $("quit-yes").addEventListener("click", () => {
    $("confirm-quit").hidden = true;
    player.quit();
    update();
  });
  $("legs").addEventListener("click", legSymptoms);
  $("pain-legs").addEventListener("click", legSymptoms);
  $("pain-skip").addEventListener("click", () => answer(null));
  $("speech").addEventListener("change", () => {
    sounds.speak = $("speech").checked;
  });
  scale($("pain-grid"), "Pain", answer);
  scale($("effort-grid"), "Effort", effort);
  $("effort-skip").addEventListener("click", () => effort(null));
  document.addEventListener("keydown", keys);
  window.addEventListener("online", () => {
    if (effortPending) return; // sent once the effort is answered or skipped
    if (entry && entry.report && !entry.synced) sendNow();
    else outbox.sync(runner, formToken).catch(() => []);
  });
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => null);
}

wire();
prepare();
