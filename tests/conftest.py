import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from pytest_django.plugin import blocking_manager_key
from wagtail.models import Collection, Locale, Page, Site

from tests.factories import (
    HomePageFactory,
    ProjectIndexPageFactory,
    StaffUserFactory,
    UserFactory,
)


def ensure_wagtail_baseline() -> None:
    """Puts back what Wagtail's migrations create, if a transactional test flushed it.

    Every transactional test ends by emptying all tables, the page tree's
    root, the root collection and the default locale included.
    """
    # The flush recreated the content types under new ids.
    ContentType.objects.clear_cache()
    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


def _empties_the_database(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    ):
        return True
    fixtures = getattr(item, "fixturenames", ())
    return any(name in fixtures for name in ("transactional_db", "live_server", "shared_portal"))


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "flushes_db: empties the database (set by conftest; scripts/run-tests.sh runs these last)",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        if _empties_the_database(item):
            item.add_marker("flushes_db")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test that emptied the database, put Wagtail's baseline back at once.

    Run serially, pytest-django orders transactional tests last, so their
    flush met no later test. Under pytest-xdist each worker runs the files it
    is sent in the order it gets them, and a test after a flush would find no
    page tree root or root collection.
    """
    result = yield
    # With no next test the session's teardown has already dropped the test database.
    if nextitem is not None and _empties_the_database(item):
        with item.config.stash[blocking_manager_key].unblock():
            ensure_wagtail_baseline()
    return result


def make_home_page():
    """A HomePage as the default site's root, replacing Wagtail's welcome page."""
    ensure_wagtail_baseline()
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return home


@pytest.fixture
def home_page(db):
    """A HomePage as the default site's root, replacing Wagtail's welcome page."""
    return make_home_page()


@pytest.fixture
def project_index(home_page):
    return ProjectIndexPageFactory(parent=home_page)


@pytest.fixture
def citizen(db):
    return UserFactory(display_name="Radlerin")


@pytest.fixture
def editor(db):
    return StaffUserFactory(username="redaktion", display_name="Team Beteiligung")


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache, so rate limits do not leak between tests.

    That is the (Redis) cache and the few seconds of memory the mail sender
    keeps in the process (``notifications.memo``: the imprint, a project's
    visibility).
    """
    from django.core.cache import cache

    from notifications import memo

    cache.clear()
    memo.forget()
    yield
