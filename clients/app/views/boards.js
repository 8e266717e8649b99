// Live boards and running contests over the websocket (snapshot, then deltas), with the rep's own
// explanation of a contest result (GET /contests/{id}/results).
import { api } from "../api.js";
import { applyBoard } from "../live.js";
import { h, place, score, when } from "../ui.js";

const WINDOWS = [["day", "Today"], ["week", "This week"], ["month", "This month"]];
let channels = [];
let app = null;

function rows(list, entries, me, testid) {
  list.replaceChildren(...(entries.length ? entries.map((e) => h("li", { class: e.user_id === me ? "me" : "", testid },
    h("span", { class: "rank" }, place(e)),
    h("span", { class: "name" }, e.user_id === me ? `${e.display_name} (you)` : e.display_name),
    h("span", { class: "num" }, score(e)))) : [h("li", { class: "muted" }, "Nobody on this board yet.")]));
}

function watch(channel, fn) {
  channels.push(channel);
  app.live?.subscribe(channel, fn);
}

function board(main, window) {
  const list = h("ol", { class: "board", testid: "board", "aria-label": "Points leaderboard" });
  const period = h("p", { class: "sub", testid: "period" });
  const state = new Map();
  watch(`lb:points:${window}:org`, (f) => {
    if (f.period) period.textContent = `${when(f.period.start)} – ${when(f.period.end)}`;
    if (["snapshot", "delta", "period"].includes(f.type)) rows(list, applyBoard(state, f), app.user.id, "row");
  });
  return h("section", { class: "card" }, h("h2", {}, "Points"), period, list);
}

async function explain(contestId, out) {
  try {
    const r = await api(`contests/${contestId}/results`);
    const mine = r.results.find((x) => x.user_id === app.user.id); // a rep is given their own result only
    out.textContent = mine?.computation ? `Why you are ${mine.place ? `#${mine.place}` : "here"}: ${mine.computation}` : "Log to join this contest.";
  } catch (err) {
    out.textContent = err.message;
  }
}

function contestCard(c) {
  const list = h("ol", { class: "board", testid: "contest-board", "aria-label": `${c.name} standings` });
  const why = h("p", { class: "sub", testid: "why", "aria-live": "polite" });
  const stateLine = h("p", { class: "sub" }, `${c.state} · ends ${when(c.ends_at)}`);
  const state = new Map();
  watch(`contest:${c.id}`, (f) => {
    if (f.contest) stateLine.textContent = `${f.contest.state}${f.contest.final ? " · final" : ""} · ends ${when(f.contest.ends_at)}`;
    if (f.type === "snapshot" || f.type === "delta") rows(list, applyBoard(state, f), app.user.id, "contest-row");
  });
  return h("section", { class: "card", testid: "contest" }, h("h2", {}, c.name), stateLine, list,
    h("button", { class: "btn", type: "button", testid: "why-button", onclick: () => explain(c.id, why) }, "Why am I here?"), why);
}

export async function show(main, a) {
  app = a;
  channels = [];
  const picked = sessionStorage.getItem("board-window") ?? "day";
  const tabs = h("div", { class: "seg", role: "group", "aria-label": "Period" }, WINDOWS.map(([w, label]) => h("button", {
    type: "button", class: "btn", "aria-pressed": String(w === picked), testid: `window-${w}`,
    onclick: () => { sessionStorage.setItem("board-window", w); leave(); main.replaceChildren(); show(main, a); },
  }, label)));
  main.append(h("h2", { class: "page" }, "Boards"), tabs, board(main, picked));
  const contests = await api("contests?state=live,scheduled&limit=20");
  if (contests.contests.length) main.append(h("h2", { class: "page" }, "Contests"), ...contests.contests.map(contestCard));
}

export function leave() {
  for (const c of channels) app?.live?.unsubscribe(c);
  channels = [];
}
