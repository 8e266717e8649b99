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
export type ClientFrame = {
    op: "auth";
    token: string;
} | {
    op: "subscribe";
    channel: string;
    since?: Position;
} | {
    op: "unsubscribe";
    channel: string;
} | {
    op: "ping";
    id?: string | number | null;
};
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
export declare class RealtimeClient {
    private readonly options;
    private ws;
    private backoff;
    private stopped;
    private readonly channels;
    private readonly positions;
    constructor(options: RealtimeOptions);
    /** Connects, and reconnects with a growing delay (0.5 s doubling to `maxBackoffMs`) until `close()`. */
    start(): void;
    /** Joins a channel now if live, and again after every reconnect (from its last position). */
    subscribe(channel: string): void;
    unsubscribe(channel: string): void;
    send(frame: ClientFrame): boolean;
    /** Closes for good: no reconnect. */
    close(): void;
    private sendSubscribe;
    private connect;
    private receive;
}
