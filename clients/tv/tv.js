// RepRally office screen: pairs once, then shows live boards over the game server's websocket.
// Protocol: docs/realtime-protocol.md (docs/realtime-asyncapi.yaml), spoken by the typed client of
// clients/typescript (realtime.js is its compiled copy). No framework: it must run on any TV browser for years.
import { RealtimeClient } from "./realtime.js";

const API = location.origin + "/api/v1";
const TOKEN_KEY = "reprally.display_token";
const ROWS = 10;
const WINDOW_LABEL = { day: "Today", week: "This week", month: "This month", quarter: "This quarter", all: "All time" };
const CONTEST_STATE = { scheduled: "Starts soon", live: "Live", ended: "Ended: results soon", awarded: "Final results",
                        cancelled: "Cancelled" };

const $ = (id) => document.getElementById(id);
const state = {
  token: localStorage.getItem(TOKEN_KEY),
  config: null, boardIndex: 0, channel: null, contest: null,
  entries: [], period: null, realtime: null, rotateTimer: null, wins: [],
};

// ---------- pairing ----------
function showPairing(message) {
  $("screen").hidden = true;
  $("pairing").hidden = false;
  $("pair-error").textContent = message || "";
  $("pair-code").focus();
}

$("pair-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const code = $("pair-code").value.trim();
  const r = await fetch(API + "/displays/pair", {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code }),
  });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) { $("pair-error").textContent = (body.error && body.error.message) || "Pairing failed"; return; }
  state.token = body.display_token;
  localStorage.setItem(TOKEN_KEY, state.token);
  start(body.display);
});

// ---------- configuration ----------
async function loadConfig() {
  const r = await fetch(API + "/display/config", { headers: { authorization: "Bearer " + state.token } });
  if (r.status === 401 || r.status === 403) { unpair("This screen was disconnected by an admin. Pair it again."); return null; }
  if (!r.ok) throw new Error("config " + r.status);
  return r.json();
}

function unpair(message) {
  localStorage.removeItem(TOKEN_KEY);
  state.token = null;
  if (state.realtime) { state.realtime.close(); state.realtime = null; }
  clearInterval(state.rotateTimer);
  showPairing(message);
}

function start(config) {
  state.config = config;
  $("pairing").hidden = true;
  $("screen").hidden = false;
  state.channel = config.boards[state.boardIndex % config.boards.length];
  describeBoard();
  connect();
  clearInterval(state.rotateTimer);
  if (config.boards.length > 1) state.rotateTimer = setInterval(rotate, config.rotate_seconds * 1000);
}

// ---------- titles: the metric or contest name, and the period, in the org's time zone ----------
function dates(options) {
  return new Intl.DateTimeFormat("en-US", { timeZone: state.config.timezone || "UTC", ...options });
}

// "Dec 7 – Dec 13" for [start, end): the end instant is the next period's first, so the last day is before it.
function dayRange(start, end) {
  const fmt = dates({ month: "short", day: "numeric" });
  const first = fmt.format(new Date(start)), last = fmt.format(new Date(new Date(end) - 1));
  return first === last ? first : first + " – " + last;
}

function periodText(window, period) {
  const label = WINDOW_LABEL[window] || window;
  if (!period || !period.end) return label;
  if (window === "day") return label + " · " + dates({ weekday: "short", month: "short", day: "numeric" }).format(new Date(period.start));
  if (window === "month") return label + " · " + dates({ month: "long", year: "numeric" }).format(new Date(period.start));
  return label + " · " + dayRange(period.start, period.end);
}

function describeBoard() {
  const titled = (state.config.titles || []).find((t) => t.channel === state.channel) || {};
  if (state.channel.startsWith("contest:")) {
    const c = state.contest;
    $("title").textContent = c ? c.name : "Contest";
    $("subtitle").textContent = c ? ["Contest", dayRange(c.starts_at, c.ends_at), CONTEST_STATE[c.state] || c.state]
      .join(" · ") : "";
    return;
  }
  const [, metric, window] = state.channel.split(":");
  $("title").textContent = titled.title || metric.replace(/_/g, " ").replace(/^./, (ch) => ch.toUpperCase());
  $("subtitle").textContent = [periodText(window, state.period), titled.segment].filter(Boolean).join(" · ");
}

function rotate() {
  const next = state.config.boards[(state.boardIndex + 1) % state.config.boards.length];
  if (next === state.channel) return;
  state.realtime.unsubscribe(state.channel);
  state.boardIndex += 1;
  state.channel = next;
  state.entries = [];
  state.period = null;
  state.contest = null;
  render();
  describeBoard();
  state.realtime.subscribe(state.channel);
}

// ---------- websocket ----------
function setStatus(s, text) { const el = $("status"); el.dataset.state = s; el.textContent = text; }

// The client authenticates, reconnects with backoff and resubscribes from each channel's last
// position; an `error` frame that ends the screen's access unpairs it (below).
function connect() {
  if (state.realtime) state.realtime.close();
  const realtime = new RealtimeClient({
    url: state.config.realtime_url,
    token: () => state.token,
    onFrame: handle,
    onStatus: (status) => {
      if (status === "live") setStatus("live", "● Live");
      else if (status === "reconnecting") setStatus("reconnecting", "Reconnecting…");
    },
    finalCodes: [],
  });
  state.realtime = realtime;
  realtime.subscribe(state.channel);
  realtime.subscribe("feed");
  realtime.start();
}

function handle(f) {
  switch (f.type) {
    case "snapshot":
      if (f.channel === "feed") { state.wins = (f.items || []).filter((i) => i && i.kind === "win").slice(-8); renderTicker(); }
      else if (f.channel === state.channel) { onBoard(f); state.entries = f.entries; render(); }
      break;
    case "delta":
      if (f.channel === state.channel) { onBoard(f); applyDelta(f.entries, f.removed || []); }
      break;
    case "period":
      if (f.channel === state.channel) { onBoard(f); state.entries = []; render(); }
      break;
    case "event":
      if (f.channel === "feed" && f.data.kind === "win") { state.wins.push(f.data); state.wins = state.wins.slice(-8); renderTicker(); celebrate(f.data); }
      else if (f.channel === "feed" && CELEBRATED.includes(f.data.kind)) celebrate(f.data);
      break;
    case "error":
      if (f.code === "display_revoked" || f.code === "invalid_token") unpair("This screen was disconnected by an admin. Pair it again.");
      break;
  }
}

// A frame's period (leaderboards) or contest (its name, dates and state) retitles the board.
function onBoard(f) {
  if (f.contest) { state.contest = f.contest; state.period = { end: f.contest.ends_at }; }
  else if (f.period) state.period = f.period;
  else return;
  describeBoard();
}

function applyDelta(changed, removed) {
  const byId = new Map(state.entries.map((e) => [e.user_id, e]));
  removed.forEach((id) => byId.delete(id));
  // An entry already on screen may come with only rank and score: merge, keep its name and team.
  changed.forEach((e) => byId.set(e.user_id, { ...byId.get(e.user_id), ...e, changed: true }));
  state.entries = [...byId.values()].sort((a, b) => place(a) - place(b));
  render();
}

// Under a privacy mode (docs/mechanics.md) a board may carry bands instead of ranks (`tiers`:
// rank and score null): gold, silver, bronze, in that order.
const TIERS = { gold: 1, silver: 2, bronze: 3 };
function place(e) { return e.rank ?? TIERS[e.tier] ?? 99; }

// ---------- rendering ----------
function render() {
  const board = $("board");
  const before = new Map([...board.children].map((li) => [li.dataset.userId, { top: li.getBoundingClientRect().top, rank: +li.dataset.rank }]));
  const rows = state.entries.slice(0, ROWS);
  board.replaceChildren(...rows.map((e) => {
    const li = document.createElement("li");
    li.className = "row";
    li.dataset.testid = "row";
    li.setAttribute("data-testid", "row");
    li.dataset.userId = e.user_id;
    li.dataset.rank = e.rank;
    li.innerHTML = '<span class="rank"></span><span class="name"></span><span class="score"></span>';
    li.children[0].textContent = e.rank ?? (e.tier ? e.tier[0].toUpperCase() + e.tier.slice(1) : "");
    li.children[1].textContent = e.display_name || "Rep " + e.user_id;
    li.children[2].textContent = e.score == null ? "" : e.score.toLocaleString();
    const old = before.get(String(e.user_id));
    if (old && old.rank !== e.rank) li.classList.add(e.rank < old.rank ? "moved-up" : "moved-down");
    if (e.changed) li.classList.add("changed");
    return li;
  }));
  state.entries.forEach((e) => delete e.changed);
  // FLIP: start each row where it was and let it glide to its new place.
  for (const li of board.children) {
    const old = before.get(li.dataset.userId);
    const dy = old ? old.top - li.getBoundingClientRect().top : 40;
    if (!dy) continue;
    li.animate([{ transform: `translateY(${dy}px)`, opacity: old ? 1 : 0 }, { transform: "none", opacity: 1 }],
      { duration: 600, easing: "cubic-bezier(.2,.8,.2,1)" });
    setTimeout(() => li.classList.remove("moved-up", "moved-down"), 2500);
  }
  $("empty").hidden = state.entries.length > 0;
  renderCountdown();
}

function renderCountdown() {
  const el = $("countdown");
  if (!state.period || !state.period.end) { el.textContent = ""; return; }
  const ms = new Date(state.period.end) - Date.now();
  if (ms <= 0) { el.textContent = "Closing…"; return; }
  const d = Math.floor(ms / 86400000), h = Math.floor(ms / 3600000) % 24, m = Math.floor(ms / 60000) % 60;
  el.textContent = "Ends in " + (d ? d + "d " : "") + (d || h ? h + "h " : "") + m + "m";
}
setInterval(renderCountdown, 15000);

function money(v) { return v == null ? "" : "$" + Math.round(v).toLocaleString(); }

function renderTicker() {
  const t = $("ticker");
  t.replaceChildren(...state.wins.slice().reverse().map((w) => {
    const span = document.createElement("span");
    span.className = "win";
    span.innerHTML = "★ <b></b> won <span></span>";
    span.querySelector("b").textContent = w.display_name || "a rep";
    span.querySelector("span").textContent = money(w.value) || w.activity_type;
    return span;
  }));
}

let celebrationTimer = null;
// Feed items celebrated full screen besides won deals.
const CELEBRATED = ["level_up", "instant_win", "fantasy_pick"];
// A won deal, a rep's level-up (`level_up` feed items), an instant win or a fantasy draft pick,
// full screen for 5 s.
function celebrate(win) {
  $("celebration-name").textContent = win.display_name || "The team";
  if (win.kind === "level_up") {
    $("celebration-kicker").textContent = "Level up!";
    $("celebration-value").textContent = "Level " + win.level + (win.tier ? " · " + win.tier : "");
  } else if (win.kind === "fantasy_pick") {
    $("celebration-kicker").textContent = win.auto ? "Draft pick (auto)" : "Draft pick!";
    $("celebration-value").textContent = win.team + " · round " + win.round + ", pick " + win.pick_no;
  } else if (win.kind === "instant_win") {
    $("celebration-kicker").textContent = "Instant win!";
    $("celebration-value").textContent = [win.points ? win.points + " points" : "", win.prize_name || ""].filter(Boolean).join(" + ");
  } else {
    $("celebration-kicker").textContent = "Deal won!";
    $("celebration-value").textContent = money(win.value);
  }
  $("celebration").hidden = false;
  clearTimeout(celebrationTimer);
  celebrationTimer = setTimeout(() => { $("celebration").hidden = true; }, 5000);
}

// ---------- boot ----------
(async function boot() {
  if (!state.token) { showPairing(); return; }
  for (let delay = 1000; ; delay = Math.min(delay * 2, 15000)) {
    try { const config = await loadConfig(); if (config) start(config); return; }
    catch (e) { $("screen").hidden = false; setStatus("reconnecting", "Reconnecting…"); await new Promise((r) => setTimeout(r, delay)); }
  }
})();
setInterval(async () => {
  if (!state.token || !state.config) return;
  try {
    const c = await loadConfig();
    if (c && JSON.stringify(c.boards) !== JSON.stringify(state.config.boards)) { state.config = c; state.boardIndex = -1; rotate(); }
  } catch (e) { /* keep showing what we have */ }
}, 60000);
