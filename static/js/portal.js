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
