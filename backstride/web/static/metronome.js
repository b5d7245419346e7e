// A metronome on the audio clock: each click's time is computed from its number k
// (start + k x 60 / spm), never by adding intervals, and clicks are handed to the audio
// clock a little ahead of time by a look-ahead loop, so an hour of clicks does not drift.
// scheduleClicks works on any BaseAudioContext, an OfflineAudioContext included (the tests
// render an hour through it and read the onsets back).

export const LOOK_AHEAD_S = 0.2;
export const WAKE_EVERY_MS = 50;

export function clickTime(startTime, spm, k) {
  return startTime + (k * 60) / spm;
}

// A short click: a 2 kHz (accent 3 kHz) square burst decaying over 15 ms, loudest at sample 0.
export function clickBuffer(context, accent) {
  const rate = context.sampleRate;
  const length = Math.max(1, Math.round(rate * 0.015));
  const buffer = context.createBuffer(1, length, rate);
  const samples = buffer.getChannelData(0);
  const frequency = accent ? 3000 : 2000;
  const loudness = accent ? 0.9 : 0.6;
  for (let i = 0; i < length; i += 1) {
    const phase = Math.floor((2 * frequency * i) / rate) % 2 === 0 ? 1 : -1;
    samples[i] = loudness * phase * Math.exp(-i / (length / 4));
  }
  return buffer;
}

// Schedule clicks k = fromK, fromK + 1, ... whose time falls before untilTime; returns the
// next k to schedule. accentEvery = 0 means no accent; else every accentEvery-th beat is one.
export function scheduleClicks(context, plan, fromK, untilTime, destination = context.destination) {
  let k = fromK;
  for (;;) {
    const at = clickTime(plan.startTime, plan.spm, k);
    if (at >= untilTime) return k;
    const source = context.createBufferSource();
    const accent = plan.accentEvery > 0 && k % plan.accentEvery === 0;
    source.buffer = accent ? plan.accentBuffer : plan.clickBuffer;
    source.connect(destination);
    source.start(at);
    k += 1;
  }
}

export function clickPlan(context, spm, accentEvery, startTime) {
  return {
    spm,
    accentEvery,
    startTime,
    clickBuffer: clickBuffer(context, false),
    accentBuffer: clickBuffer(context, true),
  };
}

export class Metronome {
  constructor() {
    this.context = null;
    this.loop = null;
  }

  get running() {
    return this.loop !== null;
  }

  start(spm, accentEvery) {
    this.stop();
    const Context = window.AudioContext || window.webkitAudioContext;
    this.context = new Context();
    const plan = clickPlan(this.context, spm, accentEvery, this.context.currentTime + 0.1);
    let k = 0;
    const wake = () => {
      k = scheduleClicks(this.context, plan, k, this.context.currentTime + LOOK_AHEAD_S);
    };
    wake();
    this.loop = setInterval(wake, WAKE_EVERY_MS);
  }

  stop() {
    if (this.loop !== null) clearInterval(this.loop);
    this.loop = null;
    if (this.context) this.context.close();
    this.context = null;
  }
}
