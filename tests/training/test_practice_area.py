"""The practice area: its known state, the reset back to it, and the trainees' rights."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from comments.models import Comment
from departments.models import Department, Role
from pages.models import ProjectIndexPage, ProjectPage
from pages.permissions import outside_every_site
from polls.models import Poll, PollPlacement
from tests.factories import ProjectPageFactory, UserFactory
from tests.training.conftest import member
from training.practice import practice_pages, read_data, reset_practice_area

DATA = read_data()
PROJECT_TITLES = sorted(entry["title"] for entry in DATA["projects"])
COMMENT_BODIES = sorted(body for entry in DATA["projects"] for body in entry["comments"])


def state() -> dict:
    """What the practice area holds, in plain values."""
    pages = practice_pages()
    projects = ProjectPage.objects.filter(pk__in=pages.values("pk"))
    return {
        "pages": sorted((page.depth, page.title, page.live) for page in pages),
        "phases": sorted(
            (phase.page.title, phase.title, phase.start_date, phase.end_date)
            for project in projects
            for phase in project.phases.all()
        ),
        "comments": sorted(Comment.objects.filter(page__in=pages).values_list("body", flat=True)),
        "polls": sorted(
            PollPlacement.objects.filter(page__in=pages).values_list("poll__title", flat=True)
        ),
        "practice_polls": Poll.objects.filter(title=DATA["poll"]["title"]).count(),
        "restrictions": PageViewRestriction.objects.filter(page__in=pages).count(),
        "groups": Group.objects.filter(name=DATA["group"]).count(),
        "departments": Department.objects.filter(name=DATA["department"]["name"]).count(),
    }


@pytest.fixture
def practice(home_page):
    reset_practice_area()
    return Page.objects.get(depth=2, slug=DATA["home"]["slug"])


@pytest.fixture
def trainee(practice):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=DATA["group"]))
    return user


def practice_project(title_start="Übung: Neuer Spielplatz") -> ProjectPage:
    return ProjectPage.objects.get(title__startswith=title_start)


def test_the_reset_builds_the_known_state(practice, home_page):
    assert practice.depth == 2 and practice.get_parent().is_root()
    assert not Site.objects.filter(root_page=practice).exists()
    known = state()
    assert [title for depth, title, live in known["pages"] if depth == 4] == PROJECT_TITLES
    assert all(live for *_, live in known["pages"])
    assert known["comments"] == COMMENT_BODIES
    assert known["polls"] == [DATA["poll"]["title"]]
    assert len(known["phases"]) == sum(len(entry["phases"]) for entry in DATA["projects"])
    assert known["restrictions"] == 1
    assert ProjectIndexPage.objects.child_of(practice).count() == 1
    # The sample projects belong to the practice unit, not to a real one.
    index = ProjectIndexPage.objects.child_of(practice).get()
    units = {project.department.name for project in ProjectPage.objects.child_of(index)}
    assert units == {DATA["department"]["name"]}


def test_the_reset_is_idempotent(practice):
    first = state()
    reset_practice_area()
    reset_practice_area()
    assert state() == first
    assert first["groups"] == first["departments"] == first["practice_polls"] == 1


def test_the_reset_undoes_what_trainees_did(practice, citizen):
    known = state()
    project = practice_project()
    project.title = "Von einer Teilnehmerin geändert"
    project.save_revision().publish()
    index = ProjectIndexPage.objects.child_of(practice).get()
    index.add_child(
        instance=ProjectPage(
            title="Mein Übungsprojekt",
            teaser="Neu",
            department=Department.objects.get(name=DATA["department"]["name"]),
        )
    )
    Comment.objects.create(page=practice_project("Übung: Sicherer"), author=citizen, body="Neu")
    assert state() != known

    reset_practice_area()
    assert state() == known


def test_the_reset_leaves_the_real_portal_alone(practice, project_index, unit):
    real = ProjectPageFactory(parent=project_index, title="Radverkehrskonzept", department=unit)
    Comment.objects.create(page=real, anonymous_key="k", body="Echt")
    opens = real.first_published_at
    real_poll = Poll.objects.create(
        title="Echte Umfrage", opens_at=opens, closes_at=opens + datetime.timedelta(days=7)
    )
    reset_practice_area()
    assert ProjectPage.objects.filter(pk=real.pk).exists()
    assert Comment.objects.filter(page=real).count() == 1
    assert Poll.objects.filter(pk=real_poll.pk).exists()


def test_the_command_speaks_german(home_page):
    out = io.StringIO()
    call_command("reset_training_area", stdout=out)
    call_command("reset_training_area", stdout=out)
    text = out.getvalue()
    assert "Der Übungsbereich ist zurückgesetzt." in text
    assert "Gelöscht: 4 Seiten, 1 Umfragen, 3 Beiträge." in text
    assert "Neu angelegt: Übungsbereich, Übungsprojekte" in text


def test_trainees_edit_and_publish_practice_projects(client, trainee):
    project = practice_project()
    permissions = project.permissions_for_user(trainee)
    assert permissions.can_edit() and permissions.can_publish() and permissions.can_lock()
    client.force_login(trainee)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[project.pk])).status_code == 200
    index = ProjectIndexPage.objects.child_of(project.get_parent().get_parent()).get()
    assert index.permissions_for_user(trainee).can_add_subpage()


def test_the_practice_project_form_offers_units_to_trainees(client, trainee):
    project = practice_project()
    client.force_login(trainee)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[project.pk]))
    choices = response.context["form"].fields["department"].queryset
    assert choices.filter(name=DATA["department"]["name"]).exists()


def test_trainees_cannot_touch_real_projects(client, trainee, project_index, unit):
    real = ProjectPageFactory(parent=project_index, title="Radverkehrskonzept", department=unit)
    permissions = real.permissions_for_user(trainee)
    assert not (permissions.can_edit() or permissions.can_publish() or permissions.can_delete())
    assert not project_index.permissions_for_user(trainee).can_add_subpage()
    client.force_login(trainee)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[real.pk]))
    assert response.status_code in (302, 403)
    # The explorer opens at the practice area, the trainee's only part of the tree.
    explorer = client.get(reverse("wagtailadmin_explore_root"))
    assert "Radverkehrskonzept" not in explorer.content.decode()


def test_department_editors_still_edit_only_their_unit_in_the_portal(
    practice, project_index, unit, tree_units
):
    editor = member(Role.EDITOR, unit)
    own = ProjectPageFactory(parent=project_index, department=unit)
    other = ProjectPageFactory(parent=project_index, department=tree_units)
    assert own.permissions_for_user(editor).can_edit()
    assert not other.permissions_for_user(editor).can_edit()


def test_without_any_site_the_department_rules_apply_everywhere(practice, project_index):
    project = practice_project()
    assert outside_every_site(project)
    assert not outside_every_site(project_index)
    Site.objects.all().delete()
    assert not outside_every_site(project)


def minimal_project_form(department_pk, title="Mein Übungsprojekt"):
    return nested_form_data(
        {
            "title": title,
            "slug": "mein-uebungsprojekt",
            "teaser": "Geübt",
            "hero_image": "",
            "hero_image_alt": "",
            "body": streamfield([]),
            "phases": inline_formset(
                [
                    {
                        "title": "Online-Dialog",
                        "description": "",
                        "start_date": "2026-03-01",
                        "end_date": "2026-03-31",
                        "allows_participation": "on",
                    }
                ]
            ),
            "department": department_pk,
            "district": "",
            "contact": "",
            "results_intro": "",
            "results": streamfield([]),
            "news": inline_formset([]),
            "comments_enabled": "on",
            "comments_follow_phases": "on",
            "comments_moderation": "post",
            "action-publish": "publish",
        }
    )


def test_a_trainee_adds_and_publishes_a_practice_project(client, trainee, practice):
    index = ProjectIndexPage.objects.child_of(practice).get()
    unit = Department.objects.get(name=DATA["department"]["name"])
    client.force_login(trainee)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("pages", "projectpage", index.pk)),
        minimal_project_form(unit.pk),
    )
    assert response.status_code == 302, response.context["form"].errors
    project = ProjectPage.objects.get(slug="mein-uebungsprojekt")
    assert project.live and project.department == unit
    assert project.get_url() is None
