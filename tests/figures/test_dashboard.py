"""The admin dashboard "Auswertung": who sees which units, the filter form, the query budget."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from departments.models import DepartmentGroup, Role
from figures.queries import FigureFilter, figures_for
from tests.factories import UserFactory

URL = "/cms/auswertung/"


def member(role, department=None):
    user = UserFactory()
    user.groups.add(DepartmentGroup.objects.get(role=role, department=department).group)
    return user


def test_the_url_is_the_admin_dashboard():
    assert reverse("figures_dashboard") == URL


@pytest.mark.django_db
def test_the_team_sees_the_whole_city(client, world):
    client.force_login(member(Role.TEAM))
    response = client.get(URL)
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures.filter.department_ids is None
    assert figures.totals == figures_for(FigureFilter()).totals
    content = response.content.decode()
    assert "Stand:" in content
    assert '<svg role="img" aria-labelledby="chart-statuses-title chart-statuses-desc"' in content
    assert "<caption>Projekte nach Status</caption>" in content
    assert 'scope="row"' in content
    # The menu offers it.
    assert "/cms/auswertung/" in client.get("/cms/").content.decode()


@pytest.mark.django_db
def test_a_superuser_sees_the_whole_city(client, world):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["figures"].filter.department_ids is None


@pytest.mark.django_db
def test_an_analyst_of_a_fachbereich_sees_its_teams_but_not_a_sibling(client, world):
    units = world.departments
    client.force_login(member(Role.ANALYST, units["mobility"]))
    response = client.get(URL)
    assert response.status_code == 200
    scope = response.context["figures"].filter.department_ids
    assert scope == {units["mobility"].pk, units["cycling"].pk}
    offered = {unit.pk for unit in response.context["form"].fields["department"].queryset}
    assert offered == {units["mobility"].pk, units["cycling"].pk}
    own = client.get(URL, {"department": units["cycling"].pk})
    assert own.status_code == 200
    assert own.context["figures"].filter.department_ids == {units["cycling"].pk}
    assert (
        own.context["figures"].totals
        == figures_for(FigureFilter(department_ids=frozenset([units["cycling"].pk]))).totals
    )
    sibling = client.get(URL, {"department": units["green"].pk})
    assert sibling.status_code == 400
    assert "figures" not in sibling.context
    assert "Bitte eine gültige Auswahl treffen." in sibling.content.decode()
    other_project = client.get(URL, {"project": world.projects["park"].pk})
    assert other_project.status_code == 400


@pytest.mark.django_db
def test_an_editor_sees_the_figures_of_their_units(client, world):
    units = world.departments
    client.force_login(member(Role.EDITOR, units["green"]))
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["figures"].filter.department_ids == {units["green"].pk}


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.MODERATOR, Role.STAFF])
def test_moderators_and_staff_are_refused(client, world, role):
    user = member(role, world.departments["mobility"])
    client.force_login(user)
    assert client.get(URL).status_code == 404
    assert client.get(reverse("figures_export", args=("csv",))).status_code == 404
    assert "/cms/auswertung/" not in client.get("/cms/").content.decode()


@pytest.mark.django_db
def test_citizens_and_visitors_are_refused(client, world):
    assert client.get(URL).status_code == 302  # to the admin's sign-in
    client.force_login(UserFactory())
    # Without admin access Wagtail sends them back to the admin's start (and sign-in).
    assert client.get(URL).status_code == 302
    assert client.get(reverse("figures_export", args=("csv",))).status_code == 302


@pytest.mark.django_db
def test_the_exports_of_the_figures_shown_are_header_buttons(client, world):
    client.force_login(member(Role.TEAM))
    html = BeautifulSoup(client.get(URL, {"start": "2026-01-01"}).content, "html.parser")
    buttons = html.select("header a.w-header-button[download]")
    assert [(" ".join(b.get_text().split()), b["href"]) for b in buttons] == [
        ("CSV herunterladen", reverse("figures_export", args=("csv",)) + "?start=2026-01-01"),
        ("XLSX herunterladen", reverse("figures_export", args=("xlsx",)) + "?start=2026-01-01"),
    ]
    # No export of figures that are not shown (a bad filter).
    refused = BeautifulSoup(client.get(URL, {"start": "gestern"}).content, "html.parser")
    assert refused.select("header a.w-header-button") == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"start": "gestern"}, "start", "Bitte ein gültiges Datum eingeben."),
        ({"start": "2026-05-01", "end": "2026-04-01"}, "end", "Das Ende des Zeitraums"),
        ({"department": "999999"}, "department", "Bitte eine gültige Auswahl treffen."),
        ({"project": "abc"}, "project", "Bitte eine gültige Auswahl treffen."),
    ],
)
def test_bad_filters_are_shown_next_to_the_field(client, world, params, field, message):
    client.force_login(member(Role.TEAM))
    response = client.get(URL, params)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    content = response.content.decode()
    assert f'id="id_{field}-error"' in content
    assert message in content
    export = client.get(reverse("figures_export", args=("csv",)), params)
    assert export.status_code == 400


@pytest.mark.django_db
def test_a_project_of_another_unit_than_the_chosen_one_is_an_error(client, world):
    client.force_login(member(Role.TEAM))
    response = client.get(
        URL,
        {"department": world.departments["culture"].pk, "project": world.projects["radweg"].pk},
    )
    assert response.status_code == 400
    assert "Dieses Projekt gehört zu einer anderen Verwaltungseinheit." in response.content.decode()


@pytest.mark.django_db
def test_the_dashboard_keeps_a_query_budget(client, world):
    client.force_login(member(Role.TEAM))
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"department": world.departments["dezernat"].pk})
    assert response.status_code == 200
    # A fixed number, whatever the data: the session, roles, form choices, 9 figure queries.
    assert len(queries) <= 30, [query["sql"][:120] for query in queries]
