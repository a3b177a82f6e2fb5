"""Real-browser tests: Playwright driving Debian's Chromium against a live portal.

Playwright cannot download its own browsers here, so the session fixtures
point it at the system Chromium (``apt-get install chromium``, done by
``scripts/install-browser.sh``). The live server runs the portal on
loopback against the PostgreSQL test database; each test starts from the
migrated database (serialized rollback) and loads the German demo content.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import ensure_wagtail_baseline

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make beside it are safe (one thread, no concurrent use).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("PLAYWRIGHT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 390, "height": 844}}


def pytest_collection_modifyitems(items):
    # Browser tests last: they are the slowest, and once Playwright's event loop
    # runs, later tests get other database connection objects.
    browser = [item for item in items if "tests/browser/" in str(item.fspath)]
    for item in browser:
        item.add_marker(pytest.mark.browser)
        items.remove(item)
    items.extend(browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"No Chromium at {CHROMIUM}: run scripts/install-browser.sh "
            "(apt-get install chromium) or set PLAYWRIGHT_CHROMIUM."
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A German browser, as most visitors have; the portal is German either way.
    return {**browser_context_args, "locale": "de-DE", "viewport": VIEWPORTS["desktop"]}


@pytest.fixture
def demo_portal(live_server, settings, tmp_path):
    """The demo content, served by the live server; returns its base URL."""
    settings.MEDIA_ROOT = tmp_path
    ensure_wagtail_baseline()
    call_command("load_demo_content", "--force", stdout=io.StringIO())
    return live_server.url


@pytest.fixture
def screenshot(page):
    """Saves the page at desktop and mobile width under artifacts/screenshots/."""

    def take(name: str) -> None:
        original = page.viewport_size
        for label, size in VIEWPORTS.items():
            folder = SCREENSHOTS / label
            folder.mkdir(parents=True, exist_ok=True)
            page.set_viewport_size(size)
            page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
        page.set_viewport_size(original)

    return take
