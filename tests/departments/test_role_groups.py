"""Role groups come from the department tree: made, renamed and removed with their unit."""

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission

from departments.groups import migrated, sync_groups
from departments.models import DepartmentGroup, Role
from departments.rules import roles_of
from tests.departments.conftest import member
from tests.factories import DepartmentFactory


def test_every_unit_has_its_four_groups_and_the_city_has_its_team(tree):
    names = set(Group.objects.values_list("name", flat=True))
    assert "Beteiligungsteam" in names
    for unit in tree.values():
        for role in ("Redaktion", "Moderation", "Auswertung", "Mitarbeitende"):
            assert f"{role} · {unit.name}" in names
    assert DepartmentGroup.objects.count() == 1 + 4 * len(tree)


def test_the_command_is_idempotent(tree):
    before = set(Group.objects.values_list("pk", "name"))
    call_command("sync_department_groups", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(Group.objects.values_list("pk", "name")) == before


def test_a_new_unit_gets_its_groups_when_saved(django_capture_on_commit_callbacks, db):
    with django_capture_on_commit_callbacks(execute=True):
        unit = DepartmentFactory(name="Fachbereich Kultur")
    assert DepartmentGroup.objects.filter(department=unit).count() == 4


def test_a_renamed_unit_renames_its_groups_and_a_removed_one_takes_them(tree):
    unit = tree["sibling"]
    unit.short_name = "FB Grün"
    unit.save()
    sync_groups(unit)
    assert Group.objects.filter(name="Redaktion · FB Grün").exists()
    unit.delete()
    assert not Group.objects.filter(name__endswith="FB Grün").exists()


def test_a_group_name_the_city_uses_already_is_not_taken_over(db):
    Group.objects.create(name="Redaktion · Fachbereich Bau")
    unit = DepartmentFactory(name="Fachbereich Bau")
    sync_groups(unit)
    link = DepartmentGroup.objects.get(department=unit, role=Role.EDITOR)
    assert link.group.name == "Redaktion · Fachbereich Bau (2)"


def test_editors_may_add_under_every_project_index_and_the_team_at_the_root(tree, project_index):
    sync_groups()
    editors = DepartmentGroup.objects.get(department=tree["own"], role=Role.EDITOR).group
    team = DepartmentGroup.objects.get(role=Role.TEAM).group
    editor_rights = GroupPagePermission.objects.filter(group=editors)
    assert {(p.page_id, p.permission.codename) for p in editor_rights} == {
        (project_index.pk, "add_page"),
        (project_index.pk, "change_page"),
    }
    team_rights = GroupPagePermission.objects.filter(group=team)
    assert {p.permission.codename for p in team_rights} >= {
        "add_page",
        "change_page",
        "publish_page",
    }
    assert all(p.page.depth == 1 for p in team_rights)


def test_a_role_covers_the_unit_and_every_unit_below(tree):
    editor = member(Role.EDITOR, tree["parent"])
    roles = roles_of(editor)
    assert roles.department_ids(Role.EDITOR) == frozenset(unit.pk for unit in tree.values())
    assert not roles.holds(Role.MODERATOR)
    team = member(Role.TEAM)
    assert roles_of(team).department_ids(Role.MODERATOR) is None  # everywhere


def test_groups_are_made_after_the_last_apps_post_migrate_only(db):
    """Also sent after a flush, app by app: before the last, Wagtail's permissions are not back."""
    Group.objects.filter(department_role__isnull=False).delete()
    migrated(sender=apps.get_app_config("departments"))
    assert not DepartmentGroup.objects.exists()
    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    migrated(sender=last)
    assert DepartmentGroup.objects.filter(role=Role.TEAM).exists()
