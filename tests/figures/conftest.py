"""The figures world (tests/figures/data.py), built once for a module where every test reads it.

Building it (units and their role groups, projects, a year of
contributions, the rollup) is most of a test's time here. A module whose
every database test uses ``world`` builds it once, in a transaction rolled
back after its last test (tests/shared_data.py); each test gets its own
copies of the objects. Elsewhere each test builds its own.
"""

import pytest
from django.contrib.auth import get_user_model

from departments.models import Department
from figures.rollup import refresh
from pages.models import ProjectIndexPage, ProjectPage, StandardPage
from tests.conftest import make_home_page
from tests.factories import ProjectIndexPageFactory
from tests.figures.data import World, build_world
from tests.shared_data import every_test_of_the_module_uses, rolled_back_at_end


def refreshed_world(project_index) -> World:
    world = build_world(project_index)
    refresh()
    return world


@pytest.fixture(scope="module")
def shared_world(request, django_db_setup, django_db_blocker):
    """The world's ids, built once for the module; None where each test builds its own."""
    if not every_test_of_the_module_uses(request, "world"):
        yield None
        return
    with rolled_back_at_end(django_db_blocker):
        with django_db_blocker.unblock():
            project_index = ProjectIndexPageFactory(parent=make_home_page())
            world = refreshed_world(project_index)
            ids = {
                "project_index": project_index.pk,
                "departments": {key: unit.pk for key, unit in world.departments.items()},
                "projects": {key: page.pk for key, page in world.projects.items()},
                "other_page": world.other_page.pk,
                "users": [user.pk for user in world.users],
            }
        yield ids


@pytest.fixture
def world(shared_world, db, request):
    if shared_world is None:
        return refreshed_world(request.getfixturevalue("project_index"))
    units = Department.objects.in_bulk(shared_world["departments"].values())
    pages = ProjectPage.objects.in_bulk(shared_world["projects"].values())
    users = get_user_model().objects.in_bulk(shared_world["users"])
    return World(
        departments={key: units[pk] for key, pk in shared_world["departments"].items()},
        projects={key: pages[pk] for key, pk in shared_world["projects"].items()},
        other_page=StandardPage.objects.get(pk=shared_world["other_page"]),
        users=[users[pk] for pk in shared_world["users"]],
    )


@pytest.fixture
def project_index(shared_world, db, request):
    """The world's project index where the module shares it, else a new one (tests/conftest.py)."""
    if shared_world is None:
        return ProjectIndexPageFactory(parent=request.getfixturevalue("home_page"))
    return ProjectIndexPage.objects.get(pk=shared_world["project_index"])
