"""A small administration (as in tests/departments) and a builder for Vorhaben."""

import datetime

import pytest

from tests.departments.conftest import member, people, shared_tree, tree  # noqa: F401 - fixtures
from tests.factories import DistrictFactory
from vorhaben.models import Vorhaben, VorhabenState


def make_vorhaben(department, state=VorhabenState.SUBMITTED, **fields) -> Vorhaben:
    districts = fields.pop("districts", ())
    values = {
        "title": f"Vorhaben {department.name} {state}",
        "goal": "Die Straße soll sicherer werden.",
        "open_to_decision": "Die Lage der Querungen.",
        "contact_email": "verkehr@example.org",
        "planned_start": datetime.date(2027, 3, 1),
        "planned_end": datetime.date(2027, 5, 31),
    }
    values.update(fields)
    vorhaben = Vorhaben.objects.create(department=department, state=state, **values)
    if districts:
        vorhaben.districts.set(districts)
    return vorhaben


@pytest.fixture
def district(db):
    return DistrictFactory(name="Altstadt")


@pytest.fixture
def logged_in(client, people):  # noqa: F811
    def log_in(role):
        client.force_login(people[role])
        return client

    return log_in
