// The service worker: the app's shell from the cache when the network is gone (network first, so
// a new version shows when online), and the outbox sent by Background Sync when the page is closed.
import { flush } from "./outbox.js";

const SHELL = "reprally-app-v1";
const FILES = ["./", "app.css", "app.js", "api.js", "db.js", "outbox.js", "live.js", "ui.js", "views/home.js",
  "views/boards.js", "views/kudos.js", "views/rewards.js", "views/me.js", "views/signin.js", "manifest.json",
  "icon.svg", "icon-192.png", "icon-512.png"];
const SCOPE = new URL("./", self.location.href).pathname;

self.addEventListener("install", (ev) => ev.waitUntil(caches.open(SHELL).then((c) => c.addAll(FILES)).then(() => self.skipWaiting())));

self.addEventListener("activate", (ev) => ev.waitUntil(caches.keys()
  .then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k))))
  .then(() => self.clients.claim())));

self.addEventListener("fetch", (ev) => {
  const url = new URL(ev.request.url);
  if (ev.request.method !== "GET" || url.origin !== self.location.origin || !url.pathname.startsWith(SCOPE)) return;
  ev.respondWith(fetch(ev.request).then((r) => {
    if (r.ok) {
      const copy = r.clone();
      caches.open(SHELL).then((c) => c.put(ev.request, copy));
    }
    return r;
  }).catch(async () => (await caches.match(ev.request, { ignoreSearch: true })) ?? caches.match("./")));
});

self.addEventListener("sync", (ev) => {
  if (ev.tag === "outbox") ev.waitUntil(flush());
});
