"""The CSV and XLSX exports carry the dashboard's figures, with German headers."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from departments.models import Department, DepartmentGroup, Role
from figures.presentation import export_rows
from figures.queries import FigureFilter, figures_for
from tests.factories import UserFactory


@pytest.fixture
def team_client(client, world):
    user = UserFactory()
    user.groups.add(DepartmentGroup.objects.get(role=Role.TEAM, department=None).group)
    client.force_login(user)
    client.world = world
    return client


def expected(figure_filter):
    return [
        [("" if value is None else value) for value in row]
        for row in export_rows(figures_for(figure_filter))
    ]


@pytest.mark.django_db
def test_the_csv_has_a_bom_german_headers_and_the_dashboards_figures(team_client):
    params = {"start": "2026-02-01", "end": "2026-08-31"}
    dashboard = team_client.get(reverse("figures_dashboard"), params)
    response = team_client.get(reverse("figures_export", args=("csv",)), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="auswertung-')
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Bereich", "Kennzahl", "Wert"]
    figures = dashboard.context["figures"]
    want = expected(figures.filter)
    assert rows == [[str(value) for value in row] for row in want]
    by_label = {row[1]: row[2] for row in rows}
    assert by_label["Beiträge (Kommentare)"] == str(figures.totals["comments"])
    assert by_label["Stimmabgaben"] == str(figures.ballots)
    assert "Stand der Zahlen" in by_label
    for month in figures.months:
        assert [
            "Beiträge je Monat",
            month.month.strftime("%Y-%m"),
            str(month.comments),
        ] in rows


@pytest.mark.django_db
def test_the_xlsx_has_the_same_rows(team_client):
    unit = team_client.world.departments["mobility"]
    response = team_client.get(reverse("figures_export", args=("xlsx",)), {"department": unit.pk})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [
        [("" if cell is None else cell) for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    figure_filter = FigureFilter(department_ids=frozenset(Department.objects.family_ids(unit)))
    assert rows == expected(figure_filter)
    assert rows[0] == ["Bereich", "Kennzahl", "Wert"]


@pytest.mark.django_db
def test_an_unknown_format_does_not_exist(team_client):
    assert team_client.get("/cms/auswertung/export.pdf").status_code == 404


@pytest.mark.django_db
def test_exports_hold_no_names(team_client):
    content = team_client.get(reverse("figures_export", args=("csv",))).content.decode("utf-8-sig")
    for user in team_client.world.users:
        assert user.username not in content
        assert user.display_name not in content
