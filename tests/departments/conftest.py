"""A small administration: one Dezernat with two Fachbereiche, one of them with a team.

Making the role groups (``sync_groups``) is the slow part of a test here,
so a module whose every test uses ``tree`` (and none empties the database)
builds it once, in a transaction rolled back after its last test
(tests/shared_data.py); each test gets its own copies of the units.
Elsewhere each test builds its own, as before.
"""

import pytest

from departments.groups import sync_groups
from departments.models import Department, DepartmentGroup, Role
from tests.factories import DepartmentFactory, UserFactory
from tests.shared_data import every_test_of_the_module_uses, rolled_back_at_end


def build_tree() -> dict[str, Department]:
    dezernat = DepartmentFactory(name="Dezernat Stadtentwicklung", kind=Department.Kind.DEZERNAT)
    mobility = DepartmentFactory(name="Fachbereich Mobilität", parent=dezernat)
    green = DepartmentFactory(name="Fachbereich Grün", parent=dezernat)
    cycling = DepartmentFactory(name="Team Radverkehr", kind=Department.Kind.TEAM, parent=mobility)
    sync_groups()
    return {"own": mobility, "parent": dezernat, "sibling": green, "child": cycling}


@pytest.fixture(scope="module")
def shared_tree(request, django_db_setup, django_db_blocker):
    """The tree's unit ids, built once for the module; None where each test builds its own."""
    if not every_test_of_the_module_uses(request, "tree"):
        yield None
        return
    with rolled_back_at_end(django_db_blocker):
        with django_db_blocker.unblock():
            ids = {relation: unit.pk for relation, unit in build_tree().items()}
        yield ids


@pytest.fixture
def tree(shared_tree, db):
    if shared_tree is None:
        return build_tree()
    units = Department.objects.in_bulk(shared_tree.values())
    return {relation: units[pk] for relation, pk in shared_tree.items()}


def member(role: str, department: Department | None = None, **fields):
    """A user in the role group of ``department`` (city-wide roles take None)."""
    user = UserFactory(**fields)
    link = DepartmentGroup.objects.get(role=role, department=department)
    user.groups.add(link.group)
    return user


@pytest.fixture
def people(tree):
    """One person per role, each in the 'own' unit (the team city-wide), and a citizen."""
    own = tree["own"]
    return {
        "team": member(Role.TEAM),
        "editor": member(Role.EDITOR, own),
        "moderator": member(Role.MODERATOR, own),
        "analyst": member(Role.ANALYST, own),
        "staff": member(Role.STAFF, own),
        "citizen": UserFactory(),
    }
