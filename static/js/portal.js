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
