// Talking to the portal: JSON in and out, problem+json errors, session cookie and CSRF token.
//
// The front end and the portal must be on the same site (e.g. www.jena.de and
// beteiligung.jena.de, with CSRF_COOKIE_DOMAIN=.jena.de on the portal), so that the
// browser sends the session cookie and this script can read the CSRF token cookie.
import { API_BASE } from "./config.js";

export class Problem extends Error {
  constructor(body) {
    super(body.detail || body.title || "Fehler");
    this.body = body;
    this.code = body.code;
    this.status = body.status;
    this.errors = body.errors || [];
  }
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

export async function request(path, { method = "GET", body } = {}) {
  const headers = { Accept: "application/json", "Accept-Language": "de" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") {
    if (!csrfToken()) await prepareSession();
    headers["X-CSRFToken"] = csrfToken();
  }
  const response = await fetch(API_BASE + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "include",
  });
  const type = response.headers.get("Content-Type") || "";
  const data = type.includes("json") && response.status !== 204 ? await response.json() : null;
  if (type.includes("problem+json")) throw new Problem(data);
  return { status: response.status, data };
}

// allauth's browser endpoints: 401 means "not signed in (yet)" and comes with useful data.
export async function accountRequest(path, { method = "GET", body } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRFToken"] = csrfToken();
  const response = await fetch(API_BASE + "/_allauth/browser/v1" + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "include",
  });
  return { status: response.status, data: await response.json() };
}

// Sets the CSRF cookie (allauth's config view) before the first write.
export async function prepareSession() {
  await accountRequest("/config");
}
