"""The register's index: filters, search and the XLSX export; the public list's query budget."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.vorhaben.conftest import make_vorhaben
from tests.vorhaben.test_public_list import VorhabenIndexPageFactory
from vorhaben.models import Vorhaben, VorhabenState


@pytest.fixture
def register(tree):
    made = {
        "radweg": make_vorhaben(tree["own"], title="Radweg Saale"),
        "park": make_vorhaben(tree["sibling"], state=VorhabenState.IN_REVIEW, title="Park Nord"),
        "alt": make_vorhaben(tree["own"], state=VorhabenState.REJECTED, title="Alter Plan"),
    }
    Vorhaben.objects.filter(pk=made["alt"].pk).update(
        created_at=timezone.make_aware(datetime.datetime(2024, 5, 1))
    )
    return made


def titles(response, made) -> set[str]:
    return {key for key, vorhaben in made.items() if vorhaben.title in response.text}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"state": VorhabenState.IN_REVIEW}, {"park"}),
        ({"year": "2024"}, {"alt"}),
        ({"q": "Saale"}, {"radweg"}),
    ],
)
def test_filters_and_search(people, register, logged_in, query, expected):
    response = logged_in("team").get(reverse("vorhaben:index"), query)
    assert response.status_code == 200
    assert titles(response, register) == expected


def test_department_filter(people, tree, register, logged_in):
    response = logged_in("team").get(reverse("vorhaben:index"), {"department": tree["sibling"].pk})
    assert titles(response, register) == {"park"}


def test_xlsx_export(people, register, logged_in):
    response = logged_in("team").get(reverse("vorhaben:index"), {"export": "xlsx"})
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]


def test_the_public_list_needs_a_fixed_number_of_queries(client, home_page, tree, district):
    page = VorhabenIndexPageFactory(parent=home_page)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
        return len(queries)

    make_vorhaben(tree["own"], state=VorhabenState.ACCEPTED, public=True, districts=[district])
    count()  # the site's root paths and settings are cached from now on
    few = count()
    for number in range(5):
        make_vorhaben(
            tree["sibling"],
            state=VorhabenState.ACCEPTED,
            public=True,
            title=f"Plan {number}",
            districts=[district],
        )
    assert count() == few


@pytest.mark.parametrize(("role", "offered"), [("team", True), ("editor", False)])
def test_the_team_is_offered_the_pre_vote_in_the_register(
    people, register, logged_in, role, offered
):
    response = logged_in(role).get(reverse("vorhaben:index"))
    assert (reverse("vorhaben:prevote") in response.text) == offered
