// The metronome page: the step rate checked here too (the range comes from the server), then
// start and stop, with the screen kept awake while it clicks.

import { Metronome } from "./metronome.js";
import { ScreenAwake } from "./player_sounds.js";

const form = document.getElementById("metronome");
const spmField = document.getElementById("spm");
const accentField = document.getElementById("accent");
const button = document.getElementById("toggle");
const message = document.getElementById("metronome-error");
const state = document.getElementById("metronome-state");
const metronome = new Metronome();
const awake = new ScreenAwake();
const low = Number(form.dataset.min);
const high = Number(form.dataset.max);

function chosenSpm() {
  const typed = spmField.value.trim();
  const spm = Number(typed);
  if (!/^[0-9]+$/.test(typed) || spm < low || spm > high) {
    return { error: `spm '${typed}' is not valid: give a whole number from ${low} to ${high} steps a minute` };
  }
  return { spm };
}

function toggle(event) {
  event.preventDefault();
  if (metronome.running) {
    metronome.stop();
    awake.release();
    button.textContent = "Start";
    state.textContent = "Stopped.";
    return;
  }
  const chosen = chosenSpm();
  if (chosen.error) {
    message.textContent = chosen.error;
    spmField.setAttribute("aria-invalid", "true");
    spmField.focus();
    return;
  }
  message.textContent = "";
  spmField.removeAttribute("aria-invalid");
  metronome.start(chosen.spm, Number(accentField.value));
  awake.hold();
  button.textContent = "Stop";
  state.textContent = `Clicking at ${chosen.spm} steps a minute.`;
}

form.addEventListener("submit", toggle);
if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => null);
