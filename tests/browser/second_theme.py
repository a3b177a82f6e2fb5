"""The audit's visits of the demo's second site (jena.localhost: the Jena-like theme).

The same pages as on the default site, served by the same live server under
the second site's host name (Chromium resolves every *.localhost to this
machine), so axe checks the second theme's colours, font, logo and footer.
"""

import re

from playwright.sync_api import expect

HOSTNAME = "jena.localhost"


def visits(state_class, paths: dict[str, str]) -> dict:
    """``{"<name>_second_theme": visit}`` for each of ``paths`` (name -> path)."""

    def visit_of(path):
        def visit_second_site(page, portal):
            response = page.goto(portal.url.replace("//localhost:", f"//{HOSTNAME}:") + path)
            assert response.status == 200, f"{HOSTNAME}{path}: HTTP {response.status}"
            expect(page.locator(".site-header__logo")).to_have_attribute("alt", "Stadt Jena")
            expect(page.locator("body")).to_have_css("font-family", re.compile('^"?Atkinson'))
            return state_class()

        return visit_second_site

    return {f"{name}_second_theme": visit_of(path) for name, path in paths.items()}
