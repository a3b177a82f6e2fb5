"""Keyboard-only navigation with a focus check after every key press.

Only Tab, Shift+Tab, Enter and Space move or act (and typing into the
field that has the focus, and arrow keys in a widget that takes them: the
map picker); after each press the focused element must show its focus
indicator and be on screen (tests/browser/checks.focus_problems).
"""

from tests.browser.checks import focus_problems, focused_element

TAB_LIMIT = 250
ARROWS = ("ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight")


class KeyboardUser:
    def __init__(self, page):
        self.page = page
        self.presses = 0
        self.problems: list[str] = []

    def press(self, key: str) -> dict | None:
        assert key in ("Tab", "Shift+Tab", "Enter", "Space", *ARROWS), key
        self.page.keyboard.press(key)
        self.presses += 1
        return self.check()

    def submit(self, key: str = "Enter") -> None:
        """Presses ``key`` on a submit button and waits for the next page (which starts
        without focus, unless it moves the focus to an error summary: check that then)."""
        assert key in ("Enter", "Space"), key
        with self.page.expect_navigation():
            self.page.keyboard.press(key)
        self.presses += 1

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def check(self) -> dict | None:
        """Notes focus problems; the skip link's target (<main>) is a landmark, not a control."""
        focus = focused_element(self.page)
        if focus and focus["tag"] == "main":
            return focus
        problems = focus_problems(self.page)
        self.problems += [f"after {self.presses} key presses: {p}" for p in problems]
        return focus

    def tab_to(self, matches, backwards: bool = False) -> dict:
        """Tabs until ``matches(focused element)``; fails after TAB_LIMIT presses."""
        key = "Shift+Tab" if backwards else "Tab"
        for _ in range(TAB_LIMIT):
            focus = self.press(key)
            if focus and matches(focus):
                return focus
        raise AssertionError(f"{key} never reached the element within {TAB_LIMIT} presses")

    def tab_to_text(self, text: str, backwards: bool = False) -> dict:
        return self.tab_to(lambda focus: focus["text"].startswith(text), backwards)

    def assert_focus_always_visible(self) -> None:
        assert not self.problems, "\n".join(self.problems)
