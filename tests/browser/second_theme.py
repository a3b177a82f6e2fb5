"""The audit's visits with the demo's second theme ("jena": colours, font, logo, footer logos).

The shared live server serves the committed demo; a test's own transaction is
invisible to it. So the theme is switched in a thread of its own (its own
database connection, committed at once) and switched back after the test
(``restore_default_theme``, tests/browser/conftest.py). Saving the theme
empties the theme cache, so the very next page shows it.
"""

import re
import threading

from django.db import connection
from playwright.sync_api import expect
from wagtail.models import Site

from demo.loader.themes import apply_theme

SECOND, DEFAULT = "jena", "standard"
_state = {"switched": False}


def _committed(name: str) -> None:
    failures = []

    def run():
        try:
            apply_theme(Site.objects.get(is_default_site=True), name)
        except Exception as error:  # raised again in the test's thread
            failures.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


def switch_to_second_theme() -> None:
    _committed(SECOND)
    _state["switched"] = True


def restore_default_theme() -> None:
    if _state["switched"]:
        _committed(DEFAULT)
        _state["switched"] = False


def visits(state_class, paths: dict[str, str]) -> dict:
    """``{"<name>_second_theme": visit}`` for each of ``paths`` (name -> path)."""

    def visit_of(path):
        def visit_with_second_theme(page, portal):
            switch_to_second_theme()
            response = page.goto(portal.url + path)
            assert response.status == 200, f"{path}: HTTP {response.status}"
            expect(page.locator(".site-header__logo")).to_have_attribute("alt", "Stadt Jena")
            expect(page.locator("body")).to_have_css("font-family", re.compile('^"?Atkinson'))
            return state_class()

        return visit_with_second_theme

    return {f"{name}_second_theme": visit_of(path) for name, path in paths.items()}
