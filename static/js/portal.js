// Progressive enhancement only: every page works without this file.
"use strict";

// Two-click embeds: a third-party player is only loaded after the visitor asks for it.
document.querySelectorAll("[data-media-player]").forEach((figure) => {
    const button = figure.querySelector(".block-media__load");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", () => {
        const iframe = document.createElement("iframe");
        iframe.src = figure.dataset.mediaPlayer;
        iframe.title = figure.dataset.mediaTitle;
        iframe.allow = "fullscreen; picture-in-picture";
        iframe.loading = "lazy";
        figure.querySelector(".block-media__consent").replaceWith(iframe);
        iframe.focus();
    });
});

// A form came back with errors: move the focus to its error summary (or, without one, to the
// first invalid field), so that it is read out and scrolled into view. The summaries are also
// role="alert", which screen readers announce without this script. On "load": the browser's
// own jump to the address's #fragment comes first and would take the focus away again.
const errorTarget = document.querySelector(".form-errors[role=alert]")
    || document.querySelector("[aria-invalid=true]");
if (errorTarget) {
    if (!errorTarget.matches("input, select, textarea, button, a[href]")) {
        errorTarget.tabIndex = -1;
    }
    window.addEventListener("load", () => errorTarget.focus());
}

// Messages after a form ("Ihr Beitrag wurde veröffentlicht.") are in the page from the start,
// and live regions only announce changes: hand their text to a fresh live region once the page
// has loaded, so that screen readers read it out.
const messages = document.querySelector(".messages[role=status]");
if (messages && messages.textContent.trim()) {
    messages.removeAttribute("role");
    messages.removeAttribute("aria-live");
    const announcer = document.createElement("div");
    announcer.className = "visually-hidden";
    announcer.setAttribute("role", "status");
    document.body.append(announcer);
    window.addEventListener("load", () => {
        setTimeout(() => { announcer.textContent = messages.textContent.trim(); }, 250);
    });
}

// Shared pages (served from a cache to every anonymous visitor) carry no CSRF token: a form
// fetches its token when it is first touched, and before it is sent if that has not finished.
// Without this script the portal asks once to confirm the post instead (web/shared_pages.py).
const tokenField = "csrfmiddlewaretoken";
let tokenRequest = null;
function formToken() {
    if (!tokenRequest) {
        tokenRequest = fetch("/form-token/", { credentials: "same-origin", headers: { Accept: "application/json" } })
            .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
            .then((body) => body.csrfToken)
            .catch((error) => { tokenRequest = null; throw error; });
    }
    return tokenRequest;
}
function tokenOf(form) {
    const field = form.elements.namedItem(tokenField);
    return field ? field.value : "";
}
function needsToken(form) {
    return form instanceof HTMLFormElement
        && form.method.toLowerCase() === "post"
        && new URL(form.action, location.href).origin === location.origin
        && !tokenOf(form)
        && !form.hasAttribute("data-no-token");
}
function addToken(form, token) {
    if (tokenOf(form)) return;
    const empty = form.elements.namedItem(tokenField);
    if (empty) {
        empty.value = token;
        return;
    }
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = tokenField;
    input.value = token;
    form.prepend(input);
}
function prepare(event) {
    const form = event.target.closest ? event.target.closest("form") : null;
    if (needsToken(form)) formToken().then((token) => addToken(form, token), () => {});
}
document.addEventListener("focusin", prepare);
document.addEventListener("pointerdown", prepare);
document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!needsToken(form)) return;
    event.preventDefault();
    const submitter = event.submitter;
    // Sent anyway if the token cannot be had: the portal then asks to confirm.
    formToken().then((token) => addToken(form, token), () => {}).finally(() => {
        if (!tokenOf(form)) form.setAttribute("data-no-token", "");
        form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
    });
});

// --- Mobile navigation (issue 19) ---
// The header's "Menü" is a <details> disclosure and works without this script (browsers
// announce its summary as a button with its expanded state). Escape closes the open menu and
// puts the focus back on its button, as users of a disclosure expect.
const siteMenu = document.querySelector(".site-menu");
if (siteMenu) {
    siteMenu.addEventListener("keydown", (event) => {
        if (event.key !== "Escape" || !siteMenu.open) return;
        siteMenu.open = false;
        siteMenu.querySelector("summary").focus();
    });
}
