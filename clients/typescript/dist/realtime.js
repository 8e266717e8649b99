/**
 * A typed client of the RepRally game server's websocket (docs/realtime-protocol.md, described
 * as AsyncAPI 3 in docs/realtime-asyncapi.yaml). It authenticates, keeps its subscriptions across
 * reconnects (resuming each channel from its last position), and hands every server frame to
 * `onFrame` as a `ServerFrame`, a union discriminated by `type`. No dependencies: it runs in any
 * browser (the office TV page uses it) and in Node 22+ (global `WebSocket`).
 */
export class RealtimeClient {
    constructor(options) {
        this.options = options;
        this.ws = null;
        this.backoff = 500;
        this.stopped = false;
        this.channels = new Set();
        this.positions = new Map();
    }
    /** Connects, and reconnects with a growing delay (0.5 s doubling to `maxBackoffMs`) until `close()`. */
    start() {
        this.stopped = false;
        void this.connect();
    }
    /** Joins a channel now if live, and again after every reconnect (from its last position). */
    subscribe(channel) {
        this.channels.add(channel);
        this.sendSubscribe(channel);
    }
    unsubscribe(channel) {
        if (this.channels.delete(channel))
            this.send({ op: "unsubscribe", channel });
        this.positions.delete(channel);
    }
    send(frame) {
        if (!this.ws || this.ws.readyState !== 1)
            return false;
        this.ws.send(JSON.stringify(frame));
        return true;
    }
    /** Closes for good: no reconnect. */
    close() {
        this.stopped = true;
        const ws = this.ws;
        this.ws = null;
        if (ws)
            ws.close();
        this.options.onStatus?.("closed");
    }
    sendSubscribe(channel) {
        const since = this.positions.get(channel);
        this.send(since ? { op: "subscribe", channel, since } : { op: "subscribe", channel });
    }
    async connect() {
        this.options.onStatus?.("connecting");
        const ws = new WebSocket(this.options.url);
        this.ws = ws;
        ws.onopen = async () => {
            const token = await this.options.token();
            if (this.ws === ws)
                this.send({ op: "auth", token });
        };
        ws.onmessage = (ev) => {
            if (this.ws !== ws)
                return;
            this.receive(JSON.parse(String(ev.data)));
        };
        ws.onclose = (ev) => {
            if (this.ws !== ws || this.stopped)
                return;
            this.ws = null;
            if ((this.options.finalCodes ?? [4001, 4003]).includes(ev.code)) {
                this.stopped = true;
                this.options.onStatus?.("closed", ev.code);
                return;
            }
            this.options.onStatus?.("reconnecting", ev.code);
            setTimeout(() => { if (!this.stopped)
                void this.connect(); }, this.backoff);
            this.backoff = Math.min(this.backoff * 2, this.options.maxBackoffMs ?? 5000);
        };
    }
    receive(frame) {
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
