"""Facets come from the apps that own the reference data; search names none of them itself."""

import pytest

from search.facets import Facet, facets, register_facet
from search.forms import SearchForm


def test_pages_offer_project_department_topic_and_district_and_proposals_the_state():
    assert [facet.name for facet in facets()] == [
        "project",
        "department",
        "topic",
        "district",
        "state",
    ]


@pytest.mark.django_db
def test_the_search_form_has_a_field_per_facet_between_type_and_year():
    assert list(SearchForm().fields) == [
        "q",
        "kind",
        "project",
        "department",
        "topic",
        "district",
        "state",
        "year",
        "page",
    ]


def test_a_facet_name_is_registered_once():
    (department,) = [facet for facet in facets() if facet.name == "department"]
    with pytest.raises(ValueError, match="department"):
        register_facet(Facet(**{**department.__dict__}))
