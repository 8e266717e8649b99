// Me: every point with its cause and rule version (GET /me/ledger), notification settings, sign out.
import { api } from "../api.js";
import { fmt, h, humanize, toast, when } from "../ui.js";

const KINDS = {
  passed: "I pass someone on a board", passed_by: "Someone passes me", top_n: "I reach the top of a board",
  team_win: "My team wins", kudos: "Kudos for me", badge_earned: "A badge earned", mission_done: "A mission done",
  missions_all_done: "All missions done", streak_at_risk: "My streak is at risk", contest_starting: "A contest starts",
  contest_ending: "A contest is ending", contest_result: "Contest results", welcome: "Welcome",
};

function cause(e) {
  if (e.activity_type && (e.kind === "activity" || e.kind === "reversal")) {
    const what = `${humanize(e.activity_type)} × ${fmt(e.quantity)}${e.value != null ? ` (value ${fmt(e.value)})` : ""}`;
    const rule = `rule v${e.rule_version}: ${fmt(e.rule_points)} a unit${e.rule_value_points ? ` + ${e.rule_value_points} per value` : ""}`;
    return `${e.kind === "reversal" ? "Reversed: " : ""}${what} · ${rule}`;
  }
  const c = e.cause;
  const v = c?.version != null ? ` v${c.version}` : "";
  return `${humanize(e.kind)}${c ? ` · ${humanize(c.kind)}${c.id != null ? ` #${c.id}` : ""}${v}` : ""}`;
}

function ledgerRows(entries) {
  return entries.map((e) => h("li", { testid: "ledger-entry", "data-kind": e.kind },
    h("div", {}, h("span", {}, cause(e)), h("span", { class: "sub" }, when(e.created_at))),
    h("strong", { class: e.points < 0 ? "num neg" : "num" }, `${e.points > 0 ? "+" : ""}${fmt(e.points)}`)));
}

async function ledger(app) {
  const list = h("ul", { class: "ledger", testid: "ledger" });
  const more = h("button", { class: "btn", type: "button", hidden: true }, "Older entries");
  let before = null;
  const page = async () => {
    const r = await api(`me/ledger?limit=25${before ? `&before_id=${before}` : ""}`);
    list.append(...ledgerRows(r.entries));
    before = r.next_before_id;
    more.hidden = !before;
  };
  more.addEventListener("click", page);
  await page();
  return h("section", { class: "card" }, h("h2", {}, "My points"), list, more);
}

async function settings() {
  const prefs = await api("me/notification-preferences");
  const form = h("form", { class: "card", testid: "prefs" }, h("h2", {}, "Notifications"),
    h("fieldset", {}, h("legend", {}, "Tell me about"), Object.entries(prefs.kinds).map(([k, on]) => h("label", { class: "check" },
      h("input", { type: "checkbox", name: k, checked: on }), KINDS[k] ?? humanize(k)))),
    h("fieldset", {}, h("legend", {}, `Quiet hours (${prefs.timezone})`),
      h("label", { class: "check" }, h("input", { type: "checkbox", name: "quiet", checked: !!prefs.quiet_hours, testid: "quiet" }), "No pushes between"),
      h("div", { class: "row" },
        h("label", { for: "qstart" }, "From"), h("input", { id: "qstart", type: "time", name: "qstart", value: prefs.quiet_hours?.start ?? "22:00" }),
        h("label", { for: "qend" }, "to"), h("input", { id: "qend", type: "time", name: "qend", value: prefs.quiet_hours?.end ?? "07:00" }))),
    h("button", { class: "btn primary wide", type: "submit", testid: "prefs-save" }, "Save"));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const kinds = Object.fromEntries(Object.keys(prefs.kinds).map((k) => [k, form.elements[k].checked]));
    const quiet = form.quiet.checked ? { start: form.qstart.value, end: form.qend.value } : null;
    try {
      await api("me/notification-preferences", { method: "PUT", body: { kinds, quiet_hours: quiet } });
      toast("Saved");
    } catch (err) {
      toast(err.message, "error");
    }
  });
  return form;
}

export async function show(main, app) {
  const [points, prefs] = await Promise.all([ledger(app), settings()]);
  main.append(h("h2", { class: "page" }, app.user.display_name), points, prefs,
    h("button", { class: "btn wide danger", type: "button", testid: "signout", onclick: () => app.signOut() }, "Sign out"));
}
