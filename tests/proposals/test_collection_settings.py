"""An idea collection's dates must make sense; the admin form says so in German."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from proposals.models import IdeaCollection
from tests.factories import ProjectPageFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2027, 3, 1)


def collection(page, **dates):
    values = {
        "submissions_start": DAY,
        "submissions_end": DAY + datetime.timedelta(days=10),
        "supports_until": DAY + datetime.timedelta(days=20),
        **dates,
    }
    return IdeaCollection(page=page, title="Ideen", **values)


@pytest.mark.parametrize(
    ("dates", "field"),
    [
        ({"submissions_end": DAY - datetime.timedelta(days=1)}, "submissions_end"),
        ({"supports_until": DAY + datetime.timedelta(days=5)}, "supports_until"),
    ],
)
def test_dates_out_of_order_are_refused(project_index, dates, field):
    with pytest.raises(ValidationError) as refused:
        collection(ProjectPageFactory(parent=project_index), **dates).full_clean()

    assert field in refused.value.message_dict


def test_an_editor_adds_a_collection_to_a_project_of_their_unit(
    client, people, tree, project_index
):
    page = ProjectPageFactory(parent=project_index, department=tree["own"])
    client.force_login(people["editor"])

    response = client.post(
        reverse("idea_collections:add"),
        {
            "page": page.pk,
            "title": "Ideen für den Park",
            "intro": "",
            "submissions_start": "2027-03-01",
            "submissions_end": "2027-03-05",
            "supports_until": "2027-03-02",
            "location_mode": "optional",
            "moderation": "post",
            "support_threshold": "50",
        },
    )

    assert response.status_code == 200
    assert "Die Unterstützung kann nicht vor dem Ende der Einreichung enden." in response.text
    assert not IdeaCollection.objects.exists()
