// Rewards: the catalog against the wallet, redeem, and the state of one's redemptions.
import { api } from "../api.js";
import { fmt, h, toast, when } from "../ui.js";

const STATES = { pending: "Waiting for approval", approved: "Approved", fulfilled: "Delivered", rejected: "Declined", cancelled: "Cancelled" };

export async function show(main, app) {
  const [wallet, catalog, mine] = await Promise.all([api("me/wallet"), api("rewards"), api("me/redemptions?limit=20")]);
  const redeem = async (r, button) => {
    if (button.dataset.armed !== "true") { // a second tap confirms: no native dialog on a phone
      button.dataset.armed = "true";
      button.textContent = `Confirm ${fmt(r.cost)} points`;
      return;
    }
    try {
      await api(`rewards/${r.id}/redeem`, { method: "POST", body: {} });
      toast(`${r.name}: requested`);
    } catch (err) {
      toast(err.message, "error");
    }
    main.replaceChildren();
    await show(main, app);
  };
  const cancel = async (x) => {
    try {
      await api(`redemptions/${x.id}/cancel`, { method: "POST", body: {} });
    } catch (err) {
      toast(err.message, "error");
    }
    main.replaceChildren();
    await show(main, app);
  };
  main.append(h("h2", { class: "page" }, "Rewards"),
    h("section", { class: "stats" },
      h("div", { class: "stat" }, h("span", { class: "label" }, "To spend"), h("strong", { testid: "wallet-balance" }, fmt(wallet.balance))),
      h("div", { class: "stat" }, h("span", { class: "label" }, "On hold"), h("strong", { testid: "wallet-held" }, fmt(wallet.held)))),
    h("section", { class: "card" }, h("h2", {}, "Catalog"), catalog.rewards.length ? h("ul", { class: "rewards" }, catalog.rewards.map((r) => {
      const short = r.cost > wallet.balance;
      const out = r.stock === 0;
      return h("li", { testid: "reward" }, h("div", {}, h("strong", {}, r.name), r.description ? h("p", { class: "sub" }, r.description) : null,
        h("span", { class: "sub" }, `${fmt(r.cost)} points${r.stock != null ? ` · ${fmt(r.stock)} left` : ""}`)),
        h("button", { class: "btn primary", type: "button", disabled: short || out, testid: "redeem", "aria-label": `Redeem ${r.name}`,
          onclick: (ev) => redeem(r, ev.currentTarget) }, out ? "Gone" : short ? `Need ${fmt(r.cost - wallet.balance)}` : "Redeem"));
    })) : h("p", { class: "muted" }, "No rewards yet.")),
    h("section", { class: "card" }, h("h2", {}, "My redemptions"), mine.redemptions.length ? h("ul", { class: "rewards", testid: "redemptions" },
      mine.redemptions.map((x) => h("li", { testid: "redemption", "data-state": x.state },
        h("div", {}, h("strong", {}, x.reward_name ?? `Reward ${x.reward_id}`), h("span", { class: "sub" }, `${fmt(x.cost)} points · ${when(x.created_at)}`),
          h("span", { class: `chip state-${x.state}` }, STATES[x.state] ?? x.state)),
        x.state === "pending" ? h("button", { class: "btn", type: "button", onclick: () => cancel(x), "aria-label": "Cancel this request" }, "Cancel") : null)))
      : h("p", { class: "muted" }, "Nothing redeemed yet.")));
}
