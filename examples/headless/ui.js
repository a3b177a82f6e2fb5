// Small DOM helpers shared by the client's views: text is always text; only HTML the portal
// made safe is inserted as HTML.
import { Problem } from "./api.js";

const main = document.getElementById("inhalt");
const status = document.getElementById("status");

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (name === "html") element.innerHTML = value; // server-sanitised HTML only
    else element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function announce(message) {
  status.textContent = message;
}

export function formatDate(value) {
  return new Date(value).toLocaleDateString("de-DE", { day: "numeric", month: "long", year: "numeric" });
}

export function problemBox(error) {
  const details = error instanceof Problem ? error.errors.map((item) => h("li", {}, item.message)) : [];
  return h(
    "div",
    { class: "problem", role: "alert" },
    h("p", {}, error.message || "Es ist ein Fehler aufgetreten."),
    details.length ? h("ul", {}, details) : null,
  );
}

// Every navigation (a change of the address's hash) starts a new view. A page that is still
// waiting for the portal's answer when the reader moves on must not replace the page they
// moved to: each page takes its own `show` from viewFor() before its first await, and that
// `show` does nothing once a newer navigation has started.
let navigation = 0;

export function startNavigation() {
  navigation += 1;
}

export function viewFor() {
  const mine = navigation;
  return (title, ...content) => {
    if (mine === navigation) show(title, ...content);
  };
}

export function show(title, ...content) {
  main.replaceChildren(h("h1", { tabindex: "-1" }, title), ...content);
  document.title = `${title} – Beteiligung (Beispiel-Client)`;
  main.querySelector("h1").focus();
}
