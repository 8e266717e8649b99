// Home: log in one tap, today's missions, streak, points, rank and neighbours, targets and pace.
import { api } from "../api.js";
import { kvGet, kvSet } from "../db.js";
import { queueTap } from "../outbox.js";
import { celebrate, fmt, h, humanize, paintBars, place, plural, progress, roll, score, toast } from "../ui.js";

let state = null;
let typesSeen = null;
let stop = () => {}; // what leaving home undoes: its channel and a pending refresh

async function load(app) {
  const id = app.user.id;
  const [me, missions, streak, around] = await Promise.all([
    api("me"), api("me/missions"), api("me/streak"),
    api(`leaderboards/points/around/${id}?window=day&radius=1`).catch(() => null)]);
  return { me, missions, streak, around };
}

function stat(label, testid, value, sub) {
  return h("div", { class: "stat" }, h("span", { class: "label" }, label),
    h("strong", { testid, "data-value": value }, fmt(value)), sub ? h("span", { class: "sub", testid: `${testid}-sub` }, sub) : null);
}

function streakText(s) {
  const parts = [s.today_done ? "done today" : s.at_risk ? "at risk: log today" : "log today to extend"];
  if (s.freezes) parts.push(plural(s.freezes, "freeze", "freezes"));
  return parts.join(" · ");
}

function missionsBlock(m) {
  if (!m.missions.length) {
    return h("p", { class: "muted" }, m.working_day ? "No missions today." : "A day off: no missions today.");
  }
  return h("ul", { class: "missions" }, m.missions.map((x) => h("li", { testid: "mission", "data-done": x.completed ?? x.done ? "true" : "false" },
    h("div", { class: "row" }, h("span", {}, x.label), h("span", { class: "num", testid: "mission-progress" }, `${fmt(Math.min(x.progress, x.target))} / ${fmt(x.target)}`)),
    progress(Math.min(x.progress, x.target), x.target, x.label),
    x.bonus_points ? h("span", { class: "sub" }, `+${fmt(x.bonus_points)} bonus`) : null)),
    m.all_done_bonus ? h("li", { class: "sub" }, m.all_done ? "All missions done today 🎉" : `All done: +${fmt(m.all_done_bonus)} more`) : null);
}

function aroundBlock(around, id) {
  if (!around?.entries?.length) return h("p", { class: "muted" }, "Log something to get on today's board.");
  return h("ol", { class: "board compact", testid: "around" }, around.entries.map((e) => h("li", { class: e.user_id === id ? "me" : "" },
    h("span", { class: "rank" }, place(e)), h("span", { class: "name" }, e.user_id === id ? "You" : e.display_name),
    h("span", { class: "num" }, score(e)))));
}

function targetsBlock(targets) {
  return h("ul", { class: "missions" }, targets.map((t) => {
    const goal = t.target;
    const label = `${humanize(t.metric)} this ${t.period.kind}`;
    return h("li", { testid: "target" },
      h("div", { class: "row" }, h("span", {}, label), h("span", { class: "num" }, `${fmt(t.actual)} / ${fmt(goal)}`)),
      progress(t.actual, goal, label),
      h("span", { class: t.on_pace ? "sub good" : "sub warn" }, t.on_pace ? "On pace" : "Behind pace",
        t.pace ? ` · ${fmt(t.pace.elapsed)} of ${plural(t.pace.working_days, "working day", "working days")} over` : ""));
  }));
}

function logBlock(app, types) {
  const qty = h("input", { id: "qty", type: "number", min: 1, max: 1000, value: 1, inputmode: "numeric", testid: "qty" });
  const value = h("input", { id: "value", type: "number", min: 0, step: "any", inputmode: "decimal", testid: "value", placeholder: "e.g. 2500" });
  const valueRow = h("div", { class: "field", hidden: true }, h("label", { for: "value" }, "Value"), value);
  const grid = h("div", { class: "log-grid" }, types.map((t) => h("button", {
    class: "log-btn", type: "button", testid: `log-${t.key}`,
    "aria-label": `Log ${t.label}, ${t.points} ${t.points === 1 ? "point" : "points"}${t.value_points ? " plus value" : ""}`,
    onclick: () => tap(app, t, qty, value, valueRow),
  }, h("span", { class: "what" }, t.label), h("span", { class: "pts" }, `+${fmt(t.points)}${t.value_points ? " +value" : ""}`))));
  return h("section", { class: "card" }, h("h2", {}, "Log it"),
    h("div", { class: "field inline" }, h("label", { for: "qty" }, "Quantity"), qty), valueRow, grid,
    h("p", { class: "pending", testid: "outbox-count", hidden: true, role: "status" }));
}

async function tap(app, type, qty, value, valueRow) {
  const quantity = Math.max(1, Math.min(1000, Math.round(Number(qty.value) || 1)));
  let v = null;
  if (type.value_points) {
    if (valueRow.hidden || value.value === "") {
      valueRow.hidden = false;
      value.focus();
      return toast(`Enter the ${type.label.toLowerCase()}'s value, then tap again.`);
    }
    v = Number(value.value);
  }
  await queueTap(app.user.id, type.key, quantity, v);
  qty.value = 1;
  value.value = "";
  if (type.value_points) valueRow.hidden = true;
  if (!navigator.onLine) {
    navigator.serviceWorker?.ready.then((r) => r.sync?.register("outbox")).catch(() => {}); // sent even if the app is closed
    toast("Saved: it will be sent when you are back online.");
    return app.showPending();
  }
  app.flush().catch(() => app.showPending());
}

function landed(item, answer) {
  const layer = document.querySelector("[data-testid=points-today]");
  if (!layer || !answer) return;
  const chip = h("span", { class: "float", testid: "gain" }, answer.duplicate ? "already counted" : `+${fmt(answer.points_awarded)}`);
  layer.parentElement.append(chip);
  setTimeout(() => chip.remove(), 1500);
  const u = answer.unlocked ?? {};
  const lines = [];
  for (const m of u.missions_completed ?? []) lines.push(m.all_done ? `All missions done: +${fmt(m.bonus_points)}` : `Mission done: ${m.label} (+${fmt(m.bonus_points)})`);
  for (const b of u.badges_earned ?? []) lines.push(`Badge: ${b.name}${b.points ? ` (+${fmt(b.points)})` : ""}`);
  if (lines.length) celebrate(u.badges_earned?.length ? "New badge!" : "Mission complete!", lines);
}

async function refresh(main, app) {
  const before = state;
  state = await load(app);
  await kvSet(`home:${app.user.id}`, { data: state, types: typesSeen });
  if (!main.querySelector("[data-testid=points-today]")) return;
  main.querySelector("[data-testid=stale]")?.remove();
  roll(main.querySelector("[data-testid=points-today]"), state.me.rank_today?.score ?? 0);
  roll(main.querySelector("[data-testid=points-week]"), state.me.rank_this_week?.score ?? 0);
  roll(main.querySelector("[data-testid=streak]"), state.streak.current);
  roll(main.querySelector("[data-testid=balance]"), state.me.points_balance);
  main.querySelector("[data-testid=streak-sub]").textContent = streakText(state.streak);
  main.querySelector("[data-testid=rank]").textContent = rankText(state.me);
  main.querySelector("[data-testid=level]").textContent = levelText(state.me);
  main.querySelector("[data-slot=missions]").replaceChildren(missionsBlock(state.missions));
  main.querySelector("[data-slot=around]").replaceChildren(aroundBlock(state.around, app.user.id));
  main.querySelector("[data-slot=targets]")?.replaceChildren(targetsBlock(state.me.targets));
  paintBars(main);
  if (before && state.me.level > before.me.level) celebrate(`Level ${state.me.level}!`, [`You reached level ${state.me.level}.`]);
}

const levelText = (me) => `Level ${me.level}` + (me.xp_to_next != null ? ` · ${fmt(me.xp_to_next)} XP to next` : "");

// Under the `tiers` and `value_only` privacy modes the API gives no rank: the rep sees their points only.
const rankOf = (r, when) => (r.rank != null ? `#${r.rank} ${when}` : `${fmt(r.score)} points ${when}`);
const rankText = (me) => (me.rank_today ? rankOf(me.rank_today, "today") : "Boards are catching up") +
  (me.rank_this_week ? ` · ${rankOf(me.rank_this_week, "this week")}` : "");

/** What home showed last, so a phone that starts offline still shows it and can log taps. */
async function loadOrLast(app) {
  try {
    const [data, types] = await Promise.all([load(app), api("activity-types")]);
    await kvSet(`home:${app.user.id}`, { data, types });
    return { data, types, stale: false };
  } catch (err) {
    const last = err.status === 0 ? await kvGet(`home:${app.user.id}`) : null;
    if (!last) throw err;
    return { ...last, stale: true };
  }
}

export async function show(main, app) {
  const { data, types, stale } = await loadOrLast(app);
  state = data;
  typesSeen = types;
  const { me, missions, streak, around } = data;
  const own = types.items.filter((t) => t.self_reportable && t.active);
  main.append(...[
    stale ? h("p", { class: "card warn", role: "status", testid: "stale" }, "Offline: these numbers are from your last visit.") : null,
    h("section", { class: "hello" }, h("h2", {}, `Hi ${me.user.display_name.split(" ")[0]}`),
      h("span", { class: "chip", testid: "level" }, levelText(me))),
    h("section", { class: "stats" },
      stat("Today", "points-today", me.rank_today?.score ?? 0),
      stat("This week", "points-week", me.rank_this_week?.score ?? 0),
      stat("Streak", "streak", streak.current, streakText(streak)),
      stat("Balance", "balance", me.points_balance)),
    logBlock(app, own),
    h("section", { class: "card" }, h("h2", {}, "Today's missions"), h("div", { "data-slot": "missions" }, missionsBlock(missions))),
    h("section", { class: "card" }, h("h2", {}, "Your place"), h("p", { class: "rank-line", testid: "rank" }, rankText(me)),
      h("div", { "data-slot": "around" }, aroundBlock(around, app.user.id))),
    me.targets?.length ? h("section", { class: "card" }, h("h2", {}, "Targets"), h("div", { "data-slot": "targets" }, targetsBlock(me.targets))) : null,
  ].filter(Boolean));
  paintBars(main);
  let pendingRefresh = null;
  const soon = () => {
    clearTimeout(pendingRefresh);
    pendingRefresh = setTimeout(() => refresh(main, app).catch(() => {}), 150);
  };
  app.listeners.add((item, answer) => {
    landed(item, answer);
    soon();
  });
  const channel = `user:${app.user.id}`;
  const live = app.live;
  live?.subscribe(channel, (f) => f.type === "event" && soon());
  stop = () => {
    clearTimeout(pendingRefresh);
    live?.unsubscribe(channel);
  };
}

export function leave() {
  stop();
  stop = () => {};
}
