"""Real-browser tests: Playwright driving Debian's Chromium against a live portal.

Playwright cannot download its own browsers here, so the session fixtures
point it at the system Chromium (``apt-get install chromium``, done by
``scripts/install-browser.sh``). The live server runs the portal on
loopback against the PostgreSQL test database. Two ways to get the German
demo content:

- ``demo_portal``: per test, on pytest-django's live server; the test may
  change anything (vote, comment, publish), the database is emptied after it.
- ``shared_portal``: once per module, on a live server of its own, for
  modules whose tests only read (the accessibility audit). Such a module sets
  ``pytestmark = pytest.mark.django_db`` (so the test database exists) and
  must not also use ``live_server``/``demo_portal``: their flush would empty it.

Both start from the same demo: loaded once per test process and put back
from a snapshot before each test or module (``demo_snapshot``), which is
more than ten times faster than loading it again.
"""

import io
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, override_settings
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from demo.loader.notifications import give_demo_notifications
from demo.loader.people import EDITOR
from tests.browser import second_theme
from tests.browser.demo_snapshot import DemoSnapshot
from tests.conftest import ensure_wagtail_baseline
from tests.factories import TEST_PASSWORD, UserFactory

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


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "journey(key): the citizen journey of accessibility_inventory.JOURNEYS a test plays",
    )


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


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once into an emptied database and kept as a snapshot (DemoSnapshot).

    Emptied first, as after any transactional test, so the snapshot is the
    same whichever tests this process ran before.
    """
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        call_command("flush", verbosity=0, interactive=False)
        load_demo()
        snapshot = DemoSnapshot(media)
        snapshot.take()
    yield snapshot
    with django_db_blocker.unblock():
        snapshot.drop()


@pytest.fixture
def demo_portal(live_server, settings, tmp_path, demo_snapshot):
    """The demo content, served by the live server; returns its base URL."""
    settings.MEDIA_ROOT = tmp_path
    demo_snapshot.restore(tmp_path)
    return live_server.url


def load_demo() -> None:
    ensure_wagtail_baseline()
    call_command("load_demo_content", "--force", stdout=io.StringIO())


def session_for(user) -> str:
    """A signed-in session for ``user`` (its cookie value), without the login form."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def sign_in(context, base_url: str, session: str) -> None:
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}])


@dataclass(frozen=True)
class SharedPortal:
    url: str
    citizen_email: str
    password: str
    citizen_session: str
    editor_session: str = ""

    def sign_in(self, context) -> None:
        sign_in(context, self.url, self.citizen_session)

    def sign_in_editor(self, context) -> None:
        """As the demo's editor ("redaktion"), for the admin's pages."""
        sign_in(context, self.url, self.editor_session)


@pytest.fixture(scope="module")
def shared_portal(django_db_setup, django_db_blocker, tmp_path_factory, demo_snapshot):
    """The demo content on a live server of the module's own; returns a SharedPortal.

    Loaded and committed once, before the module's first test; each test's
    own transaction (django_db marker) is rolled back, what the server does
    is not. The database is emptied at the end, as after any transactional
    test. A verified citizen with a known password can sign in (or use
    ``citizen_session``: the test's own writes are invisible to the server).
    """
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        demo_snapshot.restore(media)
        citizen = UserFactory(email="pruefung@example.org", display_name="Prüferin")
        give_demo_notifications(citizen)
        editor = get_user_model().objects.get(username=EDITOR["username"])
        server = LiveServer("localhost:0")
        try:
            yield SharedPortal(
                server.url,
                citizen.email,
                TEST_PASSWORD,
                session_for(citizen),
                session_for(editor),
            )
        finally:
            server.stop()
            call_command("flush", verbosity=0, interactive=False)


@pytest.fixture
def editor_password(demo_portal):
    """Gives the demo editor ("redaktion") a known password; returns it."""
    editor = get_user_model().objects.get(username=EDITOR["username"])
    editor.set_password(TEST_PASSWORD)
    editor.save(update_fields=["password"])
    return TEST_PASSWORD


def save_screenshots(page, name: str) -> None:
    """Saves the page at desktop and mobile width under artifacts/screenshots/."""
    original = page.viewport_size
    for label, size in VIEWPORTS.items():
        folder = SCREENSHOTS / label
        folder.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size(size)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    page.set_viewport_size(original)


@pytest.fixture
def screenshot(page):
    """``screenshot(name)`` saves the page at both widths under artifacts/screenshots/."""
    return lambda name: save_screenshots(page, name)


# Fail in seconds, not half a minute, when an element is missing; assertions wait
# as long as actions do. Playwright's 5 s default for assertions was shorter than
# what the slowest step takes under CI's load (two workers, the live server, the
# database and Chromium on two cores): the map's markers, which need Leaflet, the
# proposals' GeoJSON and a layout, appeared after more than 5 s in two CI runs.
WAIT_MS = 10_000
expect.set_options(timeout=WAIT_MS)


@pytest.fixture
def context(context):
    context.set_default_timeout(WAIT_MS)
    return context


@pytest.fixture
def default_theme_afterwards(django_db_blocker):
    """The demo's default theme again after a test that switched (tests/browser/second_theme.py)."""
    yield
    with django_db_blocker.unblock():
        second_theme.restore_default_theme()
