// The public API (docs/api.md): tokens, refresh rotation (one refresh at a time, across tabs and
// the service worker), and errors as {status, code, message}. Works in the page and the worker.
import { exclusive, kvDel, kvGet, kvSet } from "./db.js";

const BASE = new URL("../api/v1/", self.location.href);
const signedOutListeners = new Set();

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const onSignedOut = (fn) => signedOutListeners.add(fn);
export const session = () => kvGet("session");

function errorOf(status, body) {
  const e = body?.error ?? {};
  return new ApiError(status, e.code ?? "http_" + status, e.message ?? `The server answered ${status}`, e.details);
}

function expiresAt(token) {
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return (JSON.parse(atob(part)).exp ?? 0) * 1000;
  } catch {
    return 0;
  }
}

async function send(path, method, body, token) {
  const headers = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(new URL(path, BASE), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, "offline", "You are offline: the app will retry when you are back.");
  }
}

async function endSession() {
  await kvDel("session");
  for (const fn of signedOutListeners) fn();
}

export async function signIn(email, password) {
  const r = await send("auth/login", "POST", { email, password, device: "RepRally app" });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw errorOf(r.status, body);
  await kvSet("session", { access_token: body.access_token, refresh_token: body.refresh_token, user: body.user });
  return body.user;
}

/** A new token pair for `spent` (the access token that failed or is about to expire). */
function refresh(spent) {
  return exclusive("rr-session", async () => {
    const s = await kvGet("session");
    if (!s) throw new ApiError(401, "signed_out", "You are signed out.");
    if (s.access_token !== spent) return s; // another tab or the worker rotated it meanwhile
    const r = await send("auth/refresh", "POST", { refresh_token: s.refresh_token });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) {
      if (r.status === 401) await endSession();
      throw errorOf(r.status, body);
    }
    const next = { ...s, access_token: body.access_token, refresh_token: body.refresh_token };
    await kvSet("session", next);
    return next;
  });
}

/** An access token good for at least 30 more seconds (the websocket's `auth`). */
export async function freshToken() {
  let s = await kvGet("session");
  if (!s) throw new ApiError(401, "signed_out", "You are signed out.");
  if (expiresAt(s.access_token) - Date.now() < 30_000) s = await refresh(s.access_token);
  return s.access_token;
}

export async function api(path, { method = "GET", body } = {}) {
  let token = await freshToken();
  let r = await send(path, method, body, token);
  if (r.status === 401) {
    const code = (await r.clone().json().catch(() => ({})))?.error?.code;
    if (code === "token_expired" || code === "invalid_token") {
      token = (await refresh(token)).access_token;
      r = await send(path, method, body, token);
    }
  }
  if (r.status === 204) return null;
  const data = await r.json().catch(() => ({}));
  if (!r.ok) {
    const err = errorOf(r.status, data);
    if (["account_disabled", "session_revoked", "refresh_token_reused"].includes(err.code)) await endSession();
    throw err;
  }
  return data;
}

export async function signOut() {
  const s = await kvGet("session");
  if (s) {
    try {
      await send("auth/logout", "POST", { refresh_token: s.refresh_token }, s.access_token);
    } catch {
      // offline: the tokens are forgotten here; the session expires on its own
    }
  }
  await endSession();
}
