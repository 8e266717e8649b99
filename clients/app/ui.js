// Small DOM helpers: elements from data (text only, never HTML), counters that roll, toasts, a celebration.
const reduced = () => matchMedia("(prefers-reduced-motion: reduce)").matches;

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "testid") el.dataset.testid = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) if (c != null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

export const fmt = (n) => Number(n ?? 0).toLocaleString("en-US");
/** A board row's place as the org's privacy mode lets this rep see it: "#3", a tier band, or "–". */
export const place = (e) => (e.rank != null ? `#${e.rank}` : e.tier ? e.tier[0].toUpperCase() + e.tier.slice(1) : "–");
/** A board row's score, "–" where the privacy mode hides it. */
export const score = (e) => (e.score == null && e.total == null ? "–" : fmt(e.total ?? e.score));
export const plural = (n, one, many) => `${fmt(n)} ${n === 1 ? one : many}`;

/** Roll a number shown in `el` to `to` (600 ms), and flash it when it moved. */
export function roll(el, to) {
  const from = Number(el.dataset.value ?? to);
  el.dataset.value = to;
  if (from === to || reduced()) return void (el.textContent = fmt(to));
  const start = performance.now();
  const step = (t) => {
    const k = Math.min(1, (t - start) / 600);
    el.textContent = fmt(Math.round(from + (to - from) * (1 - (1 - k) ** 3)));
    if (k < 1) requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
  el.classList.remove("bump");
  void el.offsetWidth;
  el.classList.add("bump");
}

export function toast(text, kind = "info") {
  const box = document.getElementById("toasts");
  const t = h("div", { class: `toast ${kind}`, role: kind === "error" ? "alert" : "status" }, text);
  box.replaceChildren(t); // one at a time: the newest says what matters now
  setTimeout(() => t.remove(), 4000);
}

/** A full-screen moment for a badge, a mission or a level; a tap or 5 s closes it. */
export function celebrate(title, lines) {
  const layer = h("div", { class: "celebrate", role: "dialog", "aria-modal": "true", "aria-label": title, testid: "celebration" },
    h("div", { class: "burst", "aria-hidden": "true" }, ...Array.from({ length: 18 }, (_, i) => h("i", { class: `c${i % 6}` }))),
    h("div", { class: "card" }, h("img", { class: "big", src: "icon.svg", alt: "", width: 64, height: 64 }), h("h2", {}, title), ...lines.map((l) => h("p", {}, l)),
      h("button", { class: "btn primary", type: "button", onclick: () => layer.remove() }, "Nice!")));
  document.body.append(layer);
  layer.querySelector("button").focus();
  setTimeout(() => layer.remove(), 5000);
}

export function progress(value, max, label) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return h("div", { class: "bar", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": max, "aria-valuenow": value, "aria-label": label },
    h("span", { style: null, "data-pct": pct }));
}

/** CSP forbids inline styles from markup; widths are set through the CSSOM instead. */
export function paintBars(root) {
  for (const s of root.querySelectorAll(".bar > span[data-pct]")) s.style.width = `${s.dataset.pct}%`;
}

export function humanize(key) {
  const s = key.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function when(iso) {
  const d = new Date(iso);
  return d.toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
}
