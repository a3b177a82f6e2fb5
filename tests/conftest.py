import pytest
from wagtail.models import Page, Site

from tests.factories import (
    HomePageFactory,
    ProjectIndexPageFactory,
    StaffUserFactory,
    UserFactory,
)


@pytest.fixture
def home_page(db):
    """A HomePage as the default site's root, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return home


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
    """Every test starts with an empty (Redis) cache, so rate limits do not leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
