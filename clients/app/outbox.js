// Every tap goes through the outbox (IndexedDB) with its own external_id, so a tap sent twice (a
// retry, the service worker and the page at once) is answered `duplicate: true` and counted once.
import { api } from "./api.js";
import { exclusive, kvGet, outboxAll, outboxDel, outboxPut } from "./db.js";

const LATE_MS = 30_000; // a tap sent later than this says when it happened (occurred_at)

export async function queueTap(userId, type, quantity, value) {
  const item = { external_id: `app-${crypto.randomUUID()}`, user_id: userId, type, quantity, value,
                 occurred_at: new Date().toISOString(), queued_at: Date.now() };
  await outboxPut(item);
  return item;
}

export const pending = async () => (await outboxAll()).length;

function payload(item) {
  const body = { type: item.type, quantity: item.quantity, external_id: item.external_id };
  if (item.value != null) body.value = item.value;
  if (Date.now() - item.queued_at > LATE_MS) body.occurred_at = item.occurred_at;
  return body;
}

/** Send what waits, oldest first; stop at the first failure worth retrying (offline, 5xx, 429).
 * `report(item, answer, error)` hears of each tap sent or refused for good. */
export function flush(report = () => {}) {
  return exclusive("rr-outbox", async () => {
    const me = (await kvGet("session"))?.user?.id;
    let sent = 0;
    for (const item of await outboxAll()) {
      if (item.user_id !== me) continue;
      try {
        const answer = await api("activities", { method: "POST", body: payload(item) });
        await outboxDel(item.external_id);
        sent += 1;
        report(item, answer, null);
      } catch (err) {
        if (err.status === 0 || err.status === 401 || err.status === 429 || err.status >= 500) break;
        await outboxDel(item.external_id); // refused for good (too old, type retired): say so once
        report(item, null, err);
      }
    }
    return sent;
  });
}
