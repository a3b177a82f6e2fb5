"""The role groups that read figures get the permission; the others do not."""

import pytest

from departments.groups import sync_groups
from departments.models import DepartmentGroup, Role
from tests.factories import DepartmentFactory


@pytest.mark.django_db
def test_analysts_editors_and_the_team_may_view_figures():
    DepartmentFactory(name="Fachbereich Mobilität")
    sync_groups()
    granted = {
        link.role
        for link in DepartmentGroup.objects.select_related("group")
        if link.group.permissions.filter(
            content_type__app_label="figures", codename="view_figures"
        ).exists()
    }
    assert granted == {Role.ANALYST, Role.EDITOR, Role.TEAM}
