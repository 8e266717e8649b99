// Kudos: give one (the month's allowance shown), the org's feed with reactions, kudos received.
import { api } from "../api.js";
import { fmt, h, toast, when } from "../ui.js";

function feedText(item) {
  const who = item.display_name ?? "The team";
  const d = item.data ?? {};
  switch (item.kind) {
    case "kudos": return `${item.actor_display_name} → ${item.display_name}: “${d.message}”${d.points ? ` +${fmt(d.points)}` : ""}`;
    case "win": return `${who} won ${String(d.activity_type).replace(/_/g, " ")} (+${fmt(d.points)})`;
    case "badge": return `${who} earned the badge “${d.name}”`;
    case "streak_milestone": return `${who} reached a ${fmt(d.days)}-day streak`;
    case "level_up": return `${who} reached level ${fmt(d.level)}`;
    case "contest_result": return `${d.name}: the results are in`;
    case "instant_win": return `${who} won an instant prize`;
    default: return `${who}: ${item.kind.replace(/_/g, " ")}`;
  }
}

function feedItem(item, allowed) {
  const text = feedText(item);
  const counts = new Map((item.reactions ?? []).map((r) => [r.emoji, r]));
  const reactions = h("div", { class: "reactions" }, allowed.map((emoji) => {
    const r = counts.get(emoji);
    return h("button", {
      type: "button", class: "react", "aria-pressed": String(!!r?.reacted), testid: "react",
      "aria-label": `React ${emoji}${r ? `, ${r.count} so far` : ""}`,
      onclick: async (ev) => {
        const button = ev.currentTarget;
        const on = button.getAttribute("aria-pressed") !== "true";
        try {
          const out = await api(`feed/${item.id}/reactions`, { method: on ? "POST" : "DELETE", body: { emoji } });
          button.closest("li").replaceWith(feedItem({ ...item, reactions: out.reactions }, allowed));
        } catch (err) {
          toast(err.message, "error");
        }
      },
    }, emoji, r ? h("span", { class: "count" }, fmt(r.count)) : null);
  }));
  return h("li", { testid: "feed-item" }, h("p", {}, text), item.data?.value_tag ? h("span", { class: "chip" }, item.data.value_tag) : null,
    h("span", { class: "sub" }, when(item.at)), reactions);
}

export async function show(main, app) {
  const [allowance, settings, users, feed, received] = await Promise.all([
    api("me/kudos-allowance"), api("kudos/settings"), api("users?limit=200"), api("feed?limit=30"),
    api(`kudos?to_user_id=${app.user.id}&limit=10`)]);
  const people = users.items.filter((u) => u.id !== app.user.id && u.active && u.role !== "display")
    .sort((a, b) => a.display_name.localeCompare(b.display_name));
  const left = h("p", { class: "sub", testid: "allowance" }, `${fmt(allowance.remaining)} of ${fmt(allowance.allowance)} points left to give this month`);
  const form = h("form", { class: "card", testid: "kudos-form" },
    h("h2", {}, "Give kudos"), left,
    h("label", { for: "to" }, "To"),
    h("select", { id: "to", name: "to", required: true, testid: "kudos-to" }, h("option", { value: "" }, "Choose a teammate"),
      people.map((u) => h("option", { value: u.id }, u.display_name))),
    h("label", { for: "message" }, "Message"),
    h("textarea", { id: "message", name: "message", required: true, maxlength: 500, rows: 3, testid: "kudos-message" }),
    h("label", { for: "tag" }, "Value"),
    h("select", { id: "tag", name: "tag", testid: "kudos-tag" }, h("option", { value: "" }, "None"), settings.values.map((v) => h("option", { value: v }, v))),
    h("label", { for: "kpoints" }, `Points (up to ${fmt(Math.min(settings.max_points, allowance.remaining))})`),
    h("input", { id: "kpoints", name: "points", type: "number", min: 0, max: Math.min(settings.max_points, allowance.remaining), value: 0, inputmode: "numeric", testid: "kudos-points" }),
    h("button", { class: "btn primary wide", type: "submit", testid: "kudos-send" }, "Send kudos"));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const body = { to_user_id: Number(form.to.value), message: form.message.value.trim() };
    if (form.tag.value) body.value_tag = form.tag.value;
    if (Number(form.points.value) > 0) body.points = Math.round(Number(form.points.value));
    if (!body.to_user_id || !body.message) return toast("Choose a teammate and write a message.", "error");
    try {
      await api("kudos", { method: "POST", body });
      toast("Kudos sent");
      main.replaceChildren();
      await show(main, app);
    } catch (err) {
      toast(err.message, "error");
    }
  });
  main.append(h("h2", { class: "page" }, "Kudos"), form,
    h("section", { class: "card" }, h("h2", {}, "For you"), received.kudos.length
      ? h("ul", { class: "feed", testid: "received" }, received.kudos.map((k) => h("li", {},
        h("p", {}, `“${k.message}”`), h("span", { class: "sub" }, `${k.points ? `+${fmt(k.points)} · ` : ""}${when(k.created_at)}`))))
      : h("p", { class: "muted" }, "No kudos yet this time.")),
    h("section", { class: "card" }, h("h2", {}, "Team feed"), feed.items.length
      ? h("ul", { class: "feed", testid: "feed" }, feed.items.map((i) => feedItem(i, settings.reactions)))
      : h("p", { class: "muted" }, "Nothing in the feed yet.")));
}
