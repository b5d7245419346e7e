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

export async function preparedFor(day) {
  const entries = await all();
  const fresh = entries.filter((e) => !e.report && e.day === day);
  fresh.sort((a, b) => (a.start.started_at < b.start.started_at ? 1 : -1));
  return fresh[0] || null;
}

// Before a new session is prepared: drop the unplayed ones and those the server confirmed.
export async function forgetSettled() {
  for (const entry of await all()) if (!entry.report || entry.synced) await forget(entry.id);
}

// Post every played session the server has not confirmed; returns the entries it confirmed.
export async function sync(formToken) {
  const confirmed = [];
  for (const entry of await all()) {
    if (!entry.report || entry.synced) continue;
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
