// What the player sounds like: short Web Audio tones, spoken cues, and a buzz where there is one.

const TONES = {
  getReady: [[523, 0.12], [659, 0.12]],
  lastSeconds: [[880, 0.08]],
  switchSide: [[659, 0.1], [523, 0.1]],
  done: [[523, 0.12], [659, 0.12], [784, 0.25]],
};

export class Sounds {
  constructor() {
    this.context = null;
    this.speak = true;
  }

  // Made on the first tap: browsers start audio only after a gesture.
  unlock() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!this.context && Context) this.context = new Context();
    if (this.context && this.context.state === "suspended") this.context.resume();
  }

  tone(name) {
    if (!this.context) return;
    let at = this.context.currentTime + 0.02;
    for (const [frequency, length] of TONES[name]) {
      const oscillator = this.context.createOscillator();
      const gain = this.context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.4, at + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
      oscillator.connect(gain).connect(this.context.destination);
      oscillator.start(at);
      oscillator.stop(at + length + 0.02);
      at += length + 0.04;
    }
  }

  say(words) {
    if (!this.speak || !words || !("speechSynthesis" in window)) return;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(new SpeechSynthesisUtterance(words));
  }

  buzz(pattern) {
    if (typeof navigator.vibrate === "function") navigator.vibrate(pattern);
  }

  close() {
    if ("speechSynthesis" in window) window.speechSynthesis.cancel();
    if (this.context) this.context.close();
    this.context = null;
  }
}

// The screen stays on while a session runs; the browser drops the lock when the page is hidden,
// so it is asked for again when the page is visible.
export class ScreenAwake {
  constructor() {
    this.sentinel = null;
    this.wanted = false;
    document.addEventListener("visibilitychange", () => {
      if (this.wanted && document.visibilityState === "visible") this.request();
    });
  }

  async hold() {
    this.wanted = true;
    await this.request();
  }

  async request() {
    if (!("wakeLock" in navigator) || this.sentinel) return;
    try {
      this.sentinel = await navigator.wakeLock.request("screen");
      this.sentinel.addEventListener("release", () => {
        this.sentinel = null;
      });
    } catch (refused) {
      this.sentinel = null;
    }
  }

  async release() {
    this.wanted = false;
    const sentinel = this.sentinel;
    this.sentinel = null;
    if (sentinel) await sentinel.release();
  }
}
