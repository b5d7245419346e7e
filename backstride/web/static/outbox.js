// The phone's copy of sessions: prepared ones (to play with no signal) and played ones until
// the server has them. A report is posted by session id, so sending it twice stores it once.

const DB_NAME = "backstride";
const STORE = "sessions";

function opened() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "id" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function inStore(mode, work) {
  const db = await opened();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request ? request.result : undefined);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export function keep(entry) {
  return inStore("readwrite", (store) => store.put(entry));
}

export function forget(id) {
  return inStore("readwrite", (store) => store.delete(id));
}

export function all() {
  return inStore("readonly", (store) => store.getAll());
}

export async function preparedFor(runner, day) {
  const entries = await all();
  const fresh = entries.filter((e) => !e.report && e.day === day && e.runner === runner);
  fresh.sort((a, b) => (a.start.started_at < b.start.started_at ? 1 : -1));
  return fresh[0] || null;
}

// Before a new session is prepared: drop this runner's unplayed ones and every confirmed one.
export async function forgetSettled(runner) {
  for (const entry of await all()) {
    if (entry.synced || (!entry.report && entry.runner === runner)) await forget(entry.id);
  }
}

// Post every played session of this runner the server has not confirmed (another runner's
// wait for them to sign in on this phone); returns the entries it confirmed.
export async function sync(runner, formToken) {
  const confirmed = [];
  for (const entry of await all()) {
    if (!entry.report || entry.synced || entry.runner !== runner) continue;
    let response;
    try {
      response = await fetch(`/api/v1/sessions/${encodeURIComponent(entry.id)}/played`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-form-token": formToken },
        body: JSON.stringify(entry.report),
        credentials: "same-origin",
      });
    } catch (offline) {
      return confirmed;
    }
    if (response.ok || response.status === 409 || response.status === 404 || response.status === 422) {
      entry.synced = true;
      entry.result = response.ok ? await response.json() : null;
      entry.refused = response.ok ? null : (await response.json()).detail;
      await keep(entry);
      confirmed.push(entry);
    }
  }
  return confirmed;
}
