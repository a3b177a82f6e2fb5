"""A small administration: one Dezernat with two Fachbereiche, one of them with a team."""

import pytest

from departments.groups import sync_groups
from departments.models import Department, DepartmentGroup, Role
from tests.factories import DepartmentFactory, UserFactory


@pytest.fixture
def tree(db):
    dezernat = DepartmentFactory(name="Dezernat Stadtentwicklung", kind=Department.Kind.DEZERNAT)
    mobility = DepartmentFactory(name="Fachbereich Mobilität", parent=dezernat)
    green = DepartmentFactory(name="Fachbereich Grün", parent=dezernat)
    cycling = DepartmentFactory(name="Team Radverkehr", kind=Department.Kind.TEAM, parent=mobility)
    sync_groups()
    return {"own": mobility, "parent": dezernat, "sibling": green, "child": cycling}


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
