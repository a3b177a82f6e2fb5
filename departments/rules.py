"""Who holds which role where: the one place the other apps ask.

A role held in a unit covers the unit and every unit below it (a Dezernat's
editors edit the projects of its Fachbereiche and teams). The participation
team and superusers work city-wide. Answers are computed once per user
object (a request's user) and kept on it.
"""

from __future__ import annotations

from departments.models import Department, DepartmentGroup, Role

CACHE_ATTRIBUTE = "_department_roles"


class Roles:
    """The units (ids, descendants included) in which one user holds each role."""

    def __init__(self, city_wide: frozenset[str], units: dict[str, frozenset[int]]):
        self.city_wide = city_wide
        self.units = units

    def holds(self, role: str) -> bool:
        return role in self.city_wide or bool(self.units.get(role))

    def covers(self, role: str, department_id: int | None) -> bool:
        """Whether the role reaches ``department_id`` (a city-wide role reaches everything)."""
        if role in self.city_wide:
            return True
        return department_id is not None and department_id in self.units.get(role, ())

    def department_ids(self, role: str) -> frozenset[int] | None:
        """The units the role covers; None for everywhere."""
        if role in self.city_wide:
            return None
        return self.units.get(role, frozenset())


NOBODY = Roles(frozenset(), {})


def roles_of(user) -> Roles:
    if user is None or not user.is_authenticated or not user.is_active:
        return NOBODY
    cached = getattr(user, CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    roles = Roles(frozenset(Role.values), {}) if user.is_superuser else load_roles(user)
    setattr(user, CACHE_ATTRIBUTE, roles)
    return roles


def load_roles(user) -> Roles:
    held = DepartmentGroup.objects.filter(group__user=user).values_list("role", "department_id")
    city_wide = set()
    direct: dict[str, set[int]] = {}
    for role, department_id in held:
        if department_id is None:
            city_wide.add(role)
        else:
            direct.setdefault(role, set()).add(department_id)
    if Role.TEAM in city_wide:
        # The team does everything departments do, everywhere.
        city_wide.update(Role.values)
    units = {role: frozenset(Department.objects.family_ids_of(ids)) for role, ids in direct.items()}
    return Roles(frozenset(city_wide), units)


def is_participation_team(user) -> bool:
    return Role.TEAM in roles_of(user).city_wide


def units_choosable_by(user, role: str = Role.EDITOR):
    """The units a user may pick as a project's or poll's owner."""
    ids = roles_of(user).department_ids(role)
    units = Department.objects.all()
    return units if ids is None else units.filter(pk__in=ids)
