// backstride's service worker: keeps the player, the metronome and the pages last seen, so a
// session can be played with no signal. Pages come from the network first (always fresh when
// online) and from the cache when offline. The cache is named after this file's version, which
// the server derives from the static files: a new release installs a new worker, which takes
// over at once and deletes the old cache (no stale player after an update).

const VERSION = "__VERSION__";
const CACHE = `backstride-${VERSION}`;
const SHELL = [
  "/player",
  "/metronome",
  "/routine",
  "/today",
  "/static/style.css",
  "/static/player.css",
  "/static/player.js",
  "/static/player_core.js",
  "/static/pain_rules.js",
  "/static/outbox.js",
  "/static/player_sounds.js",
  "/static/metronome.js",
  "/static/metronome_page.js",
  "/static/time_zone.js",
  "/static/icon.svg",
  "/static/app-icon.svg",
  "/static/vendor/htmx-2.0.11.min.js",
  "/static/manifest.webmanifest",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => Promise.all(SHELL.map((url) => cache.add(url).catch(() => null))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("backstride-") && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

function keepable(response) {
  return response.ok && !response.redirected && response.type === "basic";
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (keepable(response)) await cache.put(request, response.clone());
    return response;
  } catch (offline) {
    const kept = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
    if (kept) return kept;
    throw offline;
  }
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === "/logout" || url.pathname === "/login") {
    // Signing out, or in as someone else: the pages kept were that runner's.
    event.waitUntil(caches.delete(CACHE));
    return;
  }
  if (event.request.method !== "GET") return;
  if (url.pathname.startsWith("/api/") || url.pathname === "/sw.js") return;
  event.respondWith(networkFirst(event.request));
});
