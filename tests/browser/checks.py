"""Accessibility checks axe-core does not make on its own, run in the browser.

Each function returns a list of problems (empty: fine), so a test can
report all of them at once. The keys in ``EXTRA_CHECKS`` of
tests/browser/accessibility_inventory.py name them for the accessibility statement.
"""

import itertools

# Templates mark images whose content the text next to them already gives
# (a project card's picture, the start page's banner) with these classes;
# alt="" anywhere else is reported.
# Map tiles and marker shadows are decoration: the list beside the map holds the information.
DECORATIVE_IMAGE_CLASSES = (
    "hero__image",
    "project-card__image",
    "leaflet-tile",
    "leaflet-marker-shadow",
)
IMAGE_FILE_ENDINGS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg")
NARROW_WIDTH = 320


def language_problems(page, expected: str = "de") -> list[str]:
    lang = page.locator("html").get_attribute("lang") or ""
    if lang.split("-")[0] != expected:
        return [f'<html lang="{lang}">, expected "{expected}"']
    return []


# Headings as assistive technology lists them: hidden ones (display: none,
# aria-hidden) left out, visually hidden ones (clipped) kept.
HEADINGS_SCRIPT = """(root) => [...document.querySelector(root)
    .querySelectorAll("h1, h2, h3, h4, h5, h6, [role=heading]")]
    .filter((element) => !element.closest("[hidden], [aria-hidden=true]")
        && element.getClientRects().length > 0)
    .map((element) => ({
        level: Number(element.getAttribute("aria-level")) || Number(element.tagName.slice(1)),
        text: element.textContent.trim().replace(/\\s+/g, " ").slice(0, 60),
    }))"""


def headings(page, root: str = "body") -> list[dict]:
    return page.evaluate(HEADINGS_SCRIPT, root)


def heading_problems(page, root: str = "body") -> list[str]:
    """Exactly one h1, first; no level skipped on the way down (h2 → h4).

    ``root``: the part of the page checked (CSS selector); all of it unless
    the page is framed by markup that is not ours (the Wagtail admin's menu).
    """
    found = headings(page, root)
    problems = []
    top = [heading for heading in found if heading["level"] == 1]
    if len(top) != 1:
        problems.append(f"{len(top)} h1 headings: {[heading['text'] for heading in top]}")
    if found and found[0]["level"] != 1:
        problems.append(f"first heading is h{found[0]['level']}: {found[0]['text']!r}")
    for before, heading in itertools.pairwise(found):
        if heading["level"] > before["level"] + 1:
            problems.append(
                f"h{before['level']} {before['text']!r} is followed by "
                f"h{heading['level']} {heading['text']!r}"
            )
    return problems


IMAGES_SCRIPT = """(root) => [...document.querySelector(root)
    .querySelectorAll("img, svg, [role=img]")].map((element) => ({
    tag: element.tagName.toLowerCase(),
    alt: element.getAttribute("alt"),
    src: element.getAttribute("src") || "",
    classes: [...element.classList],
    role: element.getAttribute("role"),
    hidden: Boolean(element.closest("[aria-hidden=true]")),
    name: element.getAttribute("aria-label") || element.getAttribute("aria-labelledby")
        || (element.querySelector(":scope > title") || {}).textContent || "",
}))"""


def image_problems(page, root: str = "body") -> list[str]:
    problems = []
    for image in page.evaluate(IMAGES_SCRIPT, root):
        if image["hidden"]:
            continue
        if image["tag"] == "img":
            alt = image["alt"]
            if alt is None:
                problems.append(f"img without alt: {image['src']}")
            elif not alt.strip() and not set(image["classes"]) & set(DECORATIVE_IMAGE_CLASSES):
                problems.append(f"img with empty alt outside the decorative places: {image['src']}")
            elif alt.strip().lower().endswith(IMAGE_FILE_ENDINGS):
                problems.append(f"img whose alt text is a file name: {alt}")
        elif not image["name"].strip():
            # An svg or role=img that is neither hidden nor named.
            problems.append(f"{image['tag']} (role={image['role']}) without a name or aria-hidden")
    return problems


# Every visible error message must reach screen reader users: inside an
# alert or live region, or inside the element that has the focus.
ERRORS_SCRIPT = """() => {
    const visible = (element) => element.getClientRects().length > 0;
    const announced = (element) => Boolean(
        element.closest("[role=alert], [aria-live=assertive], [aria-live=polite], [role=status]")
    );
    const focused = document.activeElement;
    const texts = (selector) => [...document.querySelectorAll(selector)].filter(visible);
    const messages = texts(".errorlist li, .form-errors p, .form-errors li");
    const announcedTexts = [...document.querySelectorAll(
        "[role=alert], [aria-live=assertive], [aria-live=polite]"
    )].map((region) => region.textContent.replace(/\\s+/g, " "));
    const focusedText = focused && focused !== document.body
        ? focused.textContent.replace(/\\s+/g, " ") : "";
    return {
        messages: messages.map((element) => ({
            text: element.textContent.trim().replace(/\\s+/g, " "),
            announced: announced(element)
                || (focused && focused !== document.body && focused.contains(element)),
        })),
        announcedTexts: announcedTexts,
        focusedText: focusedText,
        invalid: [...document.querySelectorAll("[aria-invalid=true]")].map((field) => ({
            name: field.getAttribute("name"),
            describedby: (field.getAttribute("aria-describedby") || "").split(/\\s+/)
                .filter(Boolean).map((id) => (document.getElementById(id) || {}).textContent || ""),
            inErrorGroup: Boolean(field.closest("[aria-describedby]")),
        })),
    };
}"""


def error_problems(page) -> list[str]:
    """Errors are shown, announced, and linked to the fields they concern."""
    found = page.evaluate(ERRORS_SCRIPT)
    if not found["messages"]:
        return ["no error message is shown"]
    spoken = " ".join([*found["announcedTexts"], found["focusedText"]])
    problems = [
        f"error not announced (no alert/live region, not focused): {message['text']!r}"
        for message in found["messages"]
        if not message["announced"] and message["text"] not in spoken
    ]
    for field in found["invalid"]:
        if not any(text.strip() for text in field["describedby"]) and not field["inErrorGroup"]:
            problems.append(f"invalid field {field['name']!r} is not described by its error")
    return problems


FOCUS_SCRIPT = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const label = element.labels && element.labels.length ? element.labels[0].textContent : "";
    return {
        tag: element.tagName.toLowerCase(),
        id: element.id,
        name: element.getAttribute("name") || "",
        text: (element.getAttribute("aria-label") || label || element.textContent
            || element.value || "").trim().replace(/\\s+/g, " ").slice(0, 60),
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
        shadow: style.boxShadow !== "none",
        inViewport: box.bottom > 0 && box.right > 0 && box.top < innerHeight
            && box.left < innerWidth && box.width > 0 && box.height > 0,
    };
}"""


def focused_element(page) -> dict | None:
    return page.evaluate(FOCUS_SCRIPT)


def focus_problems(page) -> list[str]:
    """The focused element shows a focus indicator and is on screen."""
    focus = focused_element(page)
    if focus is None:
        return ["nothing has the focus"]
    problems = []
    if not (focus["outline"] or focus["shadow"]):
        problems.append(f"no visible focus indicator on <{focus['tag']}> {focus['text']!r}")
    if not focus["inViewport"]:
        problems.append(f"focused <{focus['tag']}> {focus['text']!r} is outside the viewport")
    return problems


def reflow_problems(page) -> list[str]:
    """At 320 CSS pixels (1280 px at 400 % zoom) nothing needs horizontal scrolling.

    Elements that WCAG 1.4.10 allows to scroll on their own (data tables) may
    overflow inside their own scroll box; the page itself must not.
    """
    original = page.viewport_size
    page.set_viewport_size({"width": NARROW_WIDTH, "height": original["height"]})
    try:
        overflow = page.evaluate(
            """(width) => {
                const wide = document.documentElement.scrollWidth;
                if (wide <= width + 1) return [];
                return [...document.querySelectorAll("body *")]
                    .filter((element) => element.getBoundingClientRect().right > width + 1
                        && !element.parentElement.closest("svg")
                        && element.getClientRects().length > 0
                        && !element.closest(".visually-hidden"))
                    .slice(-5)
                    .map((element) => element.tagName.toLowerCase()
                        + (element.className ? "." + [...element.classList].join(".") : "")
                        + " (" + Math.round(element.getBoundingClientRect().right) + "px)");
            }""",
            NARROW_WIDTH,
        )
    finally:
        page.set_viewport_size(original)
    return [f"wider than {NARROW_WIDTH}px: {element}" for element in overflow]


def focus_walk_problems(page, limit: int = 300) -> list[str]:
    """Tabs through the whole page from the top: every stop shows its focus and is on screen."""
    page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
    problems = []
    first = None
    for step in range(1, limit + 1):
        page.keyboard.press("Tab")
        focus = focused_element(page)
        if focus is None:
            break  # past the last element, into the browser's own controls
        where = (focus["tag"], focus["id"], focus["name"], focus["text"])
        if where == first:
            break  # round again
        first = first or where
        problems += [f"Tab stop {step}: {problem}" for problem in focus_problems(page)]
    return problems
