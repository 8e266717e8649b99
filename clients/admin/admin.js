// RepRally admin: the live board (org points, or a contest's standings) over the game server's
// public websocket protocol (docs/realtime-protocol.md), as the office TV does. No framework.
"use strict";

(function () {
  const board = document.getElementById("live-board");
  if (!board || !board.dataset.channel) return;
  const status = document.getElementById("board-status");
  const channel = board.dataset.channel;
  let entries = [];
  let position = null;
  let backoff = 500;

  function say(text) { if (status) status.textContent = text; }

  function render() {
    const empty = document.getElementById("board-empty");
    if (empty) empty.hidden = entries.length > 0;
    board.replaceChildren(...entries.slice(0, 20).map((e) => {
      const li = document.createElement("li");
      li.dataset.userId = e.user_id;
      if (e.changed) li.className = "changed";
      for (const [cls, text] of [["rank", e.rank == null ? "–" : e.rank], ["name", e.display_name || "Rep " + e.user_id],
                                 ["score", Number(e.score).toLocaleString()]]) {
        const span = document.createElement("span");
        span.className = cls;
        span.textContent = text;
        li.appendChild(span);
      }
      return li;
    }));
  }

  function apply(changed, removed) {
    const byId = new Map(entries.map((e) => [e.user_id, { ...e, changed: false }]));
    (removed || []).forEach((id) => byId.delete(id));
    changed.forEach((e) => byId.set(e.user_id, { ...byId.get(e.user_id), ...e, changed: true }));
    entries = [...byId.values()].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
    render();
  }

  function connect() {
    const ws = new WebSocket(board.dataset.url);
    const send = (f) => ws.readyState === 1 && ws.send(JSON.stringify(f));
    ws.onopen = () => send({ op: "auth", token: board.dataset.token });
    ws.onmessage = (ev) => {
      const f = JSON.parse(ev.data);
      if (f.channel === channel && f.epoch !== undefined) position = { epoch: f.epoch, offset: f.offset };
      if (f.type === "auth_ok") {
        backoff = 500;
        say("Live");
        send(position ? { op: "subscribe", channel, since: position } : { op: "subscribe", channel });
      } else if (f.type === "snapshot" && f.channel === channel) {
        entries = f.entries || [];
        render();
      } else if (f.type === "delta" && f.channel === channel) {
        apply(f.entries || [], f.removed);
        board.dataset.updates = String(Number(board.dataset.updates || 0) + 1);
      } else if (f.type === "period" && f.channel === channel) {
        entries = [];
        render();
      } else if (f.type === "error") {
        say("Live updates unavailable: " + (f.message || f.code) + ". Reload the page to try again.");
      }
    };
    ws.onclose = () => {
      say("Reconnecting…");
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 10000);
    };
  }
  connect();
})();
