"""People in every role of a small administration, for the handbook and the practice area."""

import pytest

from departments.groups import sync_groups
from departments.models import Department, DepartmentGroup, Role
from tests.factories import DepartmentFactory, UserFactory


def member(role: str, department: Department | None = None, **fields):
    user = UserFactory(**fields)
    user.groups.add(DepartmentGroup.objects.get(role=role, department=department).group)
    return user


@pytest.fixture
def unit(db):
    unit = DepartmentFactory(name="Fachbereich Mobilität")
    sync_groups()
    return unit


@pytest.fixture
def role_people(unit):
    return {
        Role.TEAM: member(Role.TEAM),
        Role.EDITOR: member(Role.EDITOR, unit),
        Role.MODERATOR: member(Role.MODERATOR, unit),
        Role.ANALYST: member(Role.ANALYST, unit),
        Role.STAFF: member(Role.STAFF, unit),
    }


@pytest.fixture
def tree_units(unit):
    """A second unit beside ``unit`` (with its role groups)."""
    other = DepartmentFactory(name="Fachbereich Grün")
    sync_groups()
    return other
