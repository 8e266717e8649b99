/**
 * A typed client of the RepRally game server's websocket (docs/realtime-protocol.md, described
 * as AsyncAPI 3 in docs/realtime-asyncapi.yaml). It authenticates, keeps its subscriptions across
 * reconnects (resuming each channel from its last position), and hands every server frame to
 * `onFrame` as a `ServerFrame`, a union discriminated by `type`. No dependencies: it runs in any
 * browser (the office TV page uses it) and in Node 22+ (global `WebSocket`).
 */

/** A channel's position: frames carry it, and `subscribe` resumes from it. */
export interface Position {
  epoch: string;
  offset: number;
}

export interface Period {
  id: string;
  start: string | null;
  end: string | null;
}

/** A leaderboard or contest row; rows already on screen may come with only rank, user_id and score. */
export interface Entry {
  rank: number;
  user_id: number;
  score: number;
  display_name?: string;
  team_id?: number | null;
  [more: string]: unknown;
}

/** A contest channel's contest: its name, dates and state. */
export interface ContestInfo {
  id: number;
  name: string;
  state: "draft" | "scheduled" | "live" | "ended" | "awarded" | "cancelled";
  starts_at: string;
  ends_at: string;
  [more: string]: unknown;
}

/** What an `event` frame carries: `kind` says which (`win`, `points`, `kudos`, `notification`, ...). */
export interface EventData {
  kind: string;
  [more: string]: unknown;
}

export interface AuthOk {
  type: "auth_ok";
  client_id: string;
  org_id: number;
  user_id: number | null;
  role: string;
}

export interface ErrorFrame {
  type: "error";
  code: string;
  message: string;
  channel?: string;
}

export interface Pong {
  type: "pong";
  id: string | number | null;
}

export interface Subscribed extends Position {
  type: "subscribed";
  channel: string;
  recovered: true;
}

export interface Unsubscribed {
  type: "unsubscribed";
  channel: string;
}

export interface Snapshot extends Position {
  type: "snapshot";
  channel: string;
  recovered?: boolean;
  period?: Period;
  contest?: ContestInfo;
  entries?: Entry[];
  items?: EventData[];
  data?: Record<string, unknown>;
}

export interface Delta extends Position {
  type: "delta";
  channel: string;
  entries: Entry[];
  removed: number[];
  contest?: ContestInfo;
}

export interface PeriodChange extends Position {
  type: "period";
  channel: string;
  previous: Period;
  period: Period;
}

export interface Event extends Position {
  type: "event";
  channel: string;
  data: EventData;
}

/** Every frame the server sends. */
export type ServerFrame = AuthOk | ErrorFrame | Pong | Subscribed | Unsubscribed | Snapshot | Delta | PeriodChange | Event;

/** Every frame a client sends. */
export type ClientFrame =
  | { op: "auth"; token: string }
  | { op: "subscribe"; channel: string; since?: Position }
  | { op: "unsubscribe"; channel: string }
  | { op: "ping"; id?: string | number | null };

export type Status = "connecting" | "live" | "reconnecting" | "closed";

export interface RealtimeOptions {
  /** `ws://host:8001/ws` (a display's config names it: `realtime_url`). */
  url: string;
  /** The access or display token; called on every (re)connect, so it may refresh first. */
  token: () => string | Promise<string>;
  onFrame: (frame: ServerFrame) => void;
  onStatus?: (status: Status, closeCode?: number) => void;
  /** Close codes after which the client stops instead of reconnecting (default: 4001 and 4003). */
  finalCodes?: number[];
  maxBackoffMs?: number;
}

export class RealtimeClient {
  private ws: WebSocket | null = null;
  private backoff = 500;
  private stopped = false;
  private readonly channels = new Set<string>();
  private readonly positions = new Map<string, Position>();

  constructor(private readonly options: RealtimeOptions) {}

  /** Connects, and reconnects with a growing delay (0.5 s doubling to `maxBackoffMs`) until `close()`. */
  start(): void {
    this.stopped = false;
    void this.connect();
  }

  /** Joins a channel now if live, and again after every reconnect (from its last position). */
  subscribe(channel: string): void {
    this.channels.add(channel);
    this.sendSubscribe(channel);
  }

  unsubscribe(channel: string): void {
    if (this.channels.delete(channel)) this.send({ op: "unsubscribe", channel });
    this.positions.delete(channel);
  }

  send(frame: ClientFrame): boolean {
    if (!this.ws || this.ws.readyState !== 1) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** Closes for good: no reconnect. */
  close(): void {
    this.stopped = true;
    const ws = this.ws;
    this.ws = null;
    if (ws) ws.close();
    this.options.onStatus?.("closed");
  }

  private sendSubscribe(channel: string): void {
    const since = this.positions.get(channel);
    this.send(since ? { op: "subscribe", channel, since } : { op: "subscribe", channel });
  }

  private async connect(): Promise<void> {
    this.options.onStatus?.("connecting");
    const ws = new WebSocket(this.options.url);
    this.ws = ws;
    ws.onopen = async () => {
      const token = await this.options.token();
      if (this.ws === ws) this.send({ op: "auth", token });
    };
    ws.onmessage = (ev: MessageEvent) => {
      if (this.ws !== ws) return;
      this.receive(JSON.parse(String(ev.data)) as ServerFrame);
    };
    ws.onclose = (ev: CloseEvent) => {
      if (this.ws !== ws || this.stopped) return;
      this.ws = null;
      if ((this.options.finalCodes ?? [4001, 4003]).includes(ev.code)) {
        this.stopped = true;
        this.options.onStatus?.("closed", ev.code);
        return;
      }
      this.options.onStatus?.("reconnecting", ev.code);
      setTimeout(() => { if (!this.stopped) void this.connect(); }, this.backoff);
      this.backoff = Math.min(this.backoff * 2, this.options.maxBackoffMs ?? 5000);
    };
  }

  private receive(frame: ServerFrame): void {
    if ("channel" in frame && "epoch" in frame && frame.channel !== undefined && this.channels.has(frame.channel)) {
      this.positions.set(frame.channel, { epoch: frame.epoch, offset: frame.offset });
    }
    if (frame.type === "auth_ok") {
      this.backoff = 500;
      this.options.onStatus?.("live");
      this.channels.forEach((channel) => this.sendSubscribe(channel));
    }
    this.options.onFrame(frame);
  }
}
