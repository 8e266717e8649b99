// IndexedDB: the session (so the page and the service worker share one) and the outbox of taps not sent yet.
const NAME = "reprally-app";
let opening = null;

function open() {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(NAME, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore("kv");
      req.result.createObjectStore("outbox", { keyPath: "external_id" });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return opening;
}

async function run(store, mode, fn) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const req = fn(tx.objectStore(store));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

export const kvGet = (key) => run("kv", "readonly", (s) => s.get(key));
export const kvSet = (key, value) => run("kv", "readwrite", (s) => s.put(value, key));
export const kvDel = (key) => run("kv", "readwrite", (s) => s.delete(key));
export const outboxPut = (item) => run("outbox", "readwrite", (s) => s.put(item));
export const outboxDel = (id) => run("outbox", "readwrite", (s) => s.delete(id));
export const outboxClear = () => run("outbox", "readwrite", (s) => s.clear());
export const outboxAll = async () => (await run("outbox", "readonly", (s) => s.getAll())).sort((a, b) => a.queued_at - b.queued_at);

/** One holder at a time across the page's tabs and the service worker (Web Locks). */
export function exclusive(name, fn) {
  return self.navigator?.locks ? self.navigator.locks.request(name, fn) : fn();
}
