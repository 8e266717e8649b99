// The rep app's shell: sign-in or the tabs, the game-server connection, the outbox, the service worker.
import { onSignedOut, session, signOut } from "./api.js";
import { kvDel, outboxClear } from "./db.js";
import { Live } from "./live.js";
import { flush, pending } from "./outbox.js";
import { h, toast } from "./ui.js";
import * as boards from "./views/boards.js";
import * as home from "./views/home.js";
import * as kudos from "./views/kudos.js";
import * as me from "./views/me.js";
import * as rewards from "./views/rewards.js";
import * as signin from "./views/signin.js";

const VIEWS = { home, boards, kudos, rewards, me };
const main = document.getElementById("main");
const nav = document.querySelector("nav.tabs");
const net = document.querySelector("[data-testid=net]");

const app = {
  user: null,
  live: null,
  current: null,
  listeners: new Set(), // the open view hears of taps sent from the outbox
  async flush() {
    const sent = await flush((item, answer, err) => {
      if (err) toast(`${item.type}: ${err.message}`, "error");
      for (const fn of this.listeners) fn(item, answer, err);
    });
    await this.showPending();
    return sent;
  },
  async showPending() {
    const n = await pending();
    document.body.dataset.pending = n;
    for (const el of document.querySelectorAll("[data-testid=outbox-count]")) {
      el.textContent = n ? `${n} ${n === 1 ? "tap" : "taps"} waiting to send` : "";
      el.hidden = !n;
    }
  },
  async signOut() {
    await this.flush().catch(() => {});
    await outboxClear();
    await kvDel(`home:${this.user?.id}`); // what home showed: not kept for the next person
    await signOut();
  },
};

function status(state) {
  net.dataset.state = state;
  net.textContent = { live: "● Live", connecting: "Connecting…", offline: navigator.onLine ? "Reconnecting…" : "Offline" }[state];
}

async function config() {
  try {
    return await (await fetch("config.json", { cache: "no-store" })).json();
  } catch {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    return { realtime_url: `${scheme}://${location.hostname}:8001/ws` };
  }
}

async function route() {
  app.current?.leave?.();
  app.listeners.clear();
  // Each navigation renders into a container of its own: a view still loading when the rep taps
  // another tab writes into a detached element, never below the new view.
  const view = h("div", { class: "view" });
  main.replaceChildren(view);
  if (!app.user) {
    nav.hidden = true;
    app.current = signin;
    return signin.show(view, app, start);
  }
  nav.hidden = false;
  const name = location.hash.slice(1) in VIEWS ? location.hash.slice(1) : "home";
  for (const a of nav.querySelectorAll("a")) {
    if (a.dataset.tab === name) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  app.current = VIEWS[name];
  try {
    await app.current.show(view, app);
  } catch (err) {
    if (!view.isConnected) return;
    view.replaceChildren(h("section", { class: "card", role: "alert", testid: "view-error" },
      h("h2", {}, err.status === 0 ? "You are offline" : "Something went wrong"), h("p", {}, err.message),
      h("button", { class: "btn primary", type: "button", onclick: route }, "Try again")));
  }
  await app.showPending();
}

async function start() {
  const s = await session();
  app.user = s?.user ?? null;
  if (app.user && !app.live) {
    const { realtime_url } = await config();
    app.live = new Live(realtime_url, status, () => app.signOut());
    app.live.start();
    app.flush().catch(() => {});
  }
  await route();
}

onSignedOut(() => {
  app.user = null;
  app.live?.stop();
  app.live = null;
  status("offline");
  location.hash = "";
  route();
});
addEventListener("hashchange", route);
addEventListener("online", () => app.user && app.flush().catch(() => {}));
addEventListener("offline", () => status("offline"));
if ("serviceWorker" in navigator) navigator.serviceWorker.register("sw.js", { type: "module" }).catch(() => {});
start();
