// The game server's public protocol (docs/realtime-protocol.md): auth, subscribe with `since`
// to recover what was missed, reconnect after sleep, network loss or a game-server restart.
import { freshToken } from "./api.js";

const PING_MS = 15_000;
const PONG_WAIT_MS = 10_000;

export class Live {
  constructor(url, onStatus = () => {}, onEnded = () => {}) {
    this.url = url;
    this.onStatus = onStatus;
    this.onEnded = onEnded; // the session ended (4003 account_disabled / session_revoked)
    this.subs = new Map(); // channel -> {handler, since}
    this.ws = null;
    this.authed = false;
    this.retry = 500;
    this.stopped = false;
    this.lastBeat = this.lastTick = Date.now();
    this.pingId = 0;
    this.awaiting = null;
    addEventListener("online", () => this.reconnect());
    document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && this.check());
    this.timer = setInterval(() => this.tick(), 5_000);
  }

  subscribe(channel, handler) {
    this.subs.set(channel, { handler, since: null });
    this.send({ op: "subscribe", channel });
  }

  unsubscribe(channel) {
    if (this.subs.delete(channel)) this.send({ op: "unsubscribe", channel });
  }

  send(frame) {
    if (this.ws?.readyState === WebSocket.OPEN && (this.authed || frame.op === "auth")) this.ws.send(JSON.stringify(frame));
  }

  async start() {
    this.stopped = false;
    if (this.ws) return;
    this.onStatus("connecting");
    let token;
    try {
      token = await freshToken();
    } catch {
      return this.later();
    }
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ op: "auth", token }));
    ws.onmessage = (ev) => this.receive(JSON.parse(ev.data));
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.authed = false;
      this.onStatus("offline");
      if (ev.code === 4003 && ["account_disabled", "session_revoked"].includes(ev.reason)) return this.onEnded(ev.reason);
      if (!this.stopped) this.later();
    };
  }

  receive(f) {
    this.lastBeat = Date.now();
    if (f.type === "auth_ok") {
      this.authed = true;
      this.retry = 500;
      this.onStatus("live");
      for (const [channel, sub] of this.subs) this.send({ op: "subscribe", channel, ...(sub.since ? { since: sub.since } : {}) });
      return;
    }
    if (f.type === "pong") return void (this.awaiting = null);
    const sub = f.channel && this.subs.get(f.channel);
    if (!sub) return;
    if (f.epoch !== undefined && f.offset !== undefined) sub.since = { epoch: f.epoch, offset: f.offset };
    sub.handler(f);
  }

  later() {
    clearTimeout(this.again);
    this.again = setTimeout(() => this.start(), this.retry);
    this.retry = Math.min(this.retry * 2, 15_000);
  }

  reconnect() {
    if (this.stopped) return;
    const ws = this.ws;
    this.ws = null;
    this.authed = false;
    ws?.close();
    this.retry = 500;
    this.start();
  }

  /** Back from sleep or a hidden tab: a socket that cannot answer a ping in time is replaced. */
  check() {
    if (!this.ws) return this.reconnect();
    this.ping();
  }

  ping() {
    if (!this.authed) return;
    this.awaiting = { id: ++this.pingId, at: Date.now() };
    this.send({ op: "ping", id: this.pingId });
  }

  tick() {
    const now = Date.now();
    const slept = now - this.lastTick > 15_000; // timers stop while the phone sleeps
    this.lastTick = now;
    if (this.stopped) return;
    if (slept) return this.check();
    if (this.awaiting && now - this.awaiting.at > PONG_WAIT_MS) return this.reconnect();
    if (now - this.lastBeat > PING_MS && !this.awaiting) this.ping();
  }

  stop() {
    this.stopped = true;
    this.subs.clear();
    const ws = this.ws;
    this.ws = null;
    ws?.close();
  }
}

/** A leaderboard or contest channel's rows, from its snapshot and deltas. */
export function applyBoard(rows, f) {
  if (f.type === "snapshot" || f.type === "period") rows.clear();
  for (const e of f.entries ?? []) rows.set(e.user_id, { ...rows.get(e.user_id), ...e });
  for (const id of f.removed ?? []) rows.delete(id);
  return [...rows.values()].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
}
