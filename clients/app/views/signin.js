// Sign in (POST /auth/login): the session is kept in IndexedDB and rotated on refresh.
import { signIn } from "../api.js";
import { h } from "../ui.js";

export function show(main, app, started) {
  const error = h("p", { class: "error", role: "alert", testid: "signin-error" });
  const form = h("form", { class: "card signin", testid: "signin", novalidate: true },
    h("h2", {}, "Sign in"),
    h("p", { class: "muted" }, "Log your work in one tap, watch the boards move."),
    h("label", { for: "email" }, "Email"),
    h("input", { id: "email", name: "email", type: "email", autocomplete: "username", required: true, maxlength: 254, testid: "email" }),
    h("label", { for: "password" }, "Password"),
    h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true, maxlength: 200, testid: "password" }),
    error,
    h("button", { class: "btn primary wide", type: "submit", testid: "signin-submit" }, "Sign in"));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    error.textContent = "";
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      const user = await signIn(form.email.value.trim(), form.password.value);
      if (user.role === "display") throw new Error("A display cannot use the rep app.");
      location.hash = "#home";
      await started();
    } catch (err) {
      error.textContent = err.code === "rate_limited" ? "Too many tries: wait a minute and try again." : err.message;
      button.disabled = false;
    }
  });
  main.append(form);
  form.email.focus();
}
