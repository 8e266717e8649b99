// RepRally admin: the live parts of a page over the game server's public websocket protocol
// (docs/realtime-protocol.md), as the office TV does, on one socket. No framework.
//  - #live-board: a leaderboard or a contest's standings (its data-channel);
//  - #live-feed: the org's feed as a ticker of wins, badges, kudos and level-ups;
//  - #alerts-live: the viewer's own channel (data-channel "user:<id>"): a new early-warning alert
//    for them is announced above the alerts, with a link that shows it.
"use strict";

(function () {
  const board = document.getElementById("live-board");
  if (!board || !board.dataset.url) return;
  const feed = document.getElementById("live-feed");
  const alertsLive = document.getElementById("alerts-live");
  const status = document.getElementById("board-status");
  const channels = [board.dataset.channel, feed && "feed", alertsLive && alertsLive.dataset.channel].filter(Boolean);
  const positions = {};
  let entries = [];
  let backoff = 500;
  let newAlerts = 0;

  function say(text) { if (status) status.textContent = text; }

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function render() {
    const empty = document.getElementById("board-empty");
    if (empty) empty.hidden = entries.length > 0;
    board.replaceChildren(...entries.slice(0, 20).map((e) => {
      const li = el("li", e.changed ? "changed" : "");
      li.dataset.userId = e.user_id;
      li.append(el("span", "rank", e.rank == null ? "–" : e.rank), el("span", "name", e.display_name || "Rep " + e.user_id),
                el("span", "score", e.score == null ? "–" : Number(e.score).toLocaleString()));
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

  // One line of the ticker for a feed item (server/social/feed.py item_data and the features' data).
  function feedText(d) {
    const who = d.display_name || "A rep";
    switch (d.kind) {
      case "win": return who + " won " + (d.value ? "a deal of " + Number(d.value).toLocaleString() : "a " + String(d.activity_type || "deal").replace(/_/g, " "));
      case "kudos": return (d.actor_display_name || "Someone") + " gave kudos to " + who;
      case "badge": case "badge_earned": return who + " earned the badge “" + (d.badge_name || d.name || "a badge") + "”";
      case "level_up": return who + " reached level " + d.level;
      case "instant_win": return who + " got an instant win";
      case "fantasy_pick": return (d.team || "A team") + " drafted " + who;
      case "contest_result": return "The contest “" + d.name + "” ended" + (d.display_name ? ": " + who + " won" : "");
      default: return who + ": " + String(d.kind).replace(/_/g, " ");
    }
  }

  function addFeed(items) {
    if (!feed) return;
    const empty = document.getElementById("feed-empty");
    if (empty && items.length) empty.hidden = true;
    for (const d of items) {
      const li = el("li", "", feedText(d));
      li.dataset.kind = d.kind;
      feed.prepend(li);
    }
    while (feed.children.length > 10) feed.lastElementChild.remove();
  }

  function alertArrived(n) {
    newAlerts += 1;
    alertsLive.replaceChildren(
      el("span", "", (newAlerts === 1 ? "New alert: " : newAlerts + " new alerts, the last: ") + n.title + ". "),
      Object.assign(el("a", "", "Show it"), { href: location.pathname }));
    alertsLive.hidden = false;
  }

  function connect() {
    const ws = new WebSocket(board.dataset.url);
    const send = (f) => ws.readyState === 1 && ws.send(JSON.stringify(f));
    ws.onopen = () => send({ op: "auth", token: board.dataset.token });
    ws.onmessage = (ev) => {
      const f = JSON.parse(ev.data);
      if (f.channel && f.epoch !== undefined) positions[f.channel] = { epoch: f.epoch, offset: f.offset };
      if (f.type === "auth_ok") {
        backoff = 500;
        say("Live");
        for (const channel of channels) {
          const since = positions[channel];
          send(since ? { op: "subscribe", channel, since } : { op: "subscribe", channel });
        }
      } else if (f.type === "snapshot" && f.channel === board.dataset.channel) {
        entries = f.entries || [];
        render();
      } else if (f.type === "delta" && f.channel === board.dataset.channel) {
        apply(f.entries || [], f.removed);
        board.dataset.updates = String(Number(board.dataset.updates || 0) + 1);
      } else if (f.type === "period" && f.channel === board.dataset.channel) {
        entries = [];
        render();
      } else if (f.type === "snapshot" && f.channel === "feed") {
        addFeed((f.items || []).slice(-10));
      } else if (f.type === "event" && f.channel === "feed") {
        addFeed([f.data]);
      } else if (f.type === "event" && alertsLive && f.channel === alertsLive.dataset.channel) {
        const n = f.data && f.data.kind === "notification" ? f.data.notification : null;
        if (n && n.kind === "insight_alert") alertArrived(n);
      } else if (f.type === "error" && !f.channel) {
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
